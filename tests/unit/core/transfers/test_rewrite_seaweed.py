"""Rewrite jobs on SeaweedFS (the moto cases are in test_rewrite.py): the cases the Info
window's one-object writer was tested with, now on the engine path, and a list of grants."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from app.core.s3.acl import Grant, Grantee, Group, Permission
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.object_change import Encryption, EncryptionKind, ObjectChange
from app.core.transfers.options import MIB, TransferOptions

ALL_USERS_READ = Grant(Grantee.group(Group.ALL_USERS), Permission.READ)


def _allow_acls(admin: Any, bucket: str) -> None:
    """SeaweedFS makes buckets with ACLs disabled; this turns them on."""
    admin.put_bucket_ownership_controls(
        Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )


def _public(admin: Any, bucket: str, key: str) -> bool:
    grants = admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(
        g["Grantee"].get("URI") == Group.ALL_USERS.value and g["Permission"] == "READ"
        for g in grants
    )


def _run(engine: TransferEngine, bucket: str, names: Any, change: ObjectChange, **kw: Any) -> Any:
    snap = engine.wait(engine.rewrite(bucket, names, change, kw.get("options")), 60)
    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    return snap


def test_one_object_metadata_change_keeps_body_tags_and_untouched_headers(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="a.txt",
        Body=b"hello",
        ContentType="text/plain",
        CacheControl="max-age=60",
        Metadata={"author": "ada"},
        Tagging="team=ops",
    )
    change = ObjectChange(
        headers={"ContentType": "text/markdown", "ContentLanguage": "en"},
        metadata_set={"author": "grace"},
    )
    _run(make_engine(), bucket, "a.txt", change)

    head = seaweed_admin.head_object(Bucket=bucket, Key="a.txt")
    assert head["ContentType"] == "text/markdown"
    assert head["ContentLanguage"] == "en"
    assert head["CacheControl"] == "max-age=60"
    assert head["Metadata"] == {"author": "grace"}
    assert seaweed_admin.get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"hello"
    tags = seaweed_admin.get_object_tagging(Bucket=bucket, Key="a.txt")["TagSet"]
    assert tags == [{"Key": "team", "Value": "ops"}]


def test_an_encryption_change_to_sse_s3_keeps_the_metadata(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="e", Body=b"x", Metadata={"k": "v"})
    _run(make_engine(), bucket, "e", ObjectChange(encryption=Encryption(EncryptionKind.SSE_S3)))

    head = seaweed_admin.head_object(Bucket=bucket, Key="e")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["Metadata"] == {"k": "v"}


def test_grants_beyond_the_owner_survive_a_rewrite(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    _allow_acls(seaweed_admin, bucket)
    seaweed_admin.put_object(Bucket=bucket, Key="d", Body=b"x")
    engine = make_engine()
    _run(engine, bucket, "d", ObjectChange(grants=(ALL_USERS_READ,)))
    assert _public(seaweed_admin, bucket, "d")

    _run(engine, bucket, "d", ObjectChange(metadata_set={"k": "v"}))

    assert seaweed_admin.head_object(Bucket=bucket, Key="d")["Metadata"] == {"k": "v"}
    assert _public(seaweed_admin, bucket, "d")


def test_above_the_threshold_the_rewrite_is_a_multipart_copy(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    body = os.urandom(11 * MIB)
    seaweed_admin.put_object(Bucket=bucket, Key="big", Body=body, Metadata={"k": "v"})
    options = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB)
    change = ObjectChange(headers={"ContentType": "application/x-big"}, metadata_set={"k": "w"})

    _run(make_engine(), bucket, "big", change, options=options)

    head = seaweed_admin.head_object(Bucket=bucket, Key="big")
    assert head["ContentType"] == "application/x-big"
    assert head["Metadata"] == {"k": "w"}
    assert "-" in head["ETag"]  # a multipart ETag: the object was copied in parts
    assert seaweed_admin.get_object(Bucket=bucket, Key="big")["Body"].read() == body


def test_a_list_of_grants_replaces_the_acl_of_each_object_without_a_copy(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    _allow_acls(seaweed_admin, bucket)
    for key in ("g/1", "g/2"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=b"x")
    etag = seaweed_admin.head_object(Bucket=bucket, Key="g/1")["ETag"]

    snap = _run(make_engine(), bucket, "g/", ObjectChange(grants=(ALL_USERS_READ,)))

    assert snap.progress.files_done == 2
    assert _public(seaweed_admin, bucket, "g/1") and _public(seaweed_admin, bucket, "g/2")
    assert seaweed_admin.head_object(Bucket=bucket, Key="g/1")["ETag"] == etag  # not copied


@pytest.mark.parametrize(
    "kwargs",
    [
        {"grants": (ALL_USERS_READ,), "acl": "private"},
        {"grants": (Grant(Grantee.email("nobody"), Permission.READ),)},
    ],
)
def test_grants_that_cannot_be_sent_are_refused_before_a_job(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ObjectChange(**kwargs)


def test_grants_survive_the_journal_form() -> None:
    change = ObjectChange(grants=(ALL_USERS_READ, Grant(Grantee.email("a@b.c"), Permission.WRITE)))
    assert ObjectChange.from_json(change.to_json()) == change
