"""Sync against SeaweedFS: both directions, deletions, changes by size/time/content, NFD names,
and the promise that a dry run lists exactly what the real run then does."""

from __future__ import annotations

import os
import time
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from app.core.transfers.sync import (
    ActionKind,
    CompareMode,
    Direction,
    SyncOptions,
    SyncPlan,
    plan_sync,
    run_sync,
)
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file

PAST = time.time() - 3600  # files "written an hour ago", so a later change is clearly newer


def make_tree(root: Path, files: dict[str, int]) -> dict[str, bytes]:
    data = {}
    for name, size in files.items():
        data[name] = random_file(root / name, size)
        os.utime(root / name, (PAST, PAST))
    return data


def remote_tree(admin: Any, bucket: str, prefix: str = "") -> dict[str, bytes]:
    out = {}
    for page in admin.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", ()):
            body = admin.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
            out[obj["Key"][len(prefix) :]] = body
    return out


def local_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def actions(plan: SyncPlan) -> set[tuple[str, str]]:
    return {(a.kind.value, a.name) for a in plan.transfers + plan.deletions}


@pytest.fixture
def engine(make_engine: Callable[..., TransferEngine]) -> TransferEngine:
    return make_engine()


def run(engine: TransferEngine, plan: SyncPlan, options: TransferOptions = SMALL) -> None:
    result = run_sync(engine, plan, options, timeout=120)
    assert result.ok, (result.failures, [j.error for j in result.jobs])


def test_upload_sync_new_changed_and_deleted(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src, {"a.txt": 10, "sub/b.bin": 7 * MIB, "sub/deep/c": 300, "z": 0})
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "mirror", transfer_options=SMALL)
    assert actions(plan) == {
        ("upload", "a.txt"),
        ("upload", "sub/b.bin"),
        ("upload", "sub/deep/c"),
        ("upload", "z"),
    }
    assert {a.reason for a in plan.transfers} == {"new file"}
    run(engine, plan)
    assert remote_tree(seaweed_admin, bucket, "mirror/") == local_tree(src)

    again = plan_sync(session, Direction.UPLOAD, src, bucket, "mirror/", transfer_options=SMALL)
    assert again.empty and again.unchanged == 4, list(again.lines())

    # a size change, an mtime change (same size), a local deletion, an extra remote object
    (src / "a.txt").write_bytes(b"now longer than ten")
    os.utime(src / "a.txt", (PAST, PAST))
    (src / "sub/deep/c").write_bytes(os.urandom(300))  # same size, edited after the upload
    os.utime(src / "sub/deep/c", (time.time() + 60, time.time() + 60))
    (src / "z").unlink()
    seaweed_admin.put_object(Bucket=bucket, Key="mirror/extra/e.txt", Body=b"extra")

    without_delete = plan_sync(session, Direction.UPLOAD, src, bucket, "mirror/")
    assert actions(without_delete) == {("upload", "a.txt"), ("upload", "sub/deep/c")}
    assert without_delete.deletions == [] and without_delete.extras_kept == 2

    plan = plan_sync(
        session, Direction.UPLOAD, src, bucket, "mirror/", SyncOptions(delete=True), SMALL
    )
    reasons = {a.name: a.reason for a in plan.transfers}
    assert reasons["a.txt"].startswith("size differs")
    assert reasons["sub/deep/c"] == "local file is newer"
    assert {(a.kind, a.key) for a in plan.deletions} == {
        (ActionKind.DELETE_REMOTE, "mirror/z"),
        (ActionKind.DELETE_REMOTE, "mirror/extra/e.txt"),
    }
    run(engine, plan)
    assert remote_tree(seaweed_admin, bucket, "mirror/") == local_tree(src)
    assert plan_sync(session, Direction.UPLOAD, src, bucket, "mirror/", SyncOptions(True)).empty


