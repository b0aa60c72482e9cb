"""A rewrite or point-in-time restore job paused halfway, whose last "done" marks are then
lost (as a kill between a request and its journal commit loses them), resumes and applies
each change exactly once: finished objects are recognised, not changed a second time."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from app.core.s3.point_in_time import plan_restore_to
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.object_change import ObjectChange
from tests.unit.core.s3.helpers import all_versions, enable_versioning, fill
from tests.unit.core.s3.history import current_state, make_history


def _pause_after(
    engine: TransferEngine, operations: tuple[str, ...], count: int
) -> Callable[[str], None]:
    """Pause the job once `count` of `operations` have answered; returns the function that
    names the job (known only once it is submitted)."""
    calls: list[str] = []
    named = threading.Event()
    holder: dict[str, str] = {}

    def hook(**_: Any) -> None:
        calls.append("x")
        if len(calls) == count:
            named.wait(30)
            engine.pause(holder["job"])

    for operation in operations:
        engine.session.client().meta.events.register(f"after-call.s3.{operation}", hook)

    def name(job_id: str) -> None:
        holder["job"] = job_id
        named.set()

    return name


def _forget_done_marks(engine: TransferEngine, job_id: str) -> int:
    done = [i for i in engine.journal.items(job_id) if i.state == "done"]
    for item in done:
        engine.journal.update_item(item, state="queued")
    return len(done)


def test_a_rewrite_whose_done_marks_were_lost_changes_each_object_once(
    moto_admin: Any, make_moto_engine: Callable[..., TransferEngine]
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    enable_versioning(moto_admin, bucket)
    keys = [f"d/{i:02d}" for i in range(20)]
    fill(moto_admin, bucket, keys)
    engine = make_moto_engine(connections=1)
    name = _pause_after(engine, ("CopyObject",), 8)

    job = engine.rewrite(bucket, "d/", ObjectChange(metadata_set={"x": "1"}))
    name(job)
    assert engine.wait(job, 60).state is JobState.PAUSED
    assert _forget_done_marks(engine, job) >= 8
    engine.resume(job)
    snap = engine.wait(job, 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    counts = Counter(k for k, _v, _m in all_versions(moto_admin, bucket))
    assert counts == Counter({k: 2 for k in keys})


def test_a_restore_whose_done_marks_were_lost_applies_each_step_once(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
) -> None:
    moment, then = make_history(seaweed_admin, bucket)
    plan = plan_restore_to(session, bucket, "f/", moment)
    before = len(all_versions(seaweed_admin, bucket))
    engine = make_engine(connections=1)
    name = _pause_after(engine, ("CopyObject", "DeleteObject"), 3)

    job = engine.restore_to(plan)
    name(job)
    assert engine.wait(job, 60).state is JobState.PAUSED
    assert _forget_done_marks(engine, job) >= 2
    engine.resume(job)
    snap = engine.wait(job, 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert current_state(seaweed_admin, bucket, "f/") == then
    added = len(plan.restored) + len(plan.markers_added) - len(plan.markers_removed)
    assert len(all_versions(seaweed_admin, bucket)) == before + added
