"""Point-in-time restore on a versioned bucket: the plan, and the job that runs it, leave
exactly the state of the chosen moment; the plan lists the changes the job makes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.core.s3.point_in_time import (
    NotVersioned,
    StepKind,
    parse_moment,
    plan_restore_to,
    steps_for_key,
)
from app.core.s3.session import S3Session
from app.core.s3.versions import VersionEntry
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobState
from tests.unit.core.s3.helpers import all_versions
from tests.unit.core.s3.history import current_state, make_history
from tests.unit.core.transfers.conftest import make_engine, session  # noqa: F401


def test_the_plan_lists_each_change_and_the_job_restores_that_moment(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,  # noqa: F811
    make_engine: Callable[..., TransferEngine],  # noqa: F811
) -> None:
    moment, then = make_history(seaweed_admin, bucket)

    plan = plan_restore_to(session, bucket, "f/", moment)

    changes = {(s.kind, s.key.removeprefix("f/")) for s in plan.steps}
    assert changes == {
        (StepKind.RESTORE_VERSION, "overwritten"),
        (StepKind.REMOVE_DELETE_MARKER, "deleted"),
        (StepKind.RESTORE_VERSION, "deleted-and-back"),
        (StepKind.ADD_DELETE_MARKER, "created-since"),
        (StepKind.ADD_DELETE_MARKER, "recreated"),
    }
    assert plan.keys_seen == 7
    versions_before = {v[1] for v in all_versions(seaweed_admin, bucket)}
    engine = make_engine()
    job = engine.restore_to(plan)
    snap = engine.wait(job, 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert snap.kind is JobKind.POINT_IN_TIME and snap.progress.files_done == len(plan.steps)
    assert current_state(seaweed_admin, bucket, "f/") == then
    assert current_state(seaweed_admin, bucket, "elsewhere/") == {
        "elsewhere/x": b"outside the folder"
    }
    # Nothing was deleted for good but the one marker the plan named.
    after = {v[1] for v in all_versions(seaweed_admin, bucket)}
    [removed] = plan.markers_removed
    assert versions_before - after == {removed.version_id}


def test_a_moment_before_anything_existed_hides_everything(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,  # noqa: F811
    make_engine: Callable[..., TransferEngine],  # noqa: F811
) -> None:
    moment, _then = make_history(seaweed_admin, bucket)
    plan = plan_restore_to(session, bucket, "", moment - timedelta(days=1))
    assert {s.kind for s in plan.steps} == {StepKind.ADD_DELETE_MARKER}
    engine = make_engine()
    snap = engine.wait(engine.restore_to(plan), 60)
    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert current_state(seaweed_admin, bucket) == {}


def test_a_bucket_without_versions_has_no_earlier_state(
    bucket: str,
    session: S3Session,  # noqa: F811
) -> None:
    with pytest.raises(NotVersioned, match="never kept versions"):
        plan_restore_to(session, bucket, "", datetime.now(UTC))


def _entry(version: str, second: int, marker: bool = False, latest: bool = False) -> VersionEntry:
    when = f"2026-12-07T10:00:{second:02d}.000Z"
    return VersionEntry("k", version, when, 0 if marker else 3, "e" + version, "", latest, marker)


@pytest.mark.parametrize(
    ("entries", "at", "expected"),
    [
        ([_entry("v1", 1), _entry("v2", 5, latest=True)], 3, [(StepKind.RESTORE_VERSION, "v1")]),
        ([_entry("v1", 1, latest=True)], 3, []),
        (
            [_entry("v1", 1), _entry("m1", 5, True), _entry("m2", 7, True, True)],
            3,
            [(StepKind.REMOVE_DELETE_MARKER, "m1"), (StepKind.REMOVE_DELETE_MARKER, "m2")],
        ),
        ([_entry("v1", 5, latest=True)], 3, [(StepKind.ADD_DELETE_MARKER, None)]),
        ([_entry("v1", 1), _entry("m1", 2, True, True)], 3, []),
        ([_entry("v1", 1), _entry("v2", 3, latest=True)], 3, []),  # at the moment counts
    ],
)
def test_steps_for_one_key(
    entries: list[VersionEntry], at: int, expected: list[tuple[StepKind, str | None]]
) -> None:
    moment = datetime(2026, 12, 7, 10, 0, at, tzinfo=UTC)
    steps = steps_for_key("k", entries, moment)
    assert sorted((s.kind, s.version_id) for s in steps) == sorted(expected)


def test_a_moment_is_iso_8601_and_utc_without_a_zone() -> None:
    assert parse_moment("2026-12-07T10:00:00") == datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert parse_moment("2026-12-07T11:00:00+01:00") == datetime(2026, 12, 7, 10, tzinfo=UTC)
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_moment("yesterday")
