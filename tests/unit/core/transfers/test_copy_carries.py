"""What a server-side copy keeps of its source: metadata, content headers, tags, storage class,
SSE-KMS key; and how a move treats the sources it could not copy."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_keys, fill
from tests.unit.core.transfers.conftest import SMALL

SINGLE = TransferOptions()  # below the 8 MiB threshold: one CopyObject
MULTIPART = TransferOptions(multipart_threshold=1, part_size=5 * MIB)  # always UploadPartCopy


def _body(admin: Any, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()


def _new_bucket(admin: Any) -> str:
    name = f"t-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name)
    return name


def _done(engine: TransferEngine, job: str) -> None:
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, (snap.error, snap.failures)


def test_multipart_copy_carries_bytes_metadata_headers_and_tags(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    data = bytes(range(251)) * (11 * MIB // 251)  # ~11 MiB: three parts of 5 MiB at most
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="big.bin",
        Body=data,
        ContentType="application/x-test",
        ContentDisposition="attachment",
        Metadata={"k": "v"},
        Tagging="team=blue&tier=2",
    )
    ranges: list[str] = []
    session.client().meta.events.register(
        "provide-client-params.s3.UploadPartCopy",
        lambda params, **_: ranges.append(params["CopySourceRange"]),
    )
    engine = make_engine()
    _done(engine, engine.copy(bucket, "big.bin", bucket, "copy of big.bin", SMALL))

    assert sorted(ranges) == sorted(
        [
            f"bytes=0-{5 * MIB - 1}",
            f"bytes={5 * MIB}-{10 * MIB - 1}",
            f"bytes={10 * MIB}-{len(data) - 1}",
        ]
    )
    assert _body(seaweed_admin, bucket, "copy of big.bin") == data
    head = seaweed_admin.head_object(Bucket=bucket, Key="copy of big.bin")
    assert head["ContentType"] == "application/x-test" and head["Metadata"] == {"k": "v"}
    assert head["ContentDisposition"] == "attachment"
    tags = seaweed_admin.get_object_tagging(Bucket=bucket, Key="copy of big.bin")["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("team", "blue"), ("tier", "2")]


def test_single_copy_keeps_tags_and_metadata_across_buckets(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="src.txt",
        Body=b"hello",
        ContentType="text/markdown",
        Metadata={"owner": "ada"},
        CacheControl="max-age=60",
        Tagging="a=1",
    )
    other = _new_bucket(seaweed_admin)
    engine = make_engine()
    _done(engine, engine.copy(bucket, "src.txt", other, "dst.txt", SINGLE))
    head = seaweed_admin.head_object(Bucket=other, Key="dst.txt")
    assert head["ContentType"] == "text/markdown" and head["Metadata"] == {"owner": "ada"}
    assert head["CacheControl"] == "max-age=60"
    tags = seaweed_admin.get_object_tagging(Bucket=other, Key="dst.txt")["TagSet"]
    assert [(t["Key"], t["Value"]) for t in tags] == [("a", "1")]
    assert _body(seaweed_admin, bucket, "src.txt") == b"hello"  # a copy keeps its source


@pytest.mark.parametrize("options", [SINGLE, MULTIPART], ids=["single", "multipart"])
def test_copy_keeps_the_storage_class(
    options: TransferOptions, moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    # SeaweedFS ignores storage classes; moto keeps them.
    name = _new_bucket(moto_admin)
    moto_admin.put_object(Bucket=name, Key="ia.bin", Body=b"1", StorageClass="STANDARD_IA")
    engine = make_moto_engine()
    _done(engine, engine.copy(name, "ia.bin", name, "copy.bin", options))
    assert moto_admin.head_object(Bucket=name, Key="copy.bin")["StorageClass"] == "STANDARD_IA"


@pytest.mark.parametrize("options", [SINGLE, MULTIPART], ids=["single", "multipart"])
def test_copy_keeps_the_objects_kms_key_over_the_bucket_default(
    options: TransferOptions,
    moto: RunningS3,
    moto_admin: Any,
    make_moto_engine: Callable[..., TransferEngine],
) -> None:
    # KMS runs on moto (SeaweedFS has no KMS). The bucket's default key differs from the
    # object's, so a copy that forgot the object's key would land on the default one.
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )
    object_key_id = kms.create_key()["KeyMetadata"]["Arn"]
    default_key_id = kms.create_key()["KeyMetadata"]["Arn"]
    name = _new_bucket(moto_admin)
    moto_admin.put_bucket_encryption(
        Bucket=name,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": default_key_id,
                    }
                }
            ]
        },
    )
    moto_admin.put_object(
        Bucket=name,
        Key="secret.bin",
        Body=b"classified",
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId=object_key_id,
    )
    engine = make_moto_engine()
    _done(engine, engine.copy(name, "secret.bin", name, "copy.bin", options))
    head = moto_admin.head_object(Bucket=name, Key="copy.bin")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"] == object_key_id
    assert _body(moto_admin, name, "copy.bin") == b"classified"


def test_a_move_keeps_every_source_it_could_not_copy(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    # A GLACIER object cannot be copied (InvalidObjectState); SeaweedFS has no archive tier.
    name = _new_bucket(moto_admin)
    fill(moto_admin, name, ["src/a.txt", "src/b.txt"])
    moto_admin.put_object(Bucket=name, Key="src/frozen.bin", Body=b"ice", StorageClass="GLACIER")
    engine = make_moto_engine()

    snap = engine.wait(engine.copy(name, "src/", name, "dst/", SINGLE, move=True), 60)

    assert snap.state is JobState.FAILED
    assert [f.key for f in snap.failures] == ["dst/frozen.bin"]
    assert "frozen.bin" in snap.failures[0].message
    assert sorted(all_keys(moto_admin, name)) == ["dst/a.txt", "dst/b.txt", "src/frozen.bin"]


def test_cancelling_a_multipart_copy_aborts_its_upload(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    fill(seaweed_admin, bucket, ["big.bin"], body=b"q" * (16 * MIB))
    engine = make_engine(connections=1)
    holder: dict[str, str] = {}
    named = threading.Event()  # the first part may be copied before copy() has returned

    def cancel_after_first_part(**_: Any) -> None:
        named.wait(30)
        if "job" in holder:
            engine.cancel(holder.pop("job"))

    session.client().meta.events.register("after-call.s3.UploadPartCopy", cancel_after_first_part)
    job = engine.copy(bucket, "big.bin", bucket, "never.bin", SMALL)
    holder["job"] = job
    named.set()
    snap = engine.wait(job, 60)
    assert snap.state is JobState.CANCELLED
    assert all_keys(seaweed_admin, bucket) == ["big.bin"]
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
