"""Two-way sync against SeaweedFS: a first run copies both ways and deletes nothing; later runs
propagate changes and deletions from either side; a name changed on both sides keeps both
versions; the estimate counts the requests the run sends."""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript, counts_between
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.request_prices import AWS_S3_STANDARD
from app.core.transfers.sync import (
    ActionKind,
    Direction,
    SyncError,
    SyncOptions,
    SyncPlan,
    plan_sync,
    run_sync,
)
from app.core.transfers.sync_cost import cost_of_operations, estimate
from app.core.transfers.sync_mirror import conflict_name
from app.core.transfers.sync_record import load_record, record_path
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL
from tests.unit.core.transfers.test_sync import local_tree, remote_tree

PAST = time.time() - 3600
TODAY = datetime.datetime.now().astimezone().date().isoformat()


def write(path: Path, data: bytes, when: float = PAST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (when, when))


def rows(plan: SyncPlan) -> dict[str, tuple[str, str]]:
    """name -> (action, why) for every planned row."""
    out = {a.name: (a.kind.value, a.reason) for a in plan.transfers + plan.deletions}
    out.update({c.name: ("conflict", c.reason) for c in plan.conflicts})
    return out


def mirror(session: S3Session, folder: Path, bucket: str) -> SyncPlan:
    return plan_sync(session, Direction.MIRROR, folder, bucket, "two/", None, SMALL)


@pytest.fixture
def engine(make_engine: Callable[..., TransferEngine]) -> TransferEngine:
    return make_engine()


def run(engine: TransferEngine, plan: SyncPlan) -> None:
    result = run_sync(engine, plan, SMALL, timeout=120)
    assert result.ok, (result.failures, [j.error for j in result.jobs])


def test_conflict_names() -> None:
    day = datetime.date(2026, 12, 8)
    assert conflict_name("a/report.txt", day) == "a/report (conflict 2026-12-08).txt"
    assert conflict_name("archive.tar.gz", day, 2) == "archive.tar (conflict 2026-12-08 2).gz"
    assert conflict_name("Makefile", day) == "Makefile (conflict 2026-12-08)"
    assert conflict_name("d/.env", day) == "d/.env (conflict 2026-12-08)"


def test_first_run_copies_both_ways_then_changes_and_deletions_propagate(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "here.txt", b"local only")
    write(folder / "sub/edit.txt", b"edit me")
    write(folder / "gone-here.txt", b"to be deleted locally")
    remote = {"there.txt": b"remote only", "gone-there.txt": b"to be deleted remotely"}
    for key, body in remote.items():
        seaweed_admin.put_object(Bucket=bucket, Key=f"two/{key}", Body=body)

    first = mirror(session, folder, bucket)
    assert rows(first) == {
        "here.txt": ("upload", "new file"),
        "sub/edit.txt": ("upload", "new file"),
        "gone-here.txt": ("upload", "new file"),
        "there.txt": ("download", "new object"),
        "gone-there.txt": ("download", "new object"),
    }
    assert first.deletions == [] and first.conflicts == []
    assert load_record(first.record_key) is None
    run(engine, first)
    assert local_tree(folder) == remote_tree(seaweed_admin, bucket, "two/")
    assert set(load_record(first.record_key) or {}) == set(rows(first))
    assert mirror(session, folder, bucket).empty

    # one change and one deletion on each side
    (folder / "gone-here.txt").unlink()
    write(folder / "sub/edit.txt", b"edited locally, longer", time.time())
    seaweed_admin.delete_object(Bucket=bucket, Key="two/gone-there.txt")
    seaweed_admin.put_object(Bucket=bucket, Key="two/there.txt", Body=b"remote edit")
    second = mirror(session, folder, bucket)
    assert rows(second) == {
        "gone-here.txt": ("delete-remote", "deleted locally since the last sync"),
        "gone-there.txt": ("delete-local", "deleted on the server since the last sync"),
        "sub/edit.txt": ("upload", "changed locally since the last sync"),
        "there.txt": ("download", "changed on the server since the last sync"),
    }
    # the changed pairs needed no HEAD: the record said which side changed
    assert second.head_requests == 0
    run(engine, second)
    tree = local_tree(folder)
    assert tree == remote_tree(seaweed_admin, bucket, "two/")
    assert tree == {
        "here.txt": b"local only",
        "sub/edit.txt": b"edited locally, longer",
        "there.txt": b"remote edit",
    }
    assert mirror(session, folder, bucket).empty


