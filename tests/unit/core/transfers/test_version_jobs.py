"""Restoring a version and deleting chosen versions and delete markers, as engine jobs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.unit.core.s3.helpers import all_versions, enable_versioning


def _put(admin: Any, bucket: str, key: str, body: bytes) -> str:
    return admin.put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]


def _body(admin: Any, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()


def _done(engine: TransferEngine, job: str) -> None:
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, (snap.error, snap.failures)


def test_restore_copies_an_old_version_over_the_latest_and_deletes_nothing(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    enable_versioning(seaweed_admin, bucket)
    seaweed_admin.put_object(
        Bucket=bucket, Key="r.txt", Body=b"old", ContentType="text/plain", Metadata={"m": "1"}
    )
    old = all_versions(seaweed_admin, bucket)[0][1]
    _put(seaweed_admin, bucket, "r.txt", b"newer")
    engine = make_engine()

    _done(engine, engine.restore_version(bucket, "r.txt", old))

    assert _body(seaweed_admin, bucket, "r.txt") == b"old"
    head = seaweed_admin.head_object(Bucket=bucket, Key="r.txt")
    assert head["ContentType"] == "text/plain" and head["Metadata"] == {"m": "1"}
    assert head["VersionId"] != old
    assert len(all_versions(seaweed_admin, bucket)) == 3  # nothing was deleted


def test_restore_above_the_threshold_copies_part_by_part(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    enable_versioning(seaweed_admin, bucket)
    data = bytes(range(256)) * (6 * 4096 + 7)  # a little over 6 MiB
    old = _put(seaweed_admin, bucket, "big.bin", data)
    _put(seaweed_admin, bucket, "big.bin", b"replaced")
    parts: list[str] = []
    session.client().meta.events.register(
        "provide-client-params.s3.UploadPartCopy",
        lambda params, **_: parts.append(params["CopySource"]["VersionId"]),
    )
    engine = make_engine()
    options = TransferOptions(multipart_threshold=1, part_size=5 * MIB)
    _done(engine, engine.restore_version(bucket, "big.bin", old, options))
    assert parts == [old, old]  # two parts, both read from the old version
    assert _body(seaweed_admin, bucket, "big.bin") == data


def test_delete_a_chosen_version_and_remove_a_delete_marker(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    enable_versioning(seaweed_admin, bucket)
    v1 = _put(seaweed_admin, bucket, "d.txt", b"first")
    v2 = _put(seaweed_admin, bucket, "d.txt", b"second")
    marker = seaweed_admin.delete_object(Bucket=bucket, Key="d.txt")["VersionId"]
    engine = make_engine()

    _done(engine, engine.delete_chosen(bucket, [("d.txt", v1)]))
    assert {vid for _, vid, _ in all_versions(seaweed_admin, bucket)} == {v2, marker}

    _done(engine, engine.delete_chosen(bucket, [("d.txt", marker)]))
    assert [(vid, m) for _, vid, m in all_versions(seaweed_admin, bucket)] == [(v2, False)]
    assert _body(seaweed_admin, bucket, "d.txt") == b"second"
