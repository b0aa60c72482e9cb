"""Quitting while transfers run, and the next start listing what the last run left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from app.core.transfers.jobs import JobState
from app.core.transfers.journal import Journal
from app.ui.models.transfers_model import STATE
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import (
    MIB,
    bookmark_on,
    close_last_window,
    limit_bandwidth,
    open_on,
    quit_with_stop,
    random_file,
    start_again,
    trigger,
    upload,
    wait_jobs,
    wait_state,
)

pytestmark = pytest.mark.gui


def _journaled_state(job_id: str) -> str | None:
    journal = Journal()
    try:
        record = journal.job(job_id)
        return None if record is None else record.state
    finally:
        journal.close()


def _start_slow_upload(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    local: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    window_set = windows.window_set
    limit_bandwidth(window_set, 512 * 1024)
    window = open_on(qtbot, window_set, seaweed, bookmark_on(window_set, seaweed, "Slow"), bucket)
    upload(window, monkeypatch, local)
    hub = window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [job.id], JobState.RUNNING)
    return job.id


@pytest.mark.parametrize("then", ["resume on a click", "resume by itself", "remove"])
def test_stopping_at_quit_leaves_the_job_for_the_next_start(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    then: str,
) -> None:
    resume_at_start = then == "resume by itself"
    local = random_file(tmp_path / "left.bin", 4 * MIB)
    job_id = _start_slow_upload(qtbot, windows, seaweed, bucket, local, monkeypatch)
    quit_with_stop(qtbot, windows.window_set)
    assert _journaled_state(job_id) == "queued"  # resumable where it stopped

    next_run = start_again(qtbot, windows, resume_at_start=resume_at_start)
    hub = next_run.transfers
    (listed,) = wait_jobs(qtbot, hub, 1)
    assert listed.id == job_id and listed.interrupted
    if not resume_at_start:
        text = hub.model.job_index(job_id, STATE).data()
        assert text == "Interrupted — resumable"
        qtbot.wait(500)  # nothing starts by itself
        assert hub.model.job(job_id).state is JobState.QUEUED  # type: ignore[union-attr]
    if then == "remove":
        trigger(hub, [job_id], "removeTransferAction")
        wait_for(qtbot, lambda: hub.model.jobs() == [])
        assert _journaled_state(job_id) is None
        return
    if then == "resume on a click":
        trigger(hub, [job_id], "resumeTransferAction")
    wait_state(qtbot, hub, [job_id], JobState.DONE)
    body = seaweed_admin.get_object(Bucket=bucket, Key="left.bin")["Body"].read()
    assert body == local.read_bytes()
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_finishing_first_shows_the_transfers_then_quits(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = random_file(tmp_path / "finish.bin", 2 * MIB)
    job_id = _start_slow_upload(qtbot, windows, seaweed, bucket, local, monkeypatch)
    window_set = windows.window_set
    hub = window_set.transfers
    window = close_last_window(qtbot, window_set, "finishTransfersButton")
    assert not window.isVisible() and hub.window.isVisible()
    assert "quits when these transfers have finished" in hub.window.message_label.text()
    limit_bandwidth(window_set, None)
    wait_for(qtbot, lambda: not shiboken6.isValid(hub.window))  # all closed: Eider quits
    assert not window.isVisible() and hub.model.job(job_id).state is JobState.DONE  # type: ignore[union-attr]
    body = seaweed_admin.get_object(Bucket=bucket, Key="finish.bin")["Body"].read()
    assert body == local.read_bytes()


def test_dont_quit_keeps_the_window_and_its_transfers(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = random_file(tmp_path / "stay.bin", 2 * MIB)
    job_id = _start_slow_upload(qtbot, windows, seaweed, bucket, local, monkeypatch)
    window_set = windows.window_set
    window = close_last_window(qtbot, window_set, "dontQuitButton")
    assert window.isVisible()
    assert window_set.transfers.model.job(job_id).state is JobState.RUNNING  # type: ignore[union-attr]
    limit_bandwidth(window_set, None)
    wait_state(qtbot, window_set.transfers, [job_id], JobState.DONE)


def test_a_job_whose_bookmark_was_removed_says_so_and_can_be_removed(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window_set = windows.window_set
    bookmark = bookmark_on(window_set, seaweed, "Gone Soon")
    limit_bandwidth(window_set, 256 * 1024)
    window = open_on(qtbot, window_set, seaweed, bookmark, bucket)
    upload(window, monkeypatch, random_file(tmp_path / "orphan.bin", 2 * MIB))
    hub = window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    assert "Gone Soon: " in hub.model.job_index(job.id, 1).data()
    trigger(hub, [job.id], "pauseTransferAction")
    wait_state(qtbot, hub, [job.id], JobState.PAUSED)

    window.sidebar.model.store.remove(bookmark.id)
    window.sidebar.model.reload()
    assert hub.model.job_index(job.id, STATE).data().startswith("Bookmark removed")
    assert "(removed bookmark)" in hub.model.job_index(job.id, 1).data()
    trigger(hub, [job.id], "removeTransferAction")
    wait_for(qtbot, lambda: hub.model.jobs() == [])


def test_closing_the_transfers_window_while_waiting_stops_and_quits(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = random_file(tmp_path / "wait.bin", 4 * MIB)
    job_id = _start_slow_upload(qtbot, windows, seaweed, bucket, local, monkeypatch)
    window_set = windows.window_set
    hub = window_set.transfers
    close_last_window(qtbot, window_set, "finishTransfersButton")
    assert hub.window.isVisible()
    hub.window.close()  # nothing would be left on screen: Eider stops the transfers and quits
    wait_for(qtbot, lambda: not shiboken6.isValid(hub.window))
    assert _journaled_state(job_id) == "queued"


def test_a_job_whose_bookmark_was_removed_can_be_pointed_at_another(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window_set = windows.window_set
    gone = bookmark_on(window_set, seaweed, "Old")
    other = bookmark_on(window_set, seaweed, "New Home")
    limit_bandwidth(window_set, 256 * 1024)
    window = open_on(qtbot, window_set, seaweed, gone, bucket)
    local = random_file(tmp_path / "moved.bin", 2 * MIB)
    upload(window, monkeypatch, local)
    hub = window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [job.id], JobState.RUNNING)
    hub.window.select_jobs([job.id])
    assert not hub.window.action("retargetTransferAction").isEnabled()  # running, bookmark there
    quit_with_stop(qtbot, window_set)
    window_set.store.remove(gone.id)

    next_run = start_again(qtbot, windows)
    hub = next_run.transfers
    wait_jobs(qtbot, hub, 1)
    assert hub.model.job_index(job.id, STATE).data().startswith("Bookmark removed")
    assert "(removed bookmark)" in hub.model.job_index(job.id, 1).data()
    trigger(hub, [job.id], "retargetTransferAction")
    dialog = hub.commands.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("New Home")
    dialog.accept()
    wait_for(qtbot, lambda: "New Home: " in hub.model.job_index(job.id, 1).data())
    moved = hub.model.job(job.id)
    assert moved is not None and moved.where is not None
    assert moved.where.bookmark_id == other.id
    trigger(hub, [job.id], "resumeTransferAction")  # it continues on its new bookmark
    wait_state(qtbot, hub, [job.id], JobState.DONE)
    body = seaweed_admin.get_object(Bucket=bucket, Key="moved.bin")["Body"].read()
    assert body == local.read_bytes()