def test_download_sync_new_changed_and_deleted(
    engine: TransferEngine,
    session: S3Session,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    for key, body in {"p/a.txt": b"alpha", "p/sub/b": b"b" * 5000, "p/c": b"ccc"}.items():
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=body)
    # A folder marker, through a client of its own: SeaweedFS answers an empty PUT of a key
    # ending in '/' so that the next request on the same connection waits for a read timeout.
    admin_client(seaweed).put_object(Bucket=bucket, Key="p/emptydir/", Body=b"")
    seaweed_admin.put_object(Bucket=bucket, Key="q/other.txt", Body=b"not under the prefix")
    dst = tmp_path / "dst"
    plan = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "p/")
    assert actions(plan) == {("download", "a.txt"), ("download", "sub/b"), ("download", "c")}
    run(engine, plan)
    assert local_tree(dst) == {"a.txt": b"alpha", "sub/b": b"b" * 5000, "c": b"ccc"}
    assert plan_sync(session, Direction.DOWNLOAD, dst, bucket, "p/").empty

    # local files an hour old; then the remote changes (same size for c) and a local extra
    for path in dst.rglob("*"):
        if path.is_file():
            os.utime(path, (PAST, PAST))
    seaweed_admin.put_object(Bucket=bucket, Key="p/c", Body=b"CCC")
    seaweed_admin.put_object(Bucket=bucket, Key="p/a.txt", Body=b"alpha, longer")
    seaweed_admin.delete_object(Bucket=bucket, Key="p/sub/b")
    (dst / "local-only.txt").write_bytes(b"mine")

    kept = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "p/")
    assert actions(kept) == {("download", "a.txt"), ("download", "c")}
    assert kept.extras_kept == 2

    plan = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "p/", SyncOptions(delete=True))
    assert {a.name: a.reason for a in plan.transfers}["c"] == "object is newer"
    assert {(a.kind, a.name) for a in plan.deletions} == {
        (ActionKind.DELETE_LOCAL, "sub/b"),
        (ActionKind.DELETE_LOCAL, "local-only.txt"),
    }
    run(engine, plan)
    assert local_tree(dst) == {"a.txt": b"alpha, longer", "c": b"CCC"}
    assert plan_sync(session, Direction.DOWNLOAD, dst, bucket, "p/", SyncOptions(True)).empty


def test_round_trip_keeps_mtimes_and_needs_nothing(
    engine: TransferEngine, session: S3Session, bucket: str, tmp_path: Path
) -> None:
    """Upload stores the mtime; a download sync restores it; neither direction re-transfers."""
    src, dst = tmp_path / "src", tmp_path / "dst"
    make_tree(src, {"one": 100, "two/three": 2000})
    run(engine, plan_sync(session, Direction.UPLOAD, src, bucket, ""))
    run(engine, plan_sync(session, Direction.DOWNLOAD, dst, bucket, ""))
    assert local_tree(dst) == local_tree(src)
    assert int((dst / "one").stat().st_mtime) == int(PAST)
    for direction, folder in ((Direction.DOWNLOAD, dst), (Direction.UPLOAD, src)):
        plan = plan_sync(session, direction, folder, bucket, "", SyncOptions(delete=True))
        assert plan.empty and plan.unchanged == 2, list(plan.lines())
    exact = plan_sync(
        session, Direction.DOWNLOAD, dst, bucket, "", SyncOptions(True, exact_timestamps=True)
    )
    assert exact.empty and exact.unchanged == 2


def test_checksum_mode_catches_same_size_same_mtime_change(
    engine: TransferEngine, session: S3Session, bucket: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src, {"small.txt": 1000, "multi.bin": 7 * MIB})
    options = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB)
    run(engine, plan_sync(session, Direction.UPLOAD, src, bucket, "c/"), options)
    checksum = SyncOptions(compare=CompareMode.CHECKSUM)
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "c/", checksum, options)
    assert plan.empty and plan.unchanged == 2, list(plan.lines())

    for name in ("small.txt", "multi.bin"):
        path = src / name
        st = path.stat()
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert plan_sync(session, Direction.UPLOAD, src, bucket, "c/", transfer_options=options).empty
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "c/", checksum, options)
    assert {a.name: a.reason for a in plan.transfers} == {
        "small.txt": "content differs (MD5)",
        "multi.bin": "content differs (multipart ETag matches no known part size)",
    }
    run(engine, plan, options)
    assert plan_sync(session, Direction.UPLOAD, src, bucket, "c/", checksum, options).empty