def test_a_change_outlives_a_deletion_on_the_other_side(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "kept-local.txt", b"v1")
    write(folder / "kept-remote.txt", b"v1")
    run(engine, mirror(session, folder, bucket))
    seaweed_admin.delete_object(Bucket=bucket, Key="two/kept-local.txt")
    write(folder / "kept-local.txt", b"v2 local", time.time())
    (folder / "kept-remote.txt").unlink()
    seaweed_admin.put_object(Bucket=bucket, Key="two/kept-remote.txt", Body=b"v2 remote")
    plan = mirror(session, folder, bucket)
    assert {n: r[0] for n, r in rows(plan).items()} == {
        "kept-local.txt": "upload",
        "kept-remote.txt": "download",
    }
    assert plan.deletions == []
    run(engine, plan)
    assert local_tree(folder) == {"kept-local.txt": b"v2 local", "kept-remote.txt": b"v2 remote"}
    assert remote_tree(seaweed_admin, bucket, "two/") == local_tree(folder)


def test_changed_on_both_sides_keeps_both_versions(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "local-wins.txt", b"v1")
    write(folder / "notes/remote-wins.md", b"v1")
    run(engine, mirror(session, folder, bucket))
    # local-wins: edited on the server first, then locally (later); remote-wins: the reverse
    seaweed_admin.put_object(Bucket=bucket, Key="two/local-wins.txt", Body=b"server edit")
    write(folder / "local-wins.txt", b"local edit", time.time() + 120)
    write(folder / "notes/remote-wins.md", b"old local edit", PAST + 60)
    seaweed_admin.put_object(Bucket=bucket, Key="two/notes/remote-wins.md", Body=b"new server")

    plan = mirror(session, folder, bucket)
    assert plan.transfers == [] and plan.deletions == []
    conflicts = {c.name: c for c in plan.conflicts}
    assert set(conflicts) == {"local-wins.txt", "notes/remote-wins.md"}
    local_wins, remote_wins = conflicts["local-wins.txt"], conflicts["notes/remote-wins.md"]
    assert local_wins.reason.startswith("changed on both sides since the last sync")
    assert local_wins.reason.endswith("the local file is newer")
    assert (local_wins.older, local_wins.kept_as) == (
        "remote",
        f"local-wins (conflict {TODAY}).txt",
    )
    assert remote_wins.reason.endswith("the object is newer")
    assert (remote_wins.older, remote_wins.kept_as) == (
        "local",
        f"notes/remote-wins (conflict {TODAY}).md",
    )
    assert local_wins.steps[0].kind is ActionKind.COPY_REMOTE
    assert remote_wins.steps[0].kind is ActionKind.RENAME_LOCAL
    assert any(line.startswith("conflict: local-wins.txt") for line in plan.lines())

    run(engine, plan)
    expected = {
        "local-wins.txt": b"local edit",
        f"local-wins (conflict {TODAY}).txt": b"server edit",
        "notes/remote-wins.md": b"new server",
        f"notes/remote-wins (conflict {TODAY}).md": b"old local edit",
    }
    assert local_tree(folder) == expected
    assert remote_tree(seaweed_admin, bucket, "two/") == expected
    assert mirror(session, folder, bucket).empty


