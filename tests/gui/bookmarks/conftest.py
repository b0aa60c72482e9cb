"""Fixtures for the bookmarks GUI tests: a qasync loop, the GUI-thread guard, a sidebar.

The two autouse fixtures carry the same names as the browser window's GUI fixtures, so in a
tree that has both, these take their place here rather than running twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.bookmarks import BookmarkStore
from app.core.s3 import thread_guard
from app.ui.bookmarks.sidebar import BookmarksSidebar

WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def qasync_loop(qapp: Any, qtbot: QtBot) -> Iterator[qasync.QEventLoop]:
    """qasync's loop inside pytest-qt's event processing. A task left pending at teardown, or
    an exception the loop reported, fails the test."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    loop_errors: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: loop_errors.append(context))
    yield loop
    qtbot.waitUntil(lambda: all(t.done() for t in asyncio.all_tasks(loop)), timeout=WAIT_MS)
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    # Not loop.stop(): it calls QApplication.exit(), which leaves Qt's quit flag set for the
    # following tests.
    loop._QEventLoop__is_running = False
    loop._after_run_forever()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    assert not loop_errors, f"the event loop reported: {loop_errors}"


@pytest.fixture(autouse=True)
def forbid_blocking_on_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any S3 call on the GUI (test) thread raises, is recorded here, and fails the test."""
    violations: list[str] = []
    original = thread_guard.check_before_call

    def recording_check(**kwargs: Any) -> None:
        try:
            original(**kwargs)
        except thread_guard.BlockingCallOnForbiddenThread as exc:
            violations.append(str(exc))
            raise

    monkeypatch.setattr(thread_guard, "check_before_call", recording_check)
    thread_guard.forbid_current_thread()
    yield violations
    thread_guard.allow_current_thread()
    assert not violations, f"S3 calls ran on the GUI thread: {violations}"


@pytest.fixture
def sidebar(qtbot: QtBot, store: BookmarkStore) -> Iterator[BookmarksSidebar]:
    widget = BookmarksSidebar(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: widget.pending == 0, timeout=WAIT_MS)
    widget.shutdown()


def stored_text(store: BookmarkStore) -> str:
    return Path(store.path).read_text(encoding="utf-8") if Path(store.path).exists() else ""