def test_checksum_mode_uses_stored_sha256(
    engine: TransferEngine, session: S3Session, bucket: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src, {"f.bin": 7 * MIB})
    # parts of 6 MiB: no part size the comparison would guess, so only the SHA-256 can decide
    options = TransferOptions(multipart_threshold=6 * MIB, part_size=6 * MIB, store_sha256=True)
    run(engine, plan_sync(session, Direction.UPLOAD, src, bucket, ""), options)
    checksum = SyncOptions(compare=CompareMode.CHECKSUM)
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "", checksum)
    assert plan.empty and plan.head_requests == 1 and plan.checksum_fallbacks == 0
    path = src / "f.bin"
    st = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"X")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "", checksum)
    assert [a.reason for a in plan.transfers] == [
        "content differs (SHA-256 in the object's metadata)"
    ]


def test_nfd_names_on_disk_upload_once_in_nfc(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    nfc_name = "café.txt"
    nfd_name = unicodedata.normalize("NFD", nfc_name)
    assert nfd_name != nfc_name
    nfd_dir = unicodedata.normalize("NFD", "Ölfässer")
    make_tree(src, {nfd_name: 50, f"{nfd_dir}/{nfd_name}": 60, "plain": 5})
    assert nfd_name in {p.name for p in src.iterdir()}  # the disk kept the NFD spelling

    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "u/")
    assert {a.key for a in plan.transfers} == {
        f"u/{nfc_name}",
        f"u/{unicodedata.normalize('NFC', nfd_dir)}/{nfc_name}",
        "u/plain",
    }
    run(engine, plan)
    assert plan_sync(session, Direction.UPLOAD, src, bucket, "u/", SyncOptions(True)).empty

    # Both spellings side by side: one object, and the other file is reported.
    (src / nfc_name).write_bytes(b"the composed twin")
    twin_plan = plan_sync(session, Direction.UPLOAD, src, bucket, "u/", SyncOptions(True))
    assert [p.message for p in twin_plan.problems if "Unicode NFC" in p.message]
    assert all(a.kind is ActionKind.UPLOAD for a in twin_plan.transfers)
    assert sum(a.name == nfc_name for a in twin_plan.transfers) <= 1
    assert twin_plan.deletions == []

    # Downloading into a folder that holds the NFD spelling updates that file, no second copy.
    (src / nfc_name).unlink()
    seaweed_admin.put_object(Bucket=bucket, Key=f"u/{nfc_name}", Body=b"new remote content")
    plan = plan_sync(session, Direction.DOWNLOAD, src, bucket, "u/", SyncOptions(True))
    assert [(a.kind, a.local_path) for a in plan.transfers] == [
        (ActionKind.DOWNLOAD, str(src / nfd_name))
    ]
    assert plan.deletions == []
    run(engine, plan)
    assert sorted(p.name for p in src.iterdir()) == sorted([nfd_name, nfd_dir, "plain"])
    assert (src / nfd_name).read_bytes() == b"new remote content"


