"""Drag and drop without a mouse: Ctrl+X / Ctrl+C in one window and Ctrl+V in another, Copy
To… and Move To…, Paste of files copied in a file manager (SeaweedFS)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.dialogs.destination import DestinationDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, keys, names
from tests.gui.conftest import Windows, wait_for
from tests.gui.dnd.test_between_windows import at
from tests.gui.dnd.test_drag_out import select

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Any = CTRL) -> None:
    # A window shown meanwhile (the Transfers window after a job) can take the activation back:
    # ask again on every poll rather than once.
    def active() -> bool:
        window.activateWindow()
        return QApplication.activeWindow() is window

    wait_for(qtbot, active)
    window.object_list.setFocus()
    qtbot.keyClick(window.object_list, key, modifiers)


def two_windows(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> tuple[MainWindow, MainWindow]:
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    other = windows.open(connection_for(seaweed), Location(bucket, "dest/"))
    return one, at(qtbot, other, Location(bucket, "dest/"))


def test_copy_and_paste_into_another_window_keeps_the_source_and_cut_moves(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"aaa")
    seaweed_admin.put_object(Bucket=bucket, Key="b.txt", Body=b"bbb")
    seaweed_admin.put_object(Bucket=bucket, Key="dest/here.txt", Body=b"x")
    one, other = two_windows(qtbot, windows, seaweed, bucket)
    wait_for(qtbot, lambda: {"a.txt", "b.txt"} <= set(names(one)))
    select(one, "a.txt")
    press(qtbot, one, Qt.Key.Key_C)
    clip = QGuiApplication.clipboard().mimeData()
    assert clip.text() == f"s3://{bucket}/a.txt", "other programs get the URL"
    press(qtbot, other, Qt.Key.Key_V)
    wait_for(qtbot, lambda: "dest/a.txt" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "dest/a.txt") == b"aaa"
    assert "a.txt" in keys(seaweed_admin, bucket)
    wait_for(qtbot, lambda: "a.txt" in names(other))

    select(one, "b.txt")
    press(qtbot, one, Qt.Key.Key_X)
    press(qtbot, other, Qt.Key.Key_V)
    wait_for(qtbot, lambda: "b.txt" not in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "dest/b.txt") == b"bbb"
    wait_for(qtbot, lambda: "b.txt" in names(other) and "b.txt" not in names(one))
    left = QGuiApplication.clipboard().mimeData()
    assert left is None or not left.formats(), "a cut is pasted once"


def test_move_to_and_copy_to_choose_a_folder(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="m.txt", Body=b"move me")
    seaweed_admin.put_object(Bucket=bucket, Key="c.txt", Body=b"copy me")
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    wait_for(qtbot, lambda: {"m.txt", "c.txt"} <= set(names(one)))
    keyboard = one.keyboard_transfers
    steps = (("c.txt", Qt.Key.Key_F5, "copies/"), ("m.txt", Qt.Key.Key_F6, "moved/"))
    for name, key, where in steps:  # (the copy first: the move lists the folder again)
        select(one, name)
        press(qtbot, one, key, Qt.KeyboardModifier.ShiftModifier)
        wait_for(qtbot, lambda: isinstance(keyboard.dialog, DestinationDialog))
        dialog = keyboard.dialog
        assert dialog.connection_box.currentText() == "This window's connection"
        dialog.folder_edit.setText("s3://")
        assert not dialog.ok_button.isEnabled() and "bucket" in dialog.problem_label.text()
        dialog.folder_edit.setText(f"s3://{bucket}/{where}")
        dialog.ok_button.click()
        wait_for(qtbot, lambda n=name, w=where: f"{w}{n}" in keys(seaweed_admin, bucket))
        keyboard.dialog = None
    assert body(seaweed_admin, bucket, "moved/m.txt") == b"move me"
    assert body(seaweed_admin, bucket, "copies/c.txt") == b"copy me"
    assert sorted(keys(seaweed_admin, bucket)) == ["c.txt", "copies/c.txt", "moved/m.txt"]
    wait_for(qtbot, lambda: "m.txt" not in names(one))


def test_paste_of_files_copied_in_a_file_manager_uploads_them(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="x.txt", Body=b"x")
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    wait_for(qtbot, lambda: "x.txt" in names(one))
    (tmp_path / "pasted.txt").write_bytes(b"from the file manager")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "pasted.txt"))])
    QGuiApplication.clipboard().setMimeData(mime)
    press(qtbot, one, Qt.Key.Key_V)
    wait_for(qtbot, lambda: "pasted.txt" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "pasted.txt") == b"from the file manager"
    wait_for(qtbot, lambda: "pasted.txt" in names(one))


def test_upload_to_and_move_to_another_bookmark_on_another_server(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, moto: RunningS3, seaweed_admin: Any,
    moto_admin: Any, bucket: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import uuid

    from app.core.bookmarks import Bookmark
    from app.ui.dialogs import file_pick

    store = windows._set.store  # the windows' own store (the sidebars list it)
    other = store.add(
        Bookmark(
            nickname="Moto", profile="seaweedfs", host=moto.host, port=moto.port,
            access_key_id=moto.access_key,
        ),
        secret_key=moto.secret_key,
    )  # fmt: skip
    moto_bucket = f"k-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=moto_bucket)
    seaweed_admin.put_object(Bucket=bucket, Key="far.txt", Body=b"goes far")
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    wait_for(qtbot, lambda: "far.txt" in names(one))
    keyboard = one.keyboard_transfers

    def choose(connection: str, folder: str) -> None:
        wait_for(qtbot, lambda: isinstance(keyboard.dialog, DestinationDialog))
        dialog = keyboard.dialog
        dialog.connection_box.setCurrentIndex(dialog.connection_box.findText(connection))
        assert dialog.bookmark_id == other.id
        dialog.folder_edit.setText(folder)
        dialog.ok_button.click()
        keyboard.dialog = None

    (tmp_path / "up.txt").write_bytes(b"uploaded elsewhere")
    monkeypatch.setattr(
        file_pick, "choose_files_to_upload", lambda _w, done: done([str(tmp_path / "up.txt")])
    )
    keyboard.actions["uploadToAction"].trigger()
    choose("Moto", f"s3://{moto_bucket}/in/")
    wait_for(qtbot, lambda: "in/up.txt" in keys(moto_admin, moto_bucket), timeout=60_000)
    assert body(moto_admin, moto_bucket, "in/up.txt") == b"uploaded elsewhere"

    # (a finished upload lists the window's folder again: select once that is done)
    wait_for(qtbot, lambda: not one.object_actions.status.running())
    wait_for(qtbot, lambda: not one.controller.model.loading and "far.txt" in names(one))
    select(one, "far.txt")
    press(qtbot, one, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    choose("Moto", f"s3://{moto_bucket}/in/")
    wait_for(qtbot, lambda: "far.txt" not in keys(seaweed_admin, bucket), timeout=60_000)
    assert body(moto_admin, moto_bucket, "in/far.txt") == b"goes far"
    wait_for(qtbot, lambda: "far.txt" not in names(one))
