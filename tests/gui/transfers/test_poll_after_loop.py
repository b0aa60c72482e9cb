"""A tick of the bandwidth poll in the pass of Qt events after the event loop ended (at quit,
or between two tests) makes no coroutine: none could run, and one made would be reported
as "never awaited" (and its scheduling error would surface from the timer's slot)."""

from __future__ import annotations

import inspect

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.settings import SettingsStore
from app.ui.async_bridge import AsyncBridge
from app.ui.transfers.hub import TransfersHub
from tests.gui.conftest import wait_for
from tests.gui.loop_ending import loop_not_running
from tests.gui.transfers.test_limits_and_notifications import _SilentSource

pytestmark = pytest.mark.gui


def test_a_poll_tick_without_a_running_loop_makes_no_coroutine(
    qtbot: QtBot, qasync_loop: qasync.QEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = TransfersHub(_SilentSource, SettingsStore())
    try:
        wait_for(qtbot, lambda: hub.source is not None and hub.bridge.pending == 0)
        made = []
        poll = hub._poll_limits

        def counted(source: object) -> object:
            made.append(source)
            return poll(source)  # type: ignore[arg-type]

        monkeypatch.setattr(hub, "_poll_limits", counted)
        with loop_not_running(qasync_loop):
            assert not hub.bridge.can_spawn
            hub._limits_timer.timeout.emit()  # what the timer does on a tick
        assert made == []
        assert hub.bridge.pending == 0

        hub._limits_timer.timeout.emit()  # under the running loop, a tick polls again
        assert len(made) == 1
        wait_for(qtbot, lambda: hub.bridge.pending == 0)
    finally:
        hub.close()


def test_spawn_without_a_running_loop_closes_the_coroutine(
    bridge: AsyncBridge, qasync_loop: qasync.QEventLoop
) -> None:
    async def work() -> None: ...

    coro = work()
    with loop_not_running(qasync_loop), pytest.raises(RuntimeError):
        bridge.spawn(coro, "working")
    assert inspect.getcoroutinestate(coro) == inspect.CORO_CLOSED
    assert bridge.pending == 0
