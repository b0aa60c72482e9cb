"""Delete jobs: a prefix in batches of 1,000, selections, chosen keys and versions, whole
buckets; cancelled, resumed, and every refused key reported in words."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.core.s3.counting import count_objects
from app.core.s3.session import S3Session
from app.core.transfers import engine as engine_module
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from tests.unit.core.s3.helpers import all_keys, all_versions, enable_versioning, fill
from tests.unit.core.transfers.conftest import pause_after


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


def test_chosen_keys_with_awkward_names_are_deleted(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    keys = ["odd/trailing space ", "odd/caf\u0065\u0301.txt", "odd/tab\there", "odd/100%&+?.txt"]
    fill(seaweed_admin, bucket, [*keys, "odd/kept"])
    engine = make_engine()
    snap = engine.wait(engine.delete_chosen(bucket, [(k, None) for k in keys]), 60)
    assert snap.state is JobState.DONE and snap.progress.files_done == 4
    assert all_keys(seaweed_admin, bucket) == ["odd/kept"]


def test_a_selection_of_files_and_folders_is_one_job(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    fill(seaweed_admin, bucket, ["in/a.txt", "in/b.txt", "in/f/1", "in/f/2", "in/g/3", "in/ab"])
    engine = make_engine()
    job = engine.delete(bucket, "in/", keys=["in/a.txt", "in/f/", "in/g/"])
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE and snap.progress.files_done == 4
    assert sorted(all_keys(seaweed_admin, bucket)) == ["in/ab", "in/b.txt"]


def test_cancel_stops_between_batches_and_keeps_the_rest(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(seaweed_admin, bucket, [f"c/{i:03d}" for i in range(60)])
    monkeypatch.setattr(engine_module, "DELETE_BATCH", 10)
    engine = make_engine(connections=1)
    holder: dict[str, str] = {}
    named = threading.Event()

    def cancel_after_first_batch(**_: Any) -> None:
        named.wait(30)
        if "job" in holder:
            engine.cancel(holder.pop("job"))

    session.client().meta.events.register("after-call.s3.DeleteObjects", cancel_after_first_batch)
    job = engine.delete(bucket, "c/")
    holder["job"] = job
    named.set()
    snap = engine.wait(job, 60)
    assert snap.state is JobState.CANCELLED and snap.failures == ()
    left = all_keys(seaweed_admin, bucket, "c/")
    assert 10 <= 60 - len(left) < 60  # the batch in flight finished; no new one started
    assert snap.progress.files_done == 60 - len(left)


def test_plain_delete_on_a_versioned_bucket_leaves_delete_markers(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine]
) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, ["v/a", "v/b"])
    engine = make_engine()
    snap = engine.wait(engine.delete(bucket, "v/"), 60)
    assert snap.state is JobState.DONE and snap.progress.files_done == 2
    assert all_keys(seaweed_admin, bucket) == []
    assert sorted((k, marker) for k, _, marker in all_versions(seaweed_admin, bucket)) == [
        ("v/a", False),
        ("v/a", True),
        ("v/b", False),
        ("v/b", True),
    ]


def test_permanent_delete_of_a_prefix_removes_every_version_and_marker(
    seaweed_admin: Any, bucket: str, session: S3Session, make_engine: Callable[..., TransferEngine]
) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, ["p/a", "p/b", "q/keep"])
    fill(seaweed_admin, bucket, ["p/a"], body=b"second")
    seaweed_admin.delete_object(Bucket=bucket, Key="p/b")
    assert count_objects(session, bucket, "p/", versions=True).objects == 4
    engine = make_engine()
    snap = engine.wait(engine.delete(bucket, "p/", versions=True), 60)
    assert snap.state is JobState.DONE and snap.progress.files_done == 4
    assert all_versions(seaweed_admin, bucket, "p/") == []
    assert [k for k, _, _ in all_versions(seaweed_admin, bucket)] == ["q/keep"]


def test_per_key_failures_are_reported_in_words_not_dropped(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    # A version under legal hold cannot be deleted: DeleteObjects answers per-key AccessDenied.
    # SeaweedFS has no object lock, so this runs on moto.
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    fill(moto_admin, name, ["l/free-1", "l/free-2", "l/held"])
    moto_admin.put_object_legal_hold(Bucket=name, Key="l/held", LegalHold={"Status": "ON"})
    engine = make_moto_engine()

    snap = engine.wait(engine.delete(name, "l/", versions=True), 60)

    assert snap.state is JobState.FAILED and snap.progress.files_done == 2
    assert [f.key for f in snap.failures] == ["l/held"]
    assert snap.failures[0].message.startswith("Access denied while deleting 'l/held (version")
    assert "1 of 3 items failed" in (snap.error or "")
    assert [k for k, _, _ in all_versions(moto_admin, name)] == ["l/held"]
    moto_admin.put_object_legal_hold(Bucket=name, Key="l/held", LegalHold={"Status": "OFF"})


def test_a_refused_request_fails_every_key_of_its_batch_in_words(
    make_engine: Callable[..., TransferEngine],
) -> None:
    missing = f"t-missing-{uuid.uuid4().hex[:8]}"
    engine = make_engine()
    snap = engine.wait(engine.delete_chosen(missing, [("a", None), ("b", None)]), 60)
    assert snap.state is JobState.FAILED and snap.progress.files_done == 0
    assert [f.key for f in snap.failures] == ["a", "b"]
    assert all(missing in f.message and "does not exist" in f.message for f in snap.failures)


def test_emptying_a_bucket_then_deleting_it(
    seaweed_admin: Any, make_engine: Callable[..., TransferEngine]
) -> None:
    name = f"t-{uuid.uuid4().hex[:16]}"
    seaweed_admin.create_bucket(Bucket=name)
    fill(seaweed_admin, name, ["a", "b/c", "d/"])
    engine = make_engine()
    snap = engine.wait(engine.delete(name, "", delete_bucket=True), 60)
    assert snap.state is JobState.DONE, snap.error
    assert name not in [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]


def test_a_versioned_bucket_emptied_with_markers_is_kept_and_says_why(
    seaweed_admin: Any, make_engine: Callable[..., TransferEngine]
) -> None:
    name = f"t-{uuid.uuid4().hex[:16]}"
    seaweed_admin.create_bucket(Bucket=name)
    enable_versioning(seaweed_admin, name)
    fill(seaweed_admin, name, ["a", "b"])
    engine = make_engine()
    snap = engine.wait(engine.delete(name, "", delete_bucket=True), 60)
    assert snap.state is JobState.FAILED
    assert "versions or delete markers" in (snap.error or "")
    assert name in [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]
    assert len(all_versions(seaweed_admin, name)) == 4  # two versions, two markers

    snap = engine.wait(engine.delete(name, "", versions=True, delete_bucket=True), 60)
    assert snap.state is JobState.DONE, snap.error
    assert name not in [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]


def test_a_paused_delete_resumes_in_a_new_engine_without_listing_again(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(seaweed_admin, bucket, [f"r/{i:03d}" for i in range(50)])
    monkeypatch.setattr(engine_module, "DELETE_BATCH", 10)
    first = make_engine(connections=1)
    batches: list[int] = []
    session.client().meta.events.register(
        "after-call.s3.DeleteObjects", lambda **_: batches.append(1)
    )
    name_job = pause_after(first, "DeleteObjects", batches, 2)
    job = first.delete(bucket, "r/")
    name_job(job)
    assert first.wait(job, 60).state is JobState.PAUSED
    first.close()
    fill(seaweed_admin, bucket, ["r/new-after-the-plan"])  # not in the journaled plan
    left = len(all_keys(seaweed_admin, bucket, "r/"))
    assert 1 < left < 51

    second = make_engine()
    assert job in second.resume_unfinished(start=False)
    second.resume(job)
    snap = second.wait(job, 60)
    assert snap.state is JobState.DONE and snap.progress.files_done == 50
    assert all_keys(seaweed_admin, bucket, "r/") == ["r/new-after-the-plan"]
