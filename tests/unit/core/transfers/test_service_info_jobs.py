"""The transfer service's entry points for the Info window: a rewrite of many objects and a
point-in-time restore, each one job of the bookmark's engine, listed with every other job."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.core.s3.point_in_time import plan_restore_to
from app.core.s3.session import S3Session
from app.core.transfers.jobs import EventType, JobEvent, JobKind, JobState
from app.core.transfers.object_change import ObjectChange
from app.core.transfers.service import TransferService
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill
from tests.unit.core.s3.history import current_state, make_history


@pytest.fixture
def service(seaweed: RunningS3) -> Iterator[TransferService]:
    made = TransferService(
        lambda _bookmark: S3Session(connection_for(seaweed)),
        bookmark_exists=lambda bookmark: bookmark == "bm",
        sample_interval=0.05,
    )
    yield made
    made.close()


def test_rewrite_objects_runs_one_job_for_the_bookmark(
    service: TransferService, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"p/{i}" for i in range(12)])
    events: list[JobEvent] = []
    service.subscribe(events.append)

    job = service.rewrite_objects("bm", bucket, "p/", ObjectChange(metadata_set={"k": "v"}))
    snap = service.wait(job, 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert snap.kind is JobKind.REWRITE and snap.where is not None
    assert snap.where.bookmark_id == "bm" and snap.progress.files_done == 12
    assert next(e.type for e in events if e.job.id == job) is EventType.ADDED
    assert any(e.type is EventType.FINISHED for e in events if e.job.id == job)
    for i in range(12):
        assert seaweed_admin.head_object(Bucket=bucket, Key=f"p/{i}")["Metadata"] == {"k": "v"}


def test_restore_to_runs_the_previewed_plan(
    service: TransferService, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    moment, then = make_history(seaweed_admin, bucket)
    plan = plan_restore_to(S3Session(connection_for(seaweed)), bucket, "f/", moment)

    snap = service.wait(service.restore_to("bm", plan), 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert snap.kind is JobKind.POINT_IN_TIME
    assert snap.progress.files_done == len(plan.steps)
    assert current_state(seaweed_admin, bucket, "f/") == then