def test_remote_nfd_key_is_the_same_file(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    """An object another tool uploaded under an NFD key matches the local NFC file."""
    nfd_key = unicodedata.normalize("NFD", "n/résumé.txt")
    seaweed_admin.put_object(Bucket=bucket, Key=nfd_key, Body=b"cv")
    dst = tmp_path / "dst"
    run(engine, plan_sync(session, Direction.DOWNLOAD, dst, bucket, "n/"))
    assert [p.name for p in dst.iterdir()] == ["résumé.txt"]
    for direction in (Direction.DOWNLOAD, Direction.UPLOAD):
        plan = plan_sync(session, direction, dst, bucket, "n/", SyncOptions(delete=True))
        assert plan.empty, list(plan.lines())


def test_dry_run_and_real_run_agree(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src, {f"d{i % 3}/f{i}": 100 + i for i in range(12)})
    seaweed_admin.put_object(Bucket=bucket, Key="m/d0/f0", Body=b"different size")
    seaweed_admin.put_object(Bucket=bucket, Key="m/d1/f1", Body=b"x" * 101)  # newer than local
    seaweed_admin.put_object(Bucket=bucket, Key="m/stale", Body=b"s")
    seaweed_admin.put_object(Bucket=bucket, Key="m/d2/stale", Body=b"s")
    options = SyncOptions(delete=True)
    dry = plan_sync(session, Direction.UPLOAD, src, bucket, "m/", options)
    lines = list(dry.lines())
    assert len(lines) == len(dry.transfers) + len(dry.deletions) + len(dry.problems)
    assert sum(line.startswith("upload: ") for line in lines) == 11  # d1/f1 is the same size
    assert [line for line in lines if line.startswith("delete: ")] == [
        f"delete: s3://{bucket}/m/d2/stale (not in the local folder)",
        f"delete: s3://{bucket}/m/stale (not in the local folder)",
    ]
    before = remote_tree(seaweed_admin, bucket, "m/")
    assert before["d1/f1"] == b"x" * 101  # planning changed nothing

    result = run_sync(engine, dry, SMALL, timeout=120)
    assert result.ok
    [job] = result.jobs
    assert job.state is JobState.DONE
    # one job: its transfers, then its deletions
    assert job.progress.files_done == len(dry.transfers) + len(dry.deletions) == 13
    assert job.progress.bytes_total == dry.transfer_bytes
    assert result.remote_deleted == len(dry.deletions) == 2
    after = remote_tree(seaweed_admin, bucket, "m/")
    assert after == {**local_tree(src), "d1/f1": b"x" * 101}  # only planned actions happened
    assert plan_sync(session, Direction.UPLOAD, src, bucket, "m/", options).empty


@pytest.mark.parametrize("server", ["seaweed", "moto"])
def test_unwritable_keys_are_reported_and_never_escape(
    request: pytest.FixtureRequest, server: str, tmp_path: Path
) -> None:
    """moto keeps '..' and empty segments in keys exactly as sent; SeaweedFS may clean them."""
    running = request.getfixturevalue(server)
    admin = admin_client(running)
    bucket = f"trav-{uuid.uuid4().hex[:12]}"
    admin.create_bucket(Bucket=bucket)
    keys = {
        "t/ok.txt": b"ok",
        "t/a//b": b"double slash",
        "t/../evil.txt": b"escape",
        "t/x/../../evil2.txt": b"escape",
    }
    for key, body in keys.items():
        try:
            admin.put_object(Bucket=bucket, Key=key, Body=body)
        except ClientError:
            assert server == "seaweed" and ".." in key  # SeaweedFS refuses such keys
    listed = set(remote_tree(admin, bucket, "t/"))
    if server == "moto":
        assert {"../evil.txt", "x/../../evil2.txt", "a//b"} <= listed
    session = S3Session(connection_for(running))
    engine = TransferEngine(session, sample_interval=0.05)
    try:
        box = tmp_path / "box"
        dst = box / "dst"
        plan = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "t/", SyncOptions(delete=True))
        reported = {p.name for p in plan.problems}
        for key in ("t/../evil.txt", "t/x/../../evil2.txt"):
            if key[2:] in listed:  # stored as sent: refused and reported, never dropped silently
                assert key in reported
                assert key not in {a.key for a in plan.transfers}
        run(engine, plan)
        for path in box.rglob("*"):
            assert path == dst or dst in path.parents
        assert (dst / "ok.txt").read_bytes() == b"ok"
        if "a//b" in listed:  # the empty segment is dropped locally, and that is reported
            assert "t/a//b" in reported
            assert (dst / "a" / "b").read_bytes() == b"double slash"
        again = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "t/", SyncOptions(True))
        assert again.empty, list(again.lines())
    finally:
        engine.close()
        engine.journal.close()


