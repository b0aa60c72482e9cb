"""The bucket count as a background job: progress as pages arrive, versions when asked, and a
cancel that stops it with what was counted so far."""

from __future__ import annotations

import threading
from typing import Any

from app.core.s3.count_job import CountJob, CountUpdate
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import enable_versioning, fill


def test_counts_objects_and_bytes_with_progress_then_versions(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, [f"k{i:02d}" for i in range(25)], b"12345")
    seaweed_admin.put_object(Bucket=bucket, Key="k00", Body=b"123")  # a second version
    seaweed_admin.delete_object(Bucket=bucket, Key="k01")  # a delete marker
    session = S3Session(connection_for(seaweed, max_keys=10))
    updates: list[CountUpdate] = []

    job = CountJob(session, bucket, listener=updates.append)
    job.start()
    outcome = job.wait(30)

    assert outcome is not None and outcome.finished and not outcome.cancelled
    assert outcome.count == (24, 23 * 5 + 3)
    running = [u.count.objects for u in updates if not u.finished]
    assert running == [10, 20, 24]  # one update per page
    assert updates[-1] is outcome

    versions = CountJob(session, bucket, versions=True)
    versions.start()
    counted = versions.wait(30)
    assert counted is not None and counted.count == (27, 25 * 5 + 3)


def test_a_cancelled_count_stops_with_what_it_counted(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"k{i:02d}" for i in range(30)])
    session = S3Session(connection_for(seaweed, max_keys=10))
    first_page = threading.Event()
    go_on = threading.Event()

    def listener(update: CountUpdate) -> None:
        if not update.finished and not first_page.is_set():
            first_page.set()
            go_on.wait(10)  # hold the counting thread until the cancel is in

    job = CountJob(session, bucket, listener=listener)
    job.start()
    assert first_page.wait(10)
    job.cancel()
    go_on.set()
    outcome = job.wait(30)

    assert outcome is not None and outcome.cancelled
    assert outcome.count.objects == 10


def test_a_count_that_fails_says_why(seaweed: RunningS3) -> None:
    job = CountJob(S3Session(connection_for(seaweed)), "no-such-bucket-here")
    job.start()
    outcome = job.wait(30)
    assert outcome is not None and outcome.error is not None
    assert "no-such-bucket-here" in str(outcome.error)