def test_first_run_with_different_contents_is_a_conflict_never_a_loss(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "same.txt", b"identical")
    write(folder / "both.txt", b"mine")
    seaweed_admin.put_object(Bucket=bucket, Key="two/both.txt", Body=b"theirs, longer")
    seaweed_admin.put_object(Bucket=bucket, Key="two/same.txt", Body=b"identical")
    # the conflict name is taken on the server: the next number is used
    seaweed_admin.put_object(
        Bucket=bucket, Key=f"two/both (conflict {TODAY}).txt", Body=b"an older conflict"
    )
    plan = mirror(session, folder, bucket)
    assert plan.deletions == [] and plan.unchanged == 1
    (conflict,) = plan.conflicts
    assert conflict.reason.startswith("differs, and there is no record of an earlier sync")
    assert conflict.kept_as == f"both (conflict {TODAY} 2).txt"
    run(engine, plan)
    tree = local_tree(folder)
    assert tree == remote_tree(seaweed_admin, bucket, "two/")
    assert sorted(tree.values()) == sorted(
        [b"identical", b"mine", b"theirs, longer", b"an older conflict"]
    )


def test_a_file_changed_after_planning_stops_the_conflict_and_loses_nothing(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "c.txt", b"v1")
    write(folder / "d.txt", b"deleted here")
    run(engine, mirror(session, folder, bucket))
    (folder / "d.txt").unlink()
    write(folder / "c.txt", b"local v2", PAST + 10)
    seaweed_admin.put_object(Bucket=bucket, Key="two/c.txt", Body=b"remote v2 (newer)")
    plan = mirror(session, folder, bucket)
    assert [c.older for c in plan.conflicts] == ["local"]
    assert [a.name for a in plan.deletions] == ["d.txt"]
    write(folder / "c.txt", b"local v3, written after the plan", time.time())
    result = run_sync(engine, plan, SMALL, timeout=120)
    assert not result.ok and result.deletions_skipped and result.remote_deleted == 0
    assert "changed after the sync was planned" in result.failures[0].message
    assert local_tree(folder) == {"c.txt": b"local v3, written after the plan"}
    assert remote_tree(seaweed_admin, bucket, "two/") == {
        "c.txt": b"remote v2 (newer)",
        "d.txt": b"deleted here",  # deletions wait for every transfer and set-aside step
    }
    # no record was written for the failed run: the next plan still sees the conflict
    assert [c.name for c in mirror(session, folder, bucket).conflicts] == ["c.txt"]


def test_mirror_refuses_delete_and_a_missing_folder(
    session: S3Session, bucket: str, tmp_path: Path
) -> None:
    with pytest.raises(SyncError, match="drop --delete"):
        plan_sync(session, Direction.MIRROR, tmp_path, bucket, "p/", SyncOptions(delete=True))
    with pytest.raises(SyncError, match="does not exist"):
        plan_sync(session, Direction.MIRROR, tmp_path / "none", bucket, "p/")


def test_unreadable_record_is_set_aside_and_nothing_is_deleted(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "a.txt", b"a")
    first = mirror(session, folder, bucket)
    run(engine, first)
    (folder / "a.txt").unlink()
    record_path(first.record_key).write_text("{not json")
    plan = mirror(session, folder, bucket)
    assert plan.deletions == []
    assert rows(plan) == {"a.txt": ("download", "new object")}
    assert list(record_path(first.record_key).parent.glob("*.unreadable-*"))