def test_sync_job_resumes_after_a_restart_without_replanning(
    make_engine: Callable[..., TransferEngine],
    session: S3Session,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    """A sync is one ordinary journaled job, its deletions included: closing the engine mid-way
    and starting another continues exactly the planned items (a file added since is not
    taken) and then deletes what was planned."""
    src = tmp_path / "src"
    data = make_tree(src, {"one.bin": 512 * 1024, "two.bin": 512 * 1024})
    seaweed_admin.put_object(Bucket=bucket, Key="r/stale.txt", Body=b"old")
    plan = plan_sync(session, Direction.UPLOAD, src, bucket, "r/", SyncOptions(delete=True))
    slow = TransferOptions(rate_limit=256 * 1024)  # about 4 s for both files
    first = make_engine()
    job_ids: list[str] = []
    result = run_sync(first, plan, slow, on_job=lambda job: (job_ids.append(job), first.close()))
    assert result.jobs[0].state is JobState.PAUSED
    assert not result.ok and result.remote_deleted == 0 and result.deletions_skipped
    assert "stale.txt" in remote_tree(seaweed_admin, bucket, "r/")
    (src / "late.bin").write_bytes(b"added after planning")

    second = make_engine()
    assert second.resume_unfinished() == job_ids
    snapshot = second.wait(job_ids[0], 60)
    assert snapshot.state is JobState.DONE, snapshot.error
    assert remote_tree(seaweed_admin, bucket, "r/") == data  # stale.txt deleted on resume
    follow_up = plan_sync(session, Direction.UPLOAD, src, bucket, "r/")
    assert actions(follow_up) == {("upload", "late.bin")}


def test_local_deletions_stay_inside_and_spare_changed_files(
    engine: TransferEngine, session: S3Session, bucket: str, tmp_path: Path
) -> None:
    dst = tmp_path / "dst"
    dst.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not yours")
    (dst / "link.txt").symlink_to(outside)
    (dst / "changes.txt").write_bytes(b"v1")
    (dst / "plain.txt").write_bytes(b"extra")
    plan = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "", SyncOptions(delete=True))
    assert {a.name for a in plan.deletions} == {"link.txt", "changes.txt", "plain.txt"}
    (dst / "changes.txt").write_bytes(b"version two")  # edited between the plan and the run

    result = run_sync(engine, plan)
    assert result.local_deleted == [str(dst / "plain.txt")]
    problems = {Path(p.name).name: p.message for p in result.failures}
    assert "outside the download folder" in problems["link.txt"]
    assert "changed after the sync was planned" in problems["changes.txt"]
    assert outside.read_bytes() == b"not yours"
    assert (dst / "changes.txt").read_bytes() == b"version two"
    assert not result.ok


def test_checksum_mode_downloads_over_a_silently_changed_local_file(
    engine: TransferEngine, session: S3Session, bucket: str, tmp_path: Path
) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    make_tree(src, {"keep.txt": 2000, "rot.txt": 2000})
    run(engine, plan_sync(session, Direction.UPLOAD, src, bucket, "k/"))
    run(engine, plan_sync(session, Direction.DOWNLOAD, dst, bucket, "k/"))
    path = dst / "rot.txt"
    st = path.stat()
    path.write_bytes(bytes(2000))  # bit rot: same size, same mtime
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    checksum = SyncOptions(compare=CompareMode.CHECKSUM)
    plan = plan_sync(session, Direction.DOWNLOAD, dst, bucket, "k/", checksum)
    assert [(a.name, a.reason) for a in plan.transfers] == [("rot.txt", "content differs (MD5)")]
    assert plan.unchanged == 1
    run(engine, plan)
    assert local_tree(dst) == local_tree(src)
