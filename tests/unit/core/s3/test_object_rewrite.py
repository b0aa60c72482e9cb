"""Rewriting one object in place (metadata, storage class, encryption) on moto and SeaweedFS;
each result is read back with the tests' own boto3 client."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

from app.core.s3.acl import Grant, Grantee, Group, Permission, put_object_acl
from app.core.s3.object_metadata import ObjectMetadata
from app.core.s3.object_rewrite import (
    EncryptionChoice,
    ObjectChange,
    RewriteRefused,
    expires_value,
    rewrite_object,
)
from app.core.s3.session import S3Session
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import RunningS3


@pytest.fixture(params=["moto", "seaweed"])
def server(request: pytest.FixtureRequest) -> RunningS3:
    running: RunningS3 = request.getfixturevalue(request.param)
    return running


@pytest.fixture
def admin(server: RunningS3) -> Any:
    return admin_client(server)


@pytest.fixture
def session(server: RunningS3) -> S3Session:
    return S3Session(connection_for(server))


@pytest.fixture
def rbucket(admin: Any) -> str:
    name = f"rw-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name)
    return name


def test_a_metadata_change_keeps_the_body_the_tags_and_the_untouched_headers(
    session: S3Session, admin: Any, rbucket: str
) -> None:
    admin.put_object(
        Bucket=rbucket,
        Key="a.txt",
        Body=b"hello",
        ContentType="text/plain",
        CacheControl="max-age=60",
        Metadata={"author": "ada"},
        Tagging="team=ops",
    )
    new = ObjectMetadata(
        content_type="text/markdown",
        cache_control="max-age=60",
        content_language="en",
        user={"author": "ada", "reviewed": "yes"},
    )

    rewrite_object(session, rbucket, "a.txt", ObjectChange(metadata=new))

    head = admin.head_object(Bucket=rbucket, Key="a.txt")
    assert head["ContentType"] == "text/markdown"
    assert head["CacheControl"] == "max-age=60"
    assert head["ContentLanguage"] == "en"
    assert head["Metadata"] == {"author": "ada", "reviewed": "yes"}
    assert admin.get_object(Bucket=rbucket, Key="a.txt")["Body"].read() == b"hello"
    tags = admin.get_object_tagging(Bucket=rbucket, Key="a.txt")["TagSet"]
    assert tags == [{"Key": "team", "Value": "ops"}]


def test_a_storage_class_change_keeps_the_metadata(
    session: S3Session, admin: Any, rbucket: str
) -> None:
    admin.put_object(Bucket=rbucket, Key="b", Body=b"x", Metadata={"k": "v"})

    rewrite_object(session, rbucket, "b", ObjectChange(storage_class="STANDARD_IA"))

    head = admin.head_object(Bucket=rbucket, Key="b")
    assert head.get("StorageClass") == "STANDARD_IA"
    assert head["Metadata"] == {"k": "v"}


def test_an_encryption_change_to_sse_s3(session: S3Session, admin: Any, rbucket: str) -> None:
    admin.put_object(Bucket=rbucket, Key="c", Body=b"secret", ContentType="text/plain")

    rewrite_object(session, rbucket, "c", ObjectChange(encryption=EncryptionChoice("SSE-S3")))

    head = admin.head_object(Bucket=rbucket, Key="c")
    assert head.get("ServerSideEncryption") == "AES256"
    assert head["ContentType"] == "text/plain"


def test_grants_beyond_the_owner_survive_a_rewrite(
    session: S3Session, admin: Any, rbucket: str
) -> None:
    # SeaweedFS makes buckets with ACLs disabled; both servers then take ACLs.
    admin.put_bucket_ownership_controls(
        Bucket=rbucket, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )
    admin.put_object(Bucket=rbucket, Key="d", Body=b"x")
    put_object_acl(
        session,
        rbucket,
        "d",
        [Grant(Grantee.group(Group.ALL_USERS), Permission.READ)],
    )

    rewrite_object(session, rbucket, "d", ObjectChange(storage_class="STANDARD_IA"))

    grants = admin.get_object_acl(Bucket=rbucket, Key="d")["Grants"]
    assert any(
        g["Grantee"].get("URI") == Group.ALL_USERS.value and g["Permission"] == "READ"
        for g in grants
    )


def test_above_the_threshold_the_rewrite_is_a_multipart_copy(
    session: S3Session, admin: Any, rbucket: str
) -> None:
    body = os.urandom(11 * 1024 * 1024)
    admin.put_object(Bucket=rbucket, Key="big", Body=body, Metadata={"k": "v"}, Tagging="a=b")

    rewrite_object(
        session,
        rbucket,
        "big",
        ObjectChange(metadata=ObjectMetadata(content_type="application/x-big", user={"k": "w"})),
        multipart_threshold=1024 * 1024,
        part_size=5 * 1024 * 1024,
    )

    head = admin.head_object(Bucket=rbucket, Key="big")
    assert head["ContentType"] == "application/x-big"
    assert head["Metadata"] == {"k": "w"}
    assert "-" in head["ETag"]  # a multipart ETag: the object was copied in parts
    assert admin.get_object(Bucket=rbucket, Key="big")["Body"].read() == body
    tags = admin.get_object_tagging(Bucket=rbucket, Key="big")["TagSet"]
    assert tags == [{"Key": "a", "Value": "b"}]


def test_nothing_to_change_and_bad_input_are_refused_in_words() -> None:
    with pytest.raises(RewriteRefused, match="256-bit"):
        EncryptionChoice("SSE-C", customer_key=b"short")
    with pytest.raises(RewriteRefused, match="not an encryption"):
        EncryptionChoice("rot13")
    with pytest.raises(RewriteRefused, match="HTTP date"):
        expires_value("next tuesday")
    assert expires_value("Wed, 21 Oct 2026 07:28:00 GMT").year == 2026
    assert "secret" not in repr(EncryptionChoice("SSE-C", customer_key=b"s" * 32))
