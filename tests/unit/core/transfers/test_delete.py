"""Delete jobs: a prefix in batches of 1,000, and every version when asked."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState


def test_prefix_delete_uses_batches_and_leaves_the_rest(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    keys = [f"gone/{i:04d}" for i in range(1005)]
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda k: seaweed_admin.put_object(Bucket=bucket, Key=k, Body=b"x"), keys))
    seaweed_admin.put_object(Bucket=bucket, Key="kept.txt", Body=b"y")
    batches: list[int] = []
    session.client().meta.events.register(
        "before-parameter-build.s3.DeleteObjects",
        lambda params, **_: batches.append(len(params["Delete"]["Objects"])),
    )
    engine = make_engine()
    job = engine.delete(bucket, "gone/")
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert sorted(batches) == [5, 1000]
    assert snap.progress.files_done == 1005
    left = [o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]]
    assert left == ["kept.txt"]


def test_delete_with_versions_removes_every_version_and_marker(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    for body in (b"v1", b"v2"):
        seaweed_admin.put_object(Bucket=bucket, Key="doc.txt", Body=body)
    seaweed_admin.delete_object(Bucket=bucket, Key="doc.txt")  # a delete marker on top
    seaweed_admin.put_object(Bucket=bucket, Key="doc.txt.bak", Body=b"other")
    engine = make_engine()

    job = engine.delete(bucket, "doc.txt", versions=True)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert snap.progress.files_done == 3
    listing = seaweed_admin.list_object_versions(Bucket=bucket)
    remaining = [v["Key"] for v in listing.get("Versions", [])]
    assert remaining == ["doc.txt.bak"] and not listing.get("DeleteMarkers")
