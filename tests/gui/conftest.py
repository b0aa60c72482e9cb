"""GUI test fixtures: a qasync loop per test, the GUI-thread guard, windows on a real server."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.connection import Connection
from app.core.errors import UserError
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.ui.application import WindowSet
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.browser import SessionFactory
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.fixtures.servers import RunningS3
from tests.gui.loop_ending import end_loop

WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def qasync_loop(
    qapp: Any, qtbot: QtBot, collect_on_the_gui_thread: None
) -> Iterator[qasync.QEventLoop]:
    """The application's asyncio loop, running inside pytest-qt's Qt event processing.

    At teardown every task must have finished (or been cancelled by its window): a task still
    pending is a leak and fails the test; so does an exception the loop reported.
    """
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    loop_errors: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: loop_errors.append(context))
    yield loop
    qtbot.waitUntil(lambda: all(t.done() for t in asyncio.all_tasks(loop)), timeout=WAIT_MS)
    end_loop(qapp, loop)
    assert not loop_errors, f"the event loop reported: {loop_errors}"


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """No automatic cycle collection during a GUI test: it would run on whichever thread
    allocates (often a worker) and could destroy Qt objects there (see `app.ui.gui_thread_gc`).
    The test's cycles are collected here, on the GUI thread, after its event loop has ended
    (`qasync_loop` depends on this fixture, so it is torn down first)."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def forbid_blocking_on_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any S3 call Eider makes on the GUI (test) thread raises, is recorded, and fails the test.

    This is the proof that no boto3 call runs on the GUI thread: every Eider session registers
    `thread_guard.check_before_call` on its clients.
    """
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


class Windows:
    """Opens browser windows the way `run_gui` does, and closes them after the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.window_set = WindowSet()  # tests may replace it (a later run)
        self.opened: list[MainWindow] = []

    def open(
        self, connection_or_factory: Connection | SessionFactory, start: Location | None = None
    ) -> MainWindow:
        if isinstance(connection_or_factory, Connection):
            connection = connection_or_factory
            factory: SessionFactory = lambda: S3Session(connection)  # noqa: E731
        else:
            factory = connection_or_factory
        window = self.window_set.open(factory, start)
        self._qtbot.addWidget(window)
        self.opened.append(window)
        return window

    def close_all(self) -> None:
        for window in self.window_set.windows[:]:
            bridge_pool = window.controller.bridge.pool
            window.close()
            bridge_pool.shutdown(wait=True)  # let a call in flight finish before the loop closes


@pytest.fixture
def windows(qtbot: QtBot, qasync_loop: qasync.QEventLoop) -> Iterator[Windows]:
    opened = Windows(qtbot)
    yield opened
    opened.close_all()
    # Collect the test's cycles of Qt wrappers now, on the GUI thread: left to the collector,
    # they can be freed on a worker thread of a later test, which Qt does not survive.
    gc.collect()


def fill(admin: Any, bucket: str, keys: list[str], body: bytes = b"x", threads: int = 10) -> None:
    """Put many small objects quickly (the test's own boto3 client, not Eider's)."""
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda k: admin.put_object(Bucket=bucket, Key=k, Body=body), keys))


def wait_for(qtbot: QtBot, condition: Callable[[], bool], timeout: int = WAIT_MS) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


@pytest.fixture
def bridge() -> Iterator[AsyncBridge]:
    """A worker pool that reaches the GUI thread, without a window; what it could not do
    collects in `bridge.errors`."""
    errors: list[UserError] = []
    bridge = AsyncBridge(on_error=errors.append)
    bridge.errors = errors  # type: ignore[attr-defined]
    yield bridge
    bridge.shutdown()
    bridge.pool.shutdown(wait=True)


@pytest.fixture
def store() -> BookmarkStore:
    """The test's bookmark store (in the test's EIDER_HOME)."""
    return BookmarkStore()


@pytest.fixture
def window_set(windows: Windows, store: BookmarkStore) -> WindowSet:
    """The test's window set, on the test's bookmark store (closed by `windows`)."""
    windows.window_set = WindowSet(store)
    return windows.window_set


@pytest.fixture
def seaweed_bookmark(store: BookmarkStore, seaweed: RunningS3) -> Bookmark:
    """A saved bookmark on the test SeaweedFS server, its secret in the test keyring."""
    bookmark = Bookmark(
        nickname="Test SeaweedFS",
        profile="seaweedfs",
        host=seaweed.host,
        port=seaweed.port,
        access_key_id=seaweed.access_key,
    )
    return store.add(bookmark, secret_key=seaweed.secret_key)
