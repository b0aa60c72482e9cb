"""The weekly bandwidth schedule and the limits in force, with an injected clock."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock_time

import pytest

from app.core.transfers.limits import LimitKeeper, TransferLimits
from app.core.transfers.schedule import WEEKDAYS, BandwidthSchedule, ScheduleRule
from app.core.transfers.service import TransferService

TWO_MB = 2_000_000
OFFICE_HOURS = BandwidthSchedule(
    (ScheduleRule(WEEKDAYS, clock_time(8), clock_time(18), upload=TWO_MB, download=TWO_MB),)
)
MONDAY = datetime(2026, 12, 7)  # a Monday


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.mark.parametrize(
    ("moment", "limited"),
    [
        (MONDAY + timedelta(hours=7, minutes=59, seconds=59), False),
        (MONDAY + timedelta(hours=8), True),
        (MONDAY + timedelta(days=4, hours=17, minutes=59, seconds=59), True),  # Friday
        (MONDAY + timedelta(days=4, hours=18), False),
        (MONDAY + timedelta(days=5, hours=10), False),  # Saturday
    ],
)
def test_weekday_office_hours_limit(moment: datetime, limited: bool) -> None:
    expected = (TWO_MB, TWO_MB) if limited else (None, 500.0)
    assert OFFICE_HOURS.rates_at(moment, (None, 500.0)) == expected


def test_a_rule_ending_before_it_starts_runs_through_midnight() -> None:
    night = ScheduleRule(frozenset({4}), clock_time(22), clock_time(6), upload=1000.0)  # Friday
    friday = MONDAY + timedelta(days=4)
    assert not night.covers(friday + timedelta(hours=21, minutes=59))
    assert night.covers(friday + timedelta(hours=22))
    assert night.covers(friday + timedelta(days=1, hours=5, minutes=59))
    assert not night.covers(friday + timedelta(days=1, hours=6))
    assert not night.covers(MONDAY + timedelta(hours=1))  # Sunday night is not Friday's


def test_the_schedule_and_limits_survive_json() -> None:
    assert BandwidthSchedule.from_json(OFFICE_HOURS.to_json()) == OFFICE_HOURS
    limits = TransferLimits(2, 3, 1000.0, None, OFFICE_HOURS)
    assert TransferLimits.from_json(limits.to_json()) == limits
    with pytest.raises(ValueError, match="positive"):
        TransferLimits.from_json({**limits.to_json(), "upload_rate": -1})


def test_the_limiters_switch_at_the_boundary() -> None:
    clock = Clock(MONDAY + timedelta(hours=7, minutes=59, seconds=59))
    keeper = LimitKeeper(TransferLimits(schedule=OFFICE_HOURS, download_rate=500.0), clock)
    heard: list[tuple[float | None, float | None]] = []
    keeper.subscribe(heard.append)
    assert keeper.in_force() == (None, 500.0)
    assert (keeper.bandwidth.upload.rate, keeper.bandwidth.download.rate) == (None, 500.0)
    clock.moment = MONDAY + timedelta(hours=8)
    keeper.refresh()
    assert keeper.in_force() == (TWO_MB, TWO_MB)
    assert (keeper.bandwidth.upload.rate, keeper.bandwidth.download.rate) == (TWO_MB, TWO_MB)
    keeper.refresh()  # no change, nothing heard
    clock.moment = MONDAY + timedelta(hours=18)
    keeper.refresh()
    assert keeper.bandwidth.upload.rate is None
    assert heard == [(TWO_MB, TWO_MB), (None, 500.0)]


def test_the_service_follows_the_schedule_by_itself() -> None:
    clock = Clock(MONDAY + timedelta(hours=7, minutes=59, seconds=59, microseconds=900_000))

    def no_sessions(bookmark_id: str) -> object:
        raise AssertionError("no engine is needed to follow the schedule")

    service = TransferService(
        no_sessions,  # type: ignore[arg-type]
        limits=TransferLimits(schedule=OFFICE_HOURS),
        clock=clock,
        tick=0.05,
    )
    try:
        assert service.bandwidth_in_force() == (None, None)
        clock.moment = MONDAY + timedelta(hours=8)
        deadline = time.monotonic() + 5
        while service.bandwidth_in_force() == (None, None) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert service.bandwidth_in_force() == (TWO_MB, TWO_MB)
    finally:
        service.close()
