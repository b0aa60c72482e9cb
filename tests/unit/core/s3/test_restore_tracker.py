"""Archive restores: requested on moto's server, tracked across restarts, polled with backoff,
and listeners told when one is ready."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.s3.archive_restore import (
    RestoreRefused,
    RestoreState,
    RestoreTier,
    parse_restore_header,
    restore_status,
)
from app.core.s3.restore_tracker import RestoreTracker, TrackedRestore
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


class FakeClock:
    """The tracker's clock, moved by the test (the schedule is hours long)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def archived(moto_admin: Any) -> tuple[str, str]:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="cold.bin", Body=b"frozen", StorageClass="GLACIER")
    moto_admin.put_object(Bucket=bucket, Key="warm.bin", Body=b"warm")
    return bucket, "cold.bin"


def test_a_requested_restore_is_kept_across_a_restart_and_reported_ready(
    moto: RunningS3, archived: tuple[str, str], tmp_path: Path
) -> None:
    bucket, key = archived
    session = S3Session(connection_for(moto))
    store = tmp_path / "restores.json"
    clock = FakeClock()
    first = RestoreTracker(lambda _bid: session, store, clock=clock)
    assert restore_status(session, bucket, key).state is RestoreState.NOT_REQUESTED

    tracked = first.request("bm-1", bucket, key, days=3, tier=RestoreTier.EXPEDITED)

    assert tracked.state is RestoreState.ONGOING
    assert json.loads(store.read_text())["restores"][0]["key"] == key
    # The next start: a new tracker reads the list and polls when the time comes.
    heard: list[TrackedRestore] = []
    second = RestoreTracker(lambda _bid: session, store, clock=clock)
    second.subscribe(heard.append)
    assert [r.id for r in second.restores()] == [tracked.id]
    assert second.poll_due() == []  # the first poll waits for the tier's shortest time
    clock.now += 60
    [polled] = second.poll_due()

    assert polled.state is RestoreState.READY
    assert polled.expiry is not None
    assert datetime.fromisoformat(polled.expiry).timestamp() > datetime.now().timestamp()
    assert [h.state for h in heard] == [RestoreState.READY]
    reloaded = RestoreTracker(lambda _bid: session, store, clock=clock).restores()
    assert reloaded[0].state is RestoreState.READY
    assert second.poll_due() == []  # a finished restore is not polled again


def test_polls_back_off_up_to_the_tiers_cap_and_keep_the_error(
    moto: RunningS3, archived: tuple[str, str], tmp_path: Path
) -> None:
    bucket, key = archived
    session = S3Session(connection_for(moto))
    clock = FakeClock()
    sessions = {"bm-1": session}
    tracker = RestoreTracker(lambda bid: sessions[bid or ""], tmp_path / "r.json", clock=clock)
    tracked = tracker.request("bm-1", bucket, key, days=1, tier=RestoreTier.EXPEDITED)
    del sessions["bm-1"]  # the bookmark is removed: each poll fails and waits longer
    waits = []
    for _ in range(4):
        clock.now = tracker.restores()[0].next_poll
        [polled] = tracker.poll_due()
        waits.append(polled.wait)
    assert waits == [120, 240, 300, 300]
    assert polled.state is RestoreState.ONGOING and polled.error
    sessions["bm-1"] = session
    clock.now = polled.next_poll
    [ready] = tracker.poll_due()
    assert ready.id == tracked.id and ready.state is RestoreState.READY and ready.error is None


def test_an_object_that_is_not_archived_cannot_be_restored(
    moto: RunningS3, archived: tuple[str, str], tmp_path: Path
) -> None:
    bucket, _key = archived
    session = S3Session(connection_for(moto))
    tracker = RestoreTracker(lambda _bid: session, tmp_path / "r.json")
    with pytest.raises(ClientError):
        tracker.request(None, bucket, "warm.bin", days=1)
    with pytest.raises(RestoreRefused, match="1 to"):
        tracker.request(None, bucket, "cold.bin", days=0)
    assert tracker.restores() == []
    assert restore_status(session, bucket, "warm.bin").state is RestoreState.NOT_ARCHIVED


@pytest.mark.parametrize(
    ("header", "state", "expiry"),
    [
        (None, RestoreState.NOT_REQUESTED, None),
        ('ongoing-request="true"', RestoreState.ONGOING, None),
        (
            'ongoing-request="false", expiry-date="Fri, 21 Dec 2026 00:00:00 GMT"',
            RestoreState.READY,
            "2026-12-21T00:00:00+00:00",
        ),
    ],
)
def test_the_restore_header(header: str | None, state: RestoreState, expiry: str | None) -> None:
    status = parse_restore_header(header)
    assert status.state is state
    assert (status.expiry.isoformat() if status.expiry else None) == expiry
