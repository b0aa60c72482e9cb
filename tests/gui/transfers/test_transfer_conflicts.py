"""Uploads and downloads onto targets that exist ask the user (overwrite, skip, keep both,
cancel; "apply to all" for the rest of that action), and the server's state (or the local
folder) shows the answer was carried out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.transfers.jobs import JobKind
from app.core.transfers.journal import Journal
from app.ui.dialogs import file_pick
from app.ui.dialogs.transfer_conflict import TransferConflictDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, keys, names
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.answers import answer_quit

pytestmark = pytest.mark.gui


def open_at(qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str, prefix: str = ""):
    window = windows.open(connection_for(seaweed), Location(bucket, prefix))
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def question(qtbot: QtBot, window: MainWindow) -> TransferConflictDialog:
    asker = window.object_actions.transfers.conflicts
    wait_for(qtbot, lambda: asker.dialog is not None and asker.dialog.isVisible())
    assert asker.dialog is not None
    return asker.dialog


def status_text(window: MainWindow) -> str:
    return window.object_actions.status.label.text()


def idle(window: MainWindow) -> bool:
    return not window.object_actions.status.running()


def test_skip_applied_to_all_files_of_one_upload(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("a.txt", "b.txt"):
        seaweed_admin.put_object(Bucket=bucket, Key=f"dir/{name}", Body=b"old " + name.encode())
    files = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"new " + name.encode())
        files.append(str(tmp_path / name))
    window = open_at(qtbot, windows, seaweed, bucket, "dir/")
    asked: list[TransferConflictDialog] = []
    window.object_actions.transfers.conflicts.dialogOpened.connect(asked.append)
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done(files))
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)

    dialog = question(qtbot, window)
    assert dialog.conflict.kind is JobKind.UPLOAD
    assert dialog.conflict.key in ("dir/a.txt", "dir/b.txt")
    assert "already exists in s3://" in dialog.message_label.text()
    dialog.apply_to_all_box.setChecked(True)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "c.txt" in names(window) and idle(window))
    assert len(asked) == 1  # the other file's conflict took the same answer
    assert body(seaweed_admin, bucket, "dir/a.txt") == b"old a.txt"
    assert body(seaweed_admin, bucket, "dir/b.txt") == b"old b.txt"
    assert body(seaweed_admin, bucket, "dir/c.txt") == b"new c.txt"
    assert keys(seaweed_admin, bucket) == ["dir/a.txt", "dir/b.txt", "dir/c.txt"]


def test_folder_upload_keep_both_then_overwrite(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("x.jpg", "y.jpg"):
        seaweed_admin.put_object(Bucket=bucket, Key=f"photos/{name}", Body=b"old")
    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("x.jpg", "y.jpg", "z.jpg"):
        (folder / name).write_bytes(b"new " + name.encode())
    window = open_at(qtbot, windows, seaweed, bucket)
    monkeypatch.setattr(file_pick, "choose_folder_to_upload", lambda _w, done: done([str(folder)]))
    window.object_actions.actions["uploadFolderAction"].trigger()

    first = question(qtbot, window)
    renamed = first.conflict.key
    qtbot.mouseClick(first.rename_button, Qt.MouseButton.LeftButton)
    second = question(qtbot, window)
    assert second is not first
    overwritten = second.conflict.key
    assert {renamed, overwritten} == {"photos/x.jpg", "photos/y.jpg"}
    qtbot.mouseClick(second.overwrite_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Done: Upload photos" in status_text(window))

    stem = renamed.removesuffix(".jpg")
    assert keys(seaweed_admin, bucket) == sorted(
        ["photos/x.jpg", "photos/y.jpg", "photos/z.jpg", f"{stem} (1).jpg"]
    )
    assert body(seaweed_admin, bucket, renamed) == b"old"
    assert body(seaweed_admin, bucket, f"{stem} (1).jpg") == b"new " + renamed[7:].encode()
    assert body(seaweed_admin, bucket, overwritten) == b"new " + overwritten[7:].encode()
    assert body(seaweed_admin, bucket, "photos/z.jpg") == b"new z.jpg"


def test_download_onto_an_existing_file_keep_both_or_cancel(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="report.txt", Body=b"from the server")
    target = tmp_path / "downloads"
    target.mkdir()
    (target / "report.txt").write_bytes(b"local copy")
    window = open_at(qtbot, windows, seaweed, bucket)
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(names(window).index("report.txt"), 0))

    window.object_actions.actions["downloadAction"].trigger()
    dialog = question(qtbot, window)
    assert dialog.conflict.kind is JobKind.DOWNLOAD
    assert dialog.conflict.existing_size == len(b"local copy")
    assert f"in {target}" in dialog.message_label.text()
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Done: Download" in status_text(window))
    assert (target / "report.txt").read_bytes() == b"local copy"
    assert (target / "report (1).txt").read_bytes() == b"from the server"

    window.object_actions.actions["downloadAction"].trigger()
    dialog = question(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Cancelled: Download" in status_text(window))
    assert sorted(p.name for p in target.iterdir()) == ["report (1).txt", "report.txt"]
    assert (target / "report.txt").read_bytes() == b"local copy"


def test_closing_the_window_with_a_question_open_keeps_the_target(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="keep.txt", Body=b"server")
    local = tmp_path / "keep.txt"
    local.write_bytes(b"local")
    window = open_at(qtbot, windows, seaweed, bucket)
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    job_id = question(qtbot, window).conflict.job_id
    window.close()  # would hang if the engine waited for an answer that never comes
    answer_quit(qtbot, windows.window_set, "stopTransfersButton")  # the upload is still running
    qtbot.waitUntil(lambda: not window.isVisible())
    assert body(seaweed_admin, bucket, "keep.txt") == b"server"
    journal = Journal()  # the upload is kept, its file still to do: nothing is lost
    try:
        record = journal.job(job_id)
        # Either resumable state: "paused" when the unanswered question paused the job before
        # the service closed, "queued" (continued at the next start) when the close came first;
        # which one wins is a race between the engine thread and the quit, both keep the job.
        assert record is not None and record.state in ("paused", "queued")
        assert [item.state for item in journal.items(job_id)] == ["queued"]
    finally:
        journal.close()