def test_two_way_estimate_equals_the_requests_sent(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    transcript = Transcript()
    session = S3Session(connection_for(seaweed), transcript=transcript)
    folder = tmp_path / "f"
    for name in ("keep.txt", "edit.txt", "drop.txt", "clash.txt", "clash2.txt"):
        write(folder / name, name.encode())
    engine = TransferEngine(session, sample_interval=0.05)
    try:
        assert run_sync(engine, mirror(session, folder, bucket), SMALL, timeout=120).ok
        write(folder / "edit.txt", b"edited here", time.time())
        (folder / "drop.txt").unlink()
        write(folder / "clash.txt", b"clash local, newer", time.time() + 60)
        seaweed_admin.put_object(Bucket=bucket, Key="two/clash.txt", Body=b"clash server")
        write(folder / "clash2.txt", b"clash2 local, older", PAST + 5)
        seaweed_admin.put_object(Bucket=bucket, Key="two/clash2.txt", Body=b"clash2 server")
        seaweed_admin.put_object(Bucket=bucket, Key="two/new-there.txt", Body=b"new")
        before = transcript.counts()
        plan = mirror(session, folder, bucket)
        estimated = estimate(plan, AWS_S3_STANDARD, SMALL)
        result = run_sync(engine, plan, SMALL, timeout=120)
    finally:
        engine.close()
    assert result.ok, result.failures
    assert len(plan.conflicts) == 2
    sent = cost_of_operations(counts_between(before, transcript.counts()), AWS_S3_STANDARD)
    assert sent.other_requests == {}
    assert dict(sent.requests) == dict(estimated.requests)
    assert estimated.requests["COPY"] == 1  # the older object of clash.txt set aside


def test_a_two_way_job_resumes_after_a_restart(
    make_engine: Callable[..., TransferEngine],
    session: S3Session,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    """Closing the engine as soon as the job exists and starting another finishes the planned
    items — the set-aside step, both directions' transfers and a deletion — from the journal."""
    folder = tmp_path / "f"
    write(folder / "c.txt", b"v1")
    write(folder / "gone.txt", b"to be deleted here")
    first = make_engine()
    run(first, mirror(session, folder, bucket))
    write(folder / "c.txt", b"local v2, older", PAST + 10)
    seaweed_admin.put_object(Bucket=bucket, Key="two/c.txt", Body=os.urandom(300 * 1024))
    write(folder / "up.bin", os.urandom(300 * 1024))
    seaweed_admin.put_object(Bucket=bucket, Key="two/down.bin", Body=os.urandom(300 * 1024))
    (folder / "gone.txt").unlink()
    plan = mirror(session, folder, bucket)
    assert (len(plan.conflicts), len(plan.transfers), len(plan.deletions)) == (1, 2, 1)

    slow = replace(SMALL, rate_limit=256 * 1024)  # about 4 s for the three transfers
    job_ids: list[str] = []
    result = run_sync(first, plan, slow, on_job=lambda job: (job_ids.append(job), first.close()))
    assert result.jobs[0].state is JobState.PAUSED and not result.ok

    second = make_engine()
    assert second.resume_unfinished() == job_ids
    snapshot = second.wait(job_ids[0], 60)
    assert snapshot.state is JobState.DONE, snapshot.error
    tree = local_tree(folder)
    assert tree == remote_tree(seaweed_admin, bucket, "two/")
    assert set(tree) == {"c.txt", f"c (conflict {TODAY}).txt", "up.bin", "down.bin"}
    assert tree[f"c (conflict {TODAY}).txt"] == b"local v2, older"
    # the run that finished was not run_sync's, so the record is the earlier one: the pairs
    # are compared afresh, found equal, and nothing is planned
    after = mirror(session, folder, bucket)
    assert after.empty, list(after.lines())


def test_sides_already_equal_are_recorded_so_a_later_deletion_propagates(
    engine: TransferEngine, session: S3Session, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "f"
    write(folder / "a.txt", b"same")
    write(folder / "b.txt", b"same too")
    for name in ("a.txt", "b.txt"):
        seaweed_admin.put_object(
            Bucket=bucket, Key=f"two/{name}", Body=(folder / name).read_bytes()
        )
    plan = mirror(session, folder, bucket)
    assert plan.empty and plan.unchanged == 2
    assert load_record(plan.record_key) is None  # planning writes nothing
    run(engine, plan)  # nothing to send; the record says both sides are equal
    assert set(load_record(plan.record_key) or {}) == {"a.txt", "b.txt"}
    (folder / "a.txt").unlink()
    assert rows(mirror(session, folder, bucket)) == {
        "a.txt": ("delete-remote", "deleted locally since the last sync")
    }
