"""The folder tree's context menu and keys act on the node they were opened on, not on the
list's selection or the window's location: new folder, rename/move, delete, download, upload,
copy URL, open and refresh, checked against the server's state."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.dialogs import file_pick
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.presign import PresignDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import dialog_of, keys, names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = [
    pytest.mark.gui,
    # the offscreen platform cannot raise a popup menu or grab the keyboard for it
    pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard"),
]


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def first_url() -> str:
    """The path-style URL Copy URL puts first on the clipboard ("" if there is none)."""
    return (QApplication.clipboard().text().splitlines() or [""])[0]


def idle(window: MainWindow) -> bool:
    return not window.object_actions.status.running() and not window.controller.model.loading


def right_click(qtbot: QtBot, window: MainWindow, node: Location) -> None:
    """Open the tree's context menu on `node` (the way a right-click asks for it)."""
    tree = window.folder_tree
    index = tree.index_of(node)
    assert index.isValid(), node
    tree.scrollTo(index)
    tree.customContextMenuRequested.emit(tree.visualRect(index).center())
    wait_for(qtbot, window.tree_menu.menu.isVisible)
    assert tree.current_location == node


def choose(window: MainWindow, entry: str) -> None:
    menu = window.tree_menu.menu
    action = window.tree_menu.entries[entry]
    assert action in menu.actions() and action.isEnabled(), entry
    menu.hide()
    action.trigger()


def open_with_tree(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str, prefix: str = ""
) -> MainWindow:
    window = windows.open(connection_for(seaweed), Location(bucket, prefix))
    wait_for(qtbot, lambda: window.folder_tree.current_location == Location(bucket, prefix))
    wait_for(qtbot, lambda: idle(window) and names(window) != [])
    return window


def test_menu_entries_act_on_the_node_not_on_the_location(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["docs/a.md", "img/b.png", "img/c.png", "top.txt"])
    window = open_with_tree(qtbot, windows, seaweed, bucket)
    tree = window.folder_tree
    here = Location(bucket)
    wait_for(qtbot, lambda: tree.labels(here) == ["docs", "img"])
    # a file is selected in the list: the tree's entries must not touch it
    window.object_list.setCurrentIndex(
        window.controller.model.index(names(window).index("top.txt"), 0)
    )

    docs = Location(bucket, "docs/")
    right_click(qtbot, window, docs)
    entries = {a.objectName(): a.text() for a in window.tree_menu.menu.actions() if a.objectName()}
    assert entries["treeNewFolderAction"] == "New &Folder…\tCtrl+Shift+N"
    assert entries["treeRefreshAction"] == "Re&fresh\tF5"
    assert window.tree_menu.entries["treeDeleteAction"].shortcut().toString() == "Del"
    assert window.tree_menu.entries["treeRenameAction"].shortcut().toString() == "F2"
    choose(window, "treeNewFolderAction")
    dialog = dialog_of(qtbot, window, NamePrompt)
    dialog.name_edit.setText("drafts")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "docs/drafts/" in keys(seaweed_admin, bucket))
    assert window.controller.location == here  # the window did not move
    tree.expand(tree.index_of(docs))
    wait_for(qtbot, lambda: tree.labels(docs) == ["drafts"])

    # Rename/Move on a folder node moves every key under it; the tree shows the new name
    img = Location(bucket, "img/")
    right_click(qtbot, window, img)
    choose(window, "treeRenameAction")
    dialog = dialog_of(qtbot, window, NamePrompt)
    assert dialog.name == "img"
    dialog.name_edit.setText("pictures")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(
        qtbot,
        lambda: keys(seaweed_admin, bucket, "pictures/") == ["pictures/b.png", "pictures/c.png"],
    )
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket, "img/") == [])
    # (SeaweedFS goes on listing an emptied directory, so `img` may stay beside it; the
    # moto test below shows the tree dropping it)
    wait_for(qtbot, lambda: "pictures" in tree.labels(here))

    # Delete from the keyboard, with the focus in the tree: the node goes, top.txt stays
    window.activateWindow()  # a dialog had the focus
    wait_for(qtbot, window.isActiveWindow)
    tree.setFocus()
    tree.setCurrentIndex(tree.index_of(Location(bucket, "pictures/")))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    assert "the folder 'pictures/'" in dialog.summary_label.text()
    assert "This deletes 2 objects." in dialog.summary_label.text()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket, "pictures/") == [])
    assert "top.txt" in keys(seaweed_admin, bucket)


