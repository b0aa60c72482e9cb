"""Rewriting many objects in one job: metadata, storage class, encryption, tags, ACL; what is
not named is kept, and objects that could not be changed are listed with the reason."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core import secrets
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobState
from app.core.transfers.object_change import Encryption, EncryptionKind, ObjectChange
from app.core.transfers.options import MIB, TransferOptions
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from tests.unit.core.s3.helpers import all_versions, enable_versioning, fill


def _moto_bucket(moto_admin: Any) -> str:
    name = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=name)
    return name


def _tags(admin: Any, bucket: str, key: str) -> dict[str, str]:
    tag_set = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
    return {t["Key"]: t["Value"] for t in tag_set}


def test_a_metadata_change_to_a_folder_keeps_what_it_does_not_name(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    for i in range(5):
        seaweed_admin.put_object(
            Bucket=bucket,
            Key=f"docs/{i}.txt",
            Body=f"body {i}".encode(),
            ContentType="text/plain",
            CacheControl="max-age=60",
            Metadata={"keep": "yes", "drop": "me"},
            Tagging="team=blue",
        )
    seaweed_admin.put_object(Bucket=bucket, Key="other.txt", Body=b"x", Metadata={"keep": "no"})
    engine = make_engine()
    change = ObjectChange(
        headers={"ContentDisposition": "attachment", "CacheControl": None},
        metadata_set={"owner": "ops"},
        metadata_removed=("drop",),
    )

    job = engine.rewrite(bucket, "docs/", change)
    snap = engine.wait(job, 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert snap.kind is JobKind.REWRITE and snap.progress.files_done == 5
    for i in range(5):
        head = seaweed_admin.head_object(Bucket=bucket, Key=f"docs/{i}.txt")
        assert head["Metadata"] == {"keep": "yes", "owner": "ops"}
        assert head["ContentType"] == "text/plain"
        assert head["ContentDisposition"] == "attachment"
        assert "CacheControl" not in head
        body = seaweed_admin.get_object(Bucket=bucket, Key=f"docs/{i}.txt")["Body"].read()
        assert body == f"body {i}".encode()
        assert _tags(seaweed_admin, bucket, f"docs/{i}.txt") == {"team": "blue"}
    other = seaweed_admin.head_object(Bucket=bucket, Key="other.txt")
    assert other["Metadata"] == {"keep": "no"}  # outside the folder: untouched


def test_tags_alone_are_written_without_a_new_version(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    enable_versioning(seaweed_admin, bucket)
    for key in ("a", "b"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=b"x", Tagging="old=1&keep=2")
    engine = make_engine()
    change = ObjectChange(tags_set={"new": "3"}, tags_removed=("old",))

    snap = engine.wait(engine.rewrite(bucket, ["a", "b"], change), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    for key in ("a", "b"):
        assert _tags(seaweed_admin, bucket, key) == {"keep": "2", "new": "3"}
    assert len(all_versions(seaweed_admin, bucket)) == 2


def test_storage_class_and_encryption_change_on_moto_and_a_new_version_each(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    enable_versioning(moto_admin, bucket)
    fill(moto_admin, bucket, [f"f/{i}" for i in range(4)], b"data")
    moto_admin.put_object(Bucket=bucket, Key="f/0", Body=b"data", Metadata={"m": "1"})
    engine = make_moto_engine()
    change = ObjectChange(storage_class="STANDARD_IA", encryption=Encryption(EncryptionKind.SSE_S3))

    snap = engine.wait(engine.rewrite(bucket, "f/", change), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    for i in range(4):
        head = moto_admin.head_object(Bucket=bucket, Key=f"f/{i}")
        assert head["StorageClass"] == "STANDARD_IA"
        assert head["ServerSideEncryption"] == "AES256"
    assert moto_admin.head_object(Bucket=bucket, Key="f/0")["Metadata"] == {"m": "1"}
    versions = all_versions(moto_admin, bucket, "f/")
    assert len([v for v in versions if v[0] == "f/1"]) == 2


def test_an_object_already_as_asked_is_not_rewritten(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    enable_versioning(moto_admin, bucket)
    moto_admin.put_object(Bucket=bucket, Key="done", Body=b"x", StorageClass="STANDARD_IA")
    moto_admin.put_object(Bucket=bucket, Key="todo", Body=b"x")
    engine = make_moto_engine()

    change = ObjectChange(storage_class="STANDARD_IA")
    snap = engine.wait(engine.rewrite(bucket, "", change), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    counts = {k: 0 for k in ("done", "todo")}
    for key, _version, _marker in all_versions(moto_admin, bucket):
        counts[key] += 1
    assert counts == {"done": 1, "todo": 2}


def test_a_large_object_is_rewritten_part_by_part_keeping_its_tags(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    data = bytes(range(256)) * (7 * 4096)  # 7 MiB
    moto_admin.put_object(Bucket=bucket, Key="big", Body=data, Metadata={"a": "1"}, Tagging="t=v")
    parts: list[dict[str, Any]] = []
    engine = make_moto_engine()
    engine.session.client().meta.events.register(
        "provide-client-params.s3.UploadPartCopy", lambda params, **_: parts.append(params)
    )
    options = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB)

    change = ObjectChange(metadata_set={"b": "2"})
    snap = engine.wait(engine.rewrite(bucket, "big", change, options), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert len(parts) == 2
    head = moto_admin.head_object(Bucket=bucket, Key="big")
    assert head["Metadata"] == {"a": "1", "b": "2"}
    assert moto_admin.get_object(Bucket=bucket, Key="big")["Body"].read() == data
    assert _tags(moto_admin, bucket, "big") == {"t": "v"}


def test_objects_that_cannot_be_changed_are_listed_with_the_reason(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="ok", Body=b"x")
    moto_admin.put_object(Bucket=bucket, Key="frozen", Body=b"x", StorageClass="GLACIER")
    engine = make_moto_engine()

    snap = engine.wait(engine.rewrite(bucket, "", ObjectChange(metadata_set={"k": "v"})), 60)

    assert snap.state is JobState.FAILED
    assert [f.key for f in snap.failures] == ["frozen"]
    assert snap.failures[0].message
    assert moto_admin.head_object(Bucket=bucket, Key="ok")["Metadata"] == {"k": "v"}


def test_a_canned_acl_alone_is_put_without_a_copy(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="p", Body=b"x")
    engine = make_moto_engine()

    snap = engine.wait(engine.rewrite(bucket, "p", ObjectChange(acl="public-read")), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    grants = moto_admin.get_object_acl(Bucket=bucket, Key="p")["Grants"]
    assert any(g["Grantee"].get("URI", "").endswith("/AllUsers") for g in grants)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"headers": {"X-Thing": "1"}},
        {"headers": {"ContentType": None}},
        {"metadata_set": {"bad name": "1"}},
        {"tags_set": {"a": "1"}, "tags_removed": ("a",)},
        {"acl": "everyone"},
        {"headers": {"Expires": "tomorrow"}},
    ],
)
def test_a_change_that_cannot_be_made_is_refused_before_a_job(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ObjectChange(**kwargs)


def test_a_change_survives_its_journal_form() -> None:
    change = ObjectChange(
        headers={"CacheControl": None, "Expires": "Wed, 21 Oct 2026 07:28:00 GMT"},
        metadata_set={"a": "1"},
        metadata_removed=("b",),
        storage_class="GLACIER_IR",
        encryption=Encryption(EncryptionKind.SSE_KMS, kms_key_id="alias/k"),
        tags_set={"t": "1"},
        tags_removed=("u",),
        acl="private",
    )
    assert ObjectChange.from_json(change.to_json()) == change


def test_a_rewrite_keeps_grants_a_copy_would_reset(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = _moto_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="shared", Body=b"x", ACL="public-read")
    moto_admin.put_object(Bucket=bucket, Key="private", Body=b"x")
    engine = make_moto_engine()

    snap = engine.wait(engine.rewrite(bucket, "", ObjectChange(metadata_set={"k": "v"})), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)

    def public(key: str) -> bool:
        grants = moto_admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        return any(g["Grantee"].get("URI", "").endswith("/AllUsers") for g in grants)

    assert moto_admin.head_object(Bucket=bucket, Key="shared")["Metadata"] == {"k": "v"}
    assert public("shared") and not public("private")


def test_a_large_kms_object_keeps_its_key_through_a_multipart_rewrite(
    moto: Any, moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    bucket = _moto_bucket(moto_admin)
    data = b"k" * (7 * MIB)
    moto_admin.put_object(
        Bucket=bucket, Key="big", Body=data, ServerSideEncryption="aws:kms", SSEKMSKeyId=key_id
    )
    engine = make_moto_engine()
    options = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB)

    change = ObjectChange(headers={"ContentType": "application/x-thing"})
    snap = engine.wait(engine.rewrite(bucket, "big", change, options), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    head = moto_admin.head_object(Bucket=bucket, Key="big")
    assert head["ContentType"] == "application/x-thing"
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"].endswith(key_id)
    assert head["ContentLength"] == len(data)


def test_objects_are_rewritten_into_sse_c_with_the_bookmarks_key(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    key = os.urandom(32)
    secrets.set_secret("vault-key", SSE_C_SECRET_KIND, base64.b64encode(key).decode())
    seaweed_admin.put_object(Bucket=bucket, Key="plain", Body=b"secret body", Metadata={"a": "1"})
    engine = make_engine()
    change = ObjectChange(encryption=Encryption(EncryptionKind.SSE_C, customer_key_ref="vault-key"))

    snap = engine.wait(engine.rewrite(bucket, "plain", change), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    read = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}
    head = seaweed_admin.head_object(Bucket=bucket, Key="plain", **read)
    assert head["SSECustomerAlgorithm"] == "AES256" and head["Metadata"] == {"a": "1"}
    body = seaweed_admin.get_object(Bucket=bucket, Key="plain", **read)["Body"].read()
    assert body == b"secret body"
    with pytest.raises(ClientError):  # without the key it cannot be read any more
        seaweed_admin.get_object(Bucket=bucket, Key="plain")
