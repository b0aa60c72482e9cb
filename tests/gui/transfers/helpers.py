"""Driving the Transfers window in tests: start real jobs from a browser window, select
them, trigger the window's actions and wait for the states the engine reports."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark
from app.core.s3.session import S3Session
from app.core.settings import TransferPreferences
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.application import WindowSet
from app.ui.dialogs import file_pick
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.transfers.hub import TransfersHub
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.answers import answer_quit

MIB = 1024 * 1024


def limit_bandwidth(window_set: WindowSet, rate: float | None) -> None:
    """One limit for uploads and downloads on the application's transfer service (made now
    if needed), in bytes per second; None lifts it."""
    service = window_set.shared_transfers.get()
    service.set_limits(replace(service.limits, upload_rate=rate, download_rate=rate))


def open_at(qtbot: QtBot, windows: Windows, server: RunningS3, bucket: str) -> MainWindow:
    window = windows.open(connection_for(server), Location(bucket, ""))
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, ""))
    wait_for(qtbot, lambda: not window.controller.model.loading)
    return window


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no disk space (uploads still read all of it)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def upload(window: MainWindow, monkeypatch: pytest.MonkeyPatch, *files: Path) -> None:
    """Upload `files` into the window's folder the way Upload… does."""
    picked = [str(f) for f in files]
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done(picked))
    window.object_actions.actions["uploadAction"].trigger()


def wait_jobs(qtbot: QtBot, hub: TransfersHub, count: int) -> list[JobSnapshot]:
    wait_for(qtbot, lambda: len(hub.model.jobs()) >= count)
    return hub.model.jobs()


def state_of(hub: TransfersHub, job_id: str) -> JobState | None:
    job = hub.model.job(job_id)
    return None if job is None else job.state


def wait_state(qtbot: QtBot, hub: TransfersHub, job_ids: list[str], state: JobState) -> None:
    wait_for(qtbot, lambda: all(state_of(hub, i) is state for i in job_ids))


def trigger(hub: TransfersHub, job_ids: list[str], action: str) -> None:
    hub.window.select_jobs(job_ids)
    assert sorted(hub.window.selected_job_ids()) == sorted(job_ids)
    assert hub.window.action(action).isEnabled(), action
    hub.window.action(action).trigger()


def bookmark_on(window_set: WindowSet, server: RunningS3, nickname: str) -> Bookmark:
    """A saved bookmark on `server` (its secret in the test keyring), as the sidebar adds it."""
    bookmark = Bookmark(
        nickname,
        "seaweedfs",
        host=server.host,
        port=server.port,
        access_key_id=server.access_key,
    )
    return window_set.store.add(bookmark, secret_key=server.secret_key)


def open_on(
    qtbot: QtBot, window_set: WindowSet, server: RunningS3, bookmark: Bookmark, bucket: str
) -> MainWindow:
    """A browser window on `bookmark`, showing `bucket`."""
    connection = connection_for(server)
    window = window_set.open(
        lambda: S3Session(connection), Location(bucket, ""), bookmark_id=bookmark.id
    )
    qtbot.addWidget(window)
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, ""))
    wait_for(qtbot, lambda: not window.controller.model.loading)
    return window


def close_last_window(qtbot: QtBot, window_set: WindowSet, answer: str) -> MainWindow:
    """Close the last browser window while transfers run and click `answer` in the question
    that asks what to do with them (see `answer_quit`)."""
    (window,) = window_set.windows
    window.close()
    answer_quit(qtbot, window_set, answer)
    return window


def quit_with_stop(qtbot: QtBot, window_set: WindowSet) -> None:
    """Quit as a user does: close the last browser window, answer "Stop Transfers"."""
    (window,) = window_set.windows
    window.close()
    assert window.isVisible()  # not yet: the question is open
    answer_quit(qtbot, window_set, "stopTransfersButton")
    wait_for(qtbot, lambda: not window.isVisible())


def start_again(qtbot: QtBot, windows: Windows, **preferences: bool) -> WindowSet:
    """The next start on the same state folders: a new window set and its first window."""
    next_run = windows.window_set = WindowSet()
    next_run.settings.set_transfers(TransferPreferences(**preferences))
    qtbot.addWidget(next_run.open_empty())
    return next_run
