"""General > notifications: with them off, a long transfer ends without a desktop notification."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from app.core.preferences.sections import GeneralPreferences, Preferences
from app.core.settings import SettingsStore
from app.core.transfers.jobs import EventType, JobEvent, JobState
from app.ui.transfers import notifications
from app.ui.transfers.hub import TransfersHub
from tests.gui.transfers.snapshots import snapshot
from tests.gui.transfers.test_limits_and_notifications import _SilentSource

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("wanted", [True, False])
def test_a_long_job_notifies_only_when_notifications_are_on(qtbot: QtBot, wanted: bool) -> None:
    settings = SettingsStore()
    general = GeneralPreferences(notifications=wanted)
    settings.set_preferences(replace(Preferences(), general=general))
    sent: list[tuple[str, str]] = []
    hub = TransfersHub(_SilentSource, settings, notify=lambda s, b: bool(sent.append((s, b))))
    now = [0.0]
    hub.clock = notifications.RunClock(lambda: now[0])
    try:
        hub.feed.listener(JobEvent(EventType.ADDED, snapshot("a", JobState.RUNNING)))
        hub.feed.flush()
        now[0] = 60.0
        hub.feed.listener(JobEvent(EventType.FINISHED, snapshot("a", JobState.DONE)))
        hub.feed.flush()
        assert bool(sent) is wanted
    finally:
        hub.close()
        settings.flush()
