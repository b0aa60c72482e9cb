"""The hang detector the stall tests rely on catches a GUI thread that sleeps or waits on a lock
(no CPU spent: a CPU-time check alone would pass them) and says where it was."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.gui.hang_watchdog import HangWatchdog

pytestmark = pytest.mark.gui


def _run_on_gui_thread(qtbot: QtBot, call: Callable[[], None]) -> None:
    """Let the loop turn a while, run `call` from it, and let it turn again."""
    done = threading.Event()

    def step() -> None:
        call()
        done.set()

    QTimer.singleShot(50, step)
    qtbot.waitUntil(done.is_set, timeout=5_000)
    qtbot.wait(50)


def sleep_on_the_gui_thread() -> None:
    time.sleep(0.2)


def test_a_sleep_on_the_gui_thread_fails_the_check_with_its_stack(qtbot: QtBot) -> None:
    with HangWatchdog(threshold_ms=100) as watchdog:
        _run_on_gui_thread(qtbot, sleep_on_the_gui_thread)

    with pytest.raises(AssertionError) as failure:
        watchdog.assert_responsive(100)
    (hang,) = watchdog.hangs
    assert hang.state == "blocked" and hang.one_long_sleep, hang
    assert hang.gui_cpu_s < 0.05, hang  # why the old CPU-time check let it through
    assert 0.19 <= hang.wall_s < 5, hang
    assert "sleep_on_the_gui_thread" in str(failure.value)
    assert "time.sleep(0.2)" in str(failure.value)


def test_a_gui_thread_wait_on_a_workers_lock_fails_the_check_with_its_stack(
    qtbot: QtBot,
) -> None:
    lock = threading.Lock()
    held = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with lock:
            held.set()
            time.sleep(0.25)
            release.wait(5)

    thread = threading.Thread(target=worker)

    def wait_for_the_workers_lock() -> None:
        release.set()  # the worker lets go 0.25 s after taking the lock
        with lock:
            pass

    thread.start()
    assert held.wait(5)  # before the watchdog: this wait is the test's, not the one measured
    with HangWatchdog(threshold_ms=100) as watchdog:
        _run_on_gui_thread(qtbot, wait_for_the_workers_lock)
    thread.join()

    with pytest.raises(AssertionError) as failure:
        watchdog.assert_responsive(100)
    # One hang at least, each one blocked (not busy): on a loaded machine the wait can be seen
    # as two consecutive hangs, but never as GUI-thread work.
    assert watchdog.hangs and {h.state for h in watchdog.hangs} == {"blocked"}, watchdog.hangs
    assert "wait_for_the_workers_lock" in str(failure.value)
    assert "with lock:" in str(failure.value)


def burn_cpu_on_the_gui_thread() -> None:
    end = time.thread_time() + 0.2
    while time.thread_time() < end:
        pass


def test_work_on_the_gui_thread_is_reported_on_cpu(qtbot: QtBot) -> None:
    with HangWatchdog(threshold_ms=100) as watchdog:
        _run_on_gui_thread(qtbot, burn_cpu_on_the_gui_thread)

    (hang,) = watchdog.hangs
    assert hang.gui_cpu_s >= 0.19, hang  # read from outside the GUI thread
    # On a loaded machine most of the gap may be spent waiting for a core; what is left is work.
    assert hang.state in ("on CPU", "waiting for a core"), hang
    if hang.state == "on CPU":
        with pytest.raises(AssertionError, match="burn_cpu_on_the_gui_thread"):
            watchdog.assert_responsive(100)


def test_a_loop_left_to_run_has_no_hang(qtbot: QtBot) -> None:
    with HangWatchdog(threshold_ms=100) as watchdog:
        qtbot.wait(400)

    watchdog.assert_responsive(100)
    assert watchdog.held_over(100) == []
