"""The bandwidth indicator and the desktop notification's decision."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.settings import SettingsStore
from app.core.transfers.jobs import EventType, JobEvent, JobKind, JobSnapshot, JobState, Listener
from app.ui.transfers import notifications
from app.ui.transfers.hub import TransfersHub
from app.ui.transfers.source import bandwidth_in_force
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import MIB, limit_bandwidth, open_at
from tests.gui.transfers.snapshots import snapshot

pytestmark = pytest.mark.gui


def test_a_limit_in_force_shows_in_the_window_and_every_status_bar(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window = open_at(qtbot, windows, seaweed, bucket)
    hub = windows.window_set.transfers
    indicator = window.statusBar().findChild(QLabel, "bandwidthIndicator")
    assert indicator is not None and not indicator.isVisible()
    limit_bandwidth(windows.window_set, 2 * MIB)
    wait_for(qtbot, indicator.isVisible)
    expected = "Bandwidth limited: uploads 2.0 MiB/s, downloads 2.0 MiB/s"
    assert indicator.text() == hub.window.bandwidth_label.text() == expected
    limit_bandwidth(windows.window_set, None)
    wait_for(qtbot, lambda: not indicator.isVisible())
    assert hub.window.bandwidth_label.text() == ""


class _SilentSource:
    """A job source that cannot say which limits are in force (and has no jobs)."""

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return lambda: None

    def jobs(self) -> list[JobSnapshot]:
        return []

    def job(self, job_id: str) -> JobSnapshot:
        raise KeyError(job_id)

    def pause(self, job_id: str) -> None: ...
    def resume(self, job_id: str) -> None: ...
    def retry(self, job_id: str) -> None: ...
    def cancel(self, job_id: str, keep_uploads: bool = False) -> None: ...
    def forget(self, job_id: str) -> None: ...


def test_a_source_without_limits_shows_no_indicator(qtbot: QtBot) -> None:
    assert bandwidth_in_force(_SilentSource()) == (None, None)
    hub = TransfersHub(_SilentSource, SettingsStore())
    try:
        wait_for(qtbot, lambda: hub.source is not None)
        qtbot.wait(50)
        assert hub.window.bandwidth_label.isHidden()
    finally:
        hub.close()


def test_only_a_job_that_ran_a_while_and_ended_is_worth_a_notification() -> None:
    now = [100.0]
    clock = notifications.RunClock(lambda: now[0])
    running = snapshot("long", JobState.RUNNING)
    clock.seen(running)
    now[0] += notifications.MIN_SECONDS + 1
    clock.seen(running)  # seen again: the start stays the first sighting
    ran = clock.ended(snapshot("long", JobState.DONE))
    assert ran == notifications.MIN_SECONDS + 1
    assert notifications.worth_telling(snapshot("long", JobState.DONE), ran)
    assert notifications.worth_telling(snapshot("long", JobState.FAILED), ran)
    assert not notifications.worth_telling(snapshot("long", JobState.CANCELLED), ran)
    assert not notifications.worth_telling(snapshot("quick", JobState.DONE), 1.0)
    assert not notifications.worth_telling(snapshot("never-seen", JobState.DONE), None)
    assert notifications.message(snapshot("x", JobState.FAILED, error="Access denied")) == (
        "Transfer failed",
        "Job x: Access denied",
    )


def test_the_hub_notifies_when_a_long_job_ends(qtbot: QtBot) -> None:
    sent: list[tuple[str, str]] = []
    hub = TransfersHub(
        _SilentSource, SettingsStore(), notify=lambda s, b: bool(sent.append((s, b)))
    )
    now = [0.0]
    hub.clock = notifications.RunClock(lambda: now[0])
    try:
        hub.feed.listener(JobEvent(EventType.ADDED, snapshot("a", JobState.RUNNING)))
        hub.feed.listener(JobEvent(EventType.ADDED, snapshot("b", JobState.RUNNING)))
        hub.feed.flush()
        now[0] = 2.0
        hub.feed.listener(JobEvent(EventType.FINISHED, snapshot("b", JobState.DONE)))
        hub.feed.flush()
        assert sent == []  # two seconds: not worth a notification
        now[0] = 30.0
        hub.feed.listener(JobEvent(EventType.FINISHED, snapshot("a", JobState.FAILED)))
        hub.feed.flush()
        assert sent == [("Transfer failed", "Job a: see the Transfers window")]
    finally:
        hub.close()


def test_uploads_and_downloads_open_the_window_operations_on_the_server_do_not(
    qtbot: QtBot,
) -> None:
    hub = TransfersHub(_SilentSource, SettingsStore())
    try:
        wait_for(qtbot, lambda: hub.source is not None)
        for n, kind in enumerate((JobKind.MOVE, JobKind.COPY, JobKind.DELETE)):
            hub.feed.listener(JobEvent(EventType.ADDED, snapshot(f"op{n}", kind=kind)))
        hub.feed.flush()
        assert len(hub.model.jobs()) == 3 and not hub.window.isVisible()
        hub.feed.listener(JobEvent(EventType.ADDED, snapshot("down", kind=JobKind.DOWNLOAD)))
        hub.feed.flush()
        assert hub.window.isVisible()
    finally:
        hub.close()
