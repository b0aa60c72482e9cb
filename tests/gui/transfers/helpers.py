"""Driving the Transfers window in tests: start real jobs from a browser window, select
them, trigger the window's actions and wait for the states the engine reports."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.application import WindowSet
from app.ui.dialogs import file_pick
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.transfers.hub import TransfersHub
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

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