def test_copy_url_download_upload_and_open_on_nodes(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(seaweed_admin, bucket, ["logs/2026/a.log", "logs/2026/b.log", "other/x"], body=b"log")
    window = open_with_tree(qtbot, windows, seaweed, bucket, "other/")
    tree = window.folder_tree
    logs = Location(bucket, "logs/")
    wait_for(qtbot, lambda: tree.labels(Location(bucket)) == ["logs", "other"])

    right_click(qtbot, window, Location(bucket))  # a bucket: no rename, no duplicate
    assert not window.tree_menu.entries["treeRenameAction"].isEnabled()
    assert not window.tree_menu.entries["treeDuplicateAction"].isEnabled()
    choose(window, "treeCopyUrlAction")
    wait_for(qtbot, lambda: f"/{bucket}/" in QApplication.clipboard().text())
    assert first_url().endswith(f"/{bucket}/")

    right_click(qtbot, window, logs)
    choose(window, "treeCopyUrlAction")
    wait_for(qtbot, lambda: first_url().endswith(f"/{bucket}/logs/"))

    target = tmp_path / "down"
    target.mkdir()
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    right_click(qtbot, window, logs)
    choose(window, "treeDownloadAction")
    status = window.object_actions.status
    wait_for(qtbot, lambda: "Done: Download" in status.label.text())
    assert (target / "logs" / "2026" / "a.log").read_bytes() == b"log"
    assert (target / "logs" / "2026" / "b.log").read_bytes() == b"log"
    assert not (target / "other").exists()  # the window's folder was not downloaded

    local = tmp_path / "note.txt"
    local.write_bytes(b"uploaded into logs/")
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    right_click(qtbot, window, logs)
    choose(window, "treeUploadAction")
    wait_for(qtbot, lambda: "logs/note.txt" in keys(seaweed_admin, bucket, "logs/"))
    assert keys(seaweed_admin, bucket, "other/") == ["other/x"]
    assert window.controller.location == Location(bucket, "other/")

    # Upload Folder Here: the folder lands in the node, and the tree shows it there
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "one.txt").write_bytes(b"1")
    monkeypatch.setattr(file_pick, "choose_folder_to_upload", lambda _w, done: done([str(batch)]))
    tree.expand(tree.index_of(logs))
    wait_for(qtbot, lambda: tree.labels(logs) == ["2026"])
    right_click(qtbot, window, logs)
    choose(window, "treeUploadFolderAction")
    wait_for(qtbot, lambda: "logs/batch/one.txt" in keys(seaweed_admin, bucket, "logs/"))
    wait_for(qtbot, lambda: tree.labels(logs) == ["2026", "batch"])

    right_click(qtbot, window, logs)
    choose(window, "treeOpenAction")
    wait_for(qtbot, lambda: window.controller.location == logs)
    wait_for(qtbot, lambda: names(window) == ["2026", "batch", "note.txt"])

    # Refresh on a node lists its folders again: one made behind Eider's back appears
    seaweed_admin.put_object(Bucket=bucket, Key="logs/2027/c.log", Body=b"c")
    assert tree.labels(logs) == ["2026", "batch"]
    right_click(qtbot, window, logs)
    choose(window, "treeRefreshAction")
    wait_for(qtbot, lambda: tree.labels(logs) == ["2026", "2027", "batch"])
    wait_for(qtbot, lambda: names(window) == ["2026", "2027", "batch", "note.txt"])


@pytest.fixture
def moto_bucket(moto_admin: Any) -> str:
    name = f"tree-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=name)
    return name


def test_the_tree_drops_deleted_and_renamed_folders_and_leaves_a_deleted_location(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any, moto_bucket: str
) -> None:
    # moto, not SeaweedFS: SeaweedFS goes on listing emptied directories as common prefixes
    bucket = moto_bucket
    fill(moto_admin, bucket, ["keep.txt", "gone/deep/k", "gone/j", "old/x", "old/sub/y"])
    window = open_with_tree(qtbot, windows, moto, bucket, "gone/deep/")
    tree = window.folder_tree
    here = Location(bucket)
    wait_for(qtbot, lambda: tree.labels(here) == ["gone", "old"])
    right_click(qtbot, window, Location(bucket, "gone/"))
    choose(window, "treeDeleteAction")
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: keys(moto_admin, bucket, "gone/") == [])
    # the window stood inside the deleted folder: it goes to the folder that held it
    wait_for(qtbot, lambda: window.controller.location == here)
    wait_for(qtbot, lambda: idle(window) and names(window) == ["old", "keep.txt"])
    wait_for(qtbot, lambda: tree.labels(here) == ["old"])

    right_click(qtbot, window, Location(bucket, "old/"))
    choose(window, "treeRenameAction")
    dialog = dialog_of(qtbot, window, NamePrompt)
    dialog.name_edit.setText("new")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: keys(moto_admin, bucket) == ["keep.txt", "new/sub/y", "new/x"])
    wait_for(qtbot, lambda: tree.labels(here) == ["new"])
    assert tree.index_of(Location(bucket, "old/")).isValid() is False

    window.activateWindow()  # a dialog had the focus
    wait_for(qtbot, window.isActiveWindow)
    tree.setFocus()
    # with the focus in the tree, the window's shortcuts act on the tree's current node
    tree.setCurrentIndex(tree.index_of(Location(bucket, "new/")))
    qtbot.keyClick(tree, Qt.Key.Key_C, CTRL_SHIFT)
    wait_for(qtbot, lambda: f"/{bucket}/new/" in first_url())
    tree.setCurrentIndex(tree.index_of(here))
    for entry in ("treeRenameAction", "treeDuplicateAction"):  # F2, Ctrl+D: not on a bucket
        assert not window.tree_menu.entries[entry].isEnabled()
    tree.setCurrentIndex(tree.index_of(Location(bucket, "new/")))
    qtbot.keyClick(tree, Qt.Key.Key_U, CTRL_SHIFT)  # Pre-signed URL…: for a file only
    wait_for(qtbot, window.error_banner.isVisible)
    assert "A pre-signed URL is for one file" in window.error_banner.text
    assert not isinstance(window.object_actions.dialog, PresignDialog)
