"""Server-side copy and move: single CopyObject, UploadPartCopy above the threshold, resumable."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from tests.unit.core.transfers.conftest import SMALL


def _body(admin: Any, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()


def test_copy_small_and_multipart_objects_and_a_prefix(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    small, big = os.urandom(1000), os.urandom(13 * MIB + 1)
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="src/small.txt",
        Body=small,
        ContentType="text/plain",
        Metadata={"mtime": "1600000000.0"},
    )
    seaweed_admin.put_object(Bucket=bucket, Key="src/sub/big.bin", Body=big)
    seaweed_admin.create_bucket(Bucket=f"{bucket}-b")
    engine = make_engine()

    job = engine.copy(bucket, "src/", f"{bucket}-b", "dst", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert _body(seaweed_admin, f"{bucket}-b", "dst/small.txt") == small
    assert _body(seaweed_admin, f"{bucket}-b", "dst/sub/big.bin") == big
    head = seaweed_admin.head_object(Bucket=f"{bucket}-b", Key="dst/small.txt")
    assert head["ContentType"] == "text/plain" and head["Metadata"]["mtime"] == "1600000000.0"
    big_head = seaweed_admin.head_object(Bucket=f"{bucket}-b", Key="dst/sub/big.bin")
    assert big_head["ETag"].strip('"').endswith("-3")  # 5 MiB parts: UploadPartCopy was used

    job = engine.copy(
        bucket, "src/small.txt", bucket, "renamed/", replace(SMALL, metadata={"a": "b"})
    )
    assert engine.wait(job, 60).state is JobState.DONE
    head = seaweed_admin.head_object(Bucket=bucket, Key="renamed/small.txt")
    assert head["Metadata"] == {"mtime": "1600000000.0", "a": "b"}


def test_move_deletes_the_source_only_after_the_copy(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    data = os.urandom(7 * MIB)
    seaweed_admin.put_object(Bucket=bucket, Key="a.bin", Body=data)
    engine = make_engine()
    job = engine.copy(bucket, "a.bin", bucket, "b.bin", SMALL, move=True)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert _body(seaweed_admin, bucket, "b.bin") == data
    keys = [o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == ["b.bin"]


def test_interrupted_multipart_copy_continues_without_recopying_parts(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    data = os.urandom(21 * MIB)
    seaweed_admin.put_object(Bucket=bucket, Key="src.bin", Body=data)
    copied: list[int] = []
    holder: dict[str, str] = {}
    engine = make_engine(connections=1)

    def hook(params: dict[str, Any], **_: Any) -> None:
        copied.append(params["PartNumber"])

    def pause_after_two(**_: Any) -> None:
        if len(copied) >= 2 and "job" in holder:
            engine.pause(holder.pop("job"))

    session.client().meta.events.register("before-parameter-build.s3.UploadPartCopy", hook)
    session.client().meta.events.register("after-call.s3.UploadPartCopy", pause_after_two)
    job = engine.copy(bucket, "src.bin", bucket, "dst.bin", SMALL)
    holder["job"] = job
    assert engine.wait(job, 60).state is JobState.PAUSED
    first = set(copied)
    copied.clear()
    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert not first & set(copied) and first | set(copied) == {1, 2, 3, 4, 5}
    assert _body(seaweed_admin, bucket, "dst.bin") == data
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
