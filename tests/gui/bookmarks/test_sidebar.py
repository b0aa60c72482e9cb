"""Create, edit, duplicate, reorder, filter and delete bookmarks through the sidebar's widgets;
the store's file is checked afterwards, and never holds a secret."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.model import SECRET_KEY
from app.core.s3.session import S3Session
from app.core.s3.thread_guard import BlockingCallOnForbiddenThread
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.bookmarks.conftest import WAIT_MS, stored_text

pytestmark = pytest.mark.gui

SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"


def nicknames_in_file(store: BookmarkStore) -> list[str]:
    return [b["nickname"] for b in json.loads(stored_text(store))["bookmarks"]]


def seed(sidebar: BookmarksSidebar, *bookmarks: Bookmark) -> None:
    """Bookmarks that exist before the test's actions (written by the store directly)."""
    for bookmark in bookmarks:
        sidebar.model.store.add(bookmark)
    sidebar.model.reload()


def settle(qtbot: QtBot, sidebar: BookmarksSidebar) -> None:
    """Wait until every change the widgets started has been written."""
    qtbot.waitUntil(lambda: sidebar.pending == 0, timeout=WAIT_MS)


def select_row(sidebar: BookmarksSidebar, row: int) -> None:
    index = sidebar.proxy.index(row, 0)
    sidebar.view.setCurrentIndex(index)


def create_through_dialog(
    qtbot: QtBot, sidebar: BookmarksSidebar, nickname: str, secret: str = SECRET
) -> BookmarkDialog:
    sidebar.add_action.trigger()
    dialog = sidebar.editor
    assert dialog is not None and dialog.isVisible()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.nickname_edit, nickname)
    qtbot.keyClicks(dialog.host_edit, "storage.example.test")
    qtbot.keyClicks(dialog.port_edit, "8333")
    qtbot.keyClicks(dialog.username_edit, "AKIDEXAMPLE")
    qtbot.keyClicks(dialog.password_edit, secret)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)
    return dialog


def test_create_bookmark_keeps_the_secret_in_the_keyring_only(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    create_through_dialog(qtbot, sidebar, "Archive")

    text = stored_text(store)
    assert SECRET not in text
    entry = json.loads(text)["bookmarks"][0]
    assert entry["nickname"] == "Archive"
    assert entry["profile"] == "seaweedfs"
    assert entry["host"] == "storage.example.test"
    assert entry["port"] == 8333
    assert entry["access_key_id"] == "AKIDEXAMPLE"
    assert secrets.get_secret(f"bookmark:{entry['id']}", SECRET_KEY) == SECRET
    assert sidebar.model.rowCount() == 1
    assert sidebar.selected_id() == entry["id"]
    assert sidebar.editor is None  # closed after saving


def test_dialog_shows_only_the_profiles_fields_with_its_placeholders(
    qtbot: QtBot, sidebar: BookmarksSidebar
) -> None:
    dialog = sidebar.add()
    dialog.select_profile("seaweedfs")
    assert dialog.form.isRowVisible(dialog.host_edit)
    assert dialog.form.isRowVisible(dialog.password_edit)
    assert not dialog.form.isRowVisible(dialog.role_edit)
    assert dialog.username_edit.placeholderText() == "Access Key ID"
    assert dialog.port_edit.placeholderText() == "8333"

    assert not dialog.form.isRowVisible(dialog.path_edit)  # SeaweedFS's profile hides it

    dialog.select_profile("aws-s3-sts-assumerole")
    assert dialog.form.isRowVisible(dialog.role_edit)
    assert dialog.form.isRowVisible(dialog.mfa_edit)
    assert dialog.mfa_edit.placeholderText() == "arn:aws:iam::123456789012:mfa/user"
    assert not dialog.form.isRowVisible(dialog.host_edit)  # AWS's own endpoint

    dialog.select_profile("s3-cli")  # credentials from the AWS CLI: a profile name, no secret
    assert not dialog.form.isRowVisible(dialog.password_edit)
    assert not dialog.form.isRowVisible(dialog.save_secret_check)
    assert dialog.username_edit.accessibleName() == "AWS profile"

    dialog.select_profile("amazon-s3")  # AWS: a region list
    assert dialog.region_combo.count() > 10
    assert dialog.form.isRowVisible(dialog.region_combo)
    dialog.reject()


def test_a_bad_entry_is_shown_in_the_dialog_and_nothing_is_written(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    dialog = sidebar.add()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.port_edit, "8333")
    dialog.port_edit.setText("0")  # the validator lets intermediate text through
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Port 0 is outside 1-65535" in dialog.status_label.text()
    assert dialog.isVisible()
    assert stored_text(store) == ""
    dialog.reject()


def test_edit_changes_the_file_and_keeps_the_stored_secret(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    create_through_dialog(qtbot, sidebar, "Before")
    bookmark_id = store.list()[0].id
    select_row(sidebar, 0)

    sidebar.edit_action.trigger()
    dialog = sidebar.editor
    assert dialog is not None
    assert dialog.nickname_edit.text() == "Before"
    assert dialog.password_edit.text() == ""  # the secret is never shown back
    dialog.nickname_edit.clear()
    qtbot.keyClicks(dialog.nickname_edit, "After")
    dialog.username_edit.setText("AKIDOTHER")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)

    assert nicknames_in_file(store) == ["After"]
    reloaded = BookmarkStore().get(bookmark_id)
    assert reloaded.access_key_id == "AKIDOTHER"
    assert reloaded.host == "storage.example.test"
    assert secrets.get_secret(f"bookmark:{bookmark_id}", SECRET_KEY) == SECRET
    assert sidebar.model.data(sidebar.model.index(0)) == "After"


def test_unticking_save_secret_removes_it_from_the_keyring(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    create_through_dialog(qtbot, sidebar, "Forget me")
    bookmark_id = store.list()[0].id
    select_row(sidebar, 0)
    dialog = sidebar.edit()
    assert dialog is not None
    dialog.save_secret_check.setChecked(False)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)
    assert secrets.get_secret(f"bookmark:{bookmark_id}", SECRET_KEY) is None


def test_duplicate_copies_the_bookmark_after_the_original(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    create_through_dialog(qtbot, sidebar, "One")
    create_through_dialog(qtbot, sidebar, "Two")
    select_row(sidebar, 0)
    sidebar.duplicate_action.trigger()
    settle(qtbot, sidebar)

    assert nicknames_in_file(store) == ["One", "One (copy)", "Two"]
    copy = store.list()[1]
    assert sidebar.selected_id() == copy.id
    assert secrets.get_secret(copy.secret_owner, SECRET_KEY) == SECRET
    assert SECRET not in stored_text(store)


def test_move_up_and_down_reorder_the_file(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    seed(sidebar, *(Bookmark(name, "seaweedfs") for name in ("A", "B", "C")))
    select_row(sidebar, 0)
    sidebar.down_action.trigger()
    assert not sidebar.down_action.isEnabled()  # until the move is written
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["B", "A", "C"]
    sidebar.down_action.trigger()
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["B", "C", "A"]
    sidebar.down_action.trigger()  # already last: nothing moves
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["B", "C", "A"]
    sidebar.up_action.trigger()
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["B", "A", "C"]
    assert sidebar.model.bookmark(1).id == sidebar.selected_id()
    assert [sidebar.model.data(sidebar.model.index(r)) for r in range(3)] == ["B", "A", "C"]


def test_drag_and_drop_reorders_through_the_model(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    seed(sidebar, *(Bookmark(name, "seaweedfs") for name in ("A", "B", "C", "D")))
    model = sidebar.model
    # What the list view does on an internal move: the dragged row's mime data, dropped
    # before row 3 ("D").
    mime = model.mimeData([model.index(0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["B", "C", "A", "D"]
    mime = model.mimeData([model.index(3)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["D", "B", "C", "A"]
    assert model.rowCount() == 4


def test_filter_narrows_the_list_and_disables_reordering(
    qtbot: QtBot, sidebar: BookmarksSidebar
) -> None:
    seed(
        sidebar,
        Bookmark("Photos", "seaweedfs", host="photos.example.test"),
        Bookmark("Backups", "seaweedfs", host="backup.example.test"),
    )
    qtbot.keyClicks(sidebar.filter_edit, "backup")
    assert sidebar.proxy.rowCount() == 1
    select_row(sidebar, 0)
    assert sidebar.proxy.index(0, 0).data() == "Backups"
    assert not sidebar.up_action.isEnabled()
    assert sidebar.edit_action.isEnabled()
    sidebar.filter_edit.clear()
    assert sidebar.proxy.rowCount() == 2


def answer_delete(sidebar: BookmarksSidebar, button: QMessageBox.StandardButton) -> None:
    box = sidebar.confirmation
    assert box is not None and box.isVisible()
    assert "secrets are removed" in box.text()
    box.button(button).click()


def test_delete_asks_then_removes_the_bookmark_and_its_secret(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    create_through_dialog(qtbot, sidebar, "Doomed")
    create_through_dialog(qtbot, sidebar, "Kept")
    doomed = store.get("Doomed")
    select_row(sidebar, 0)

    sidebar.delete_action.trigger()
    answer_delete(sidebar, QMessageBox.StandardButton.Cancel)
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["Doomed", "Kept"]

    sidebar.delete_action.trigger()
    answer_delete(sidebar, QMessageBox.StandardButton.Yes)
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["Kept"]
    assert secrets.get_secret(doomed.secret_owner, SECRET_KEY) is None
    assert secrets.get_secret(store.get("Kept").secret_owner, SECRET_KEY) == SECRET
    assert sidebar.model.rowCount() == 1


def test_activating_a_bookmark_requests_a_connection(
    qtbot: QtBot, sidebar: BookmarksSidebar
) -> None:
    bookmark = Bookmark("Go", "seaweedfs")
    seed(sidebar, bookmark)
    select_row(sidebar, 0)
    with qtbot.waitSignal(sidebar.connectRequested) as signal:
        sidebar.connect_action.trigger()
    assert signal.args == [bookmark.id]
    with qtbot.waitSignal(sidebar.connectRequested) as signal:
        sidebar.view.activated.emit(sidebar.proxy.index(0, 0))
    assert signal.args == [bookmark.id]


def test_a_corrupt_bookmarks_file_is_announced_in_the_banner(qtbot: QtBot) -> None:
    path = BookmarkStore().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    store = BookmarkStore()
    widget = BookmarksSidebar(store)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.banner.isVisible()
    assert "could not be read" in widget.banner.text
    assert "corrupt" in widget.banner.text
    close = widget.banner.findChild(QToolButton, "bookmarksBannerClose")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not widget.banner.isVisible()
    widget.shutdown()


def test_every_interactive_widget_is_named(sidebar: BookmarksSidebar) -> None:
    dialog = sidebar.add()
    for widget in (sidebar, dialog):
        for child in widget.findChildren(object):
            if hasattr(child, "accessibleName") and child.metaObject().className() in {
                "QLineEdit",
                "QComboBox",
                "QCheckBox",
                "QPushButton",
                "QToolButton",
                "QListView",
            }:
                if child.parent() is not None and child.parent().metaObject().className() in {
                    "QComboBox",
                    "QLineEdit",
                }:
                    continue  # Qt's own parts of a combo box / line edit
                assert child.objectName(), child
                assert child.accessibleName(), child.objectName()
    dialog.reject()


def test_anonymous_login_and_region_choice_are_saved(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    dialog = sidebar.add()
    dialog.select_profile("s3-compatible")
    assert dialog.form.isRowVisible(dialog.anonymous_check)
    qtbot.keyClicks(dialog.host_edit, "public.example.test")
    qtbot.keyClicks(dialog.username_edit, "AKIDIGNORED")
    dialog.anonymous_check.setChecked(True)
    assert not dialog.username_edit.isEnabled()
    assert not dialog.password_edit.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)
    [entry] = json.loads(stored_text(store))["bookmarks"]
    assert entry["credential_kind"] == "anonymous"
    assert entry["access_key_id"] == ""

    dialog = sidebar.add()
    dialog.select_profile("amazon-s3")
    assert not dialog.form.isRowVisible(dialog.anonymous_check)
    dialog.region_combo.setCurrentText("eu-central-1")
    qtbot.keyClicks(dialog.nickname_edit, "Frankfurt")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)
    assert store.get("Frankfurt").region == "eu-central-1"
    assert store.get("Frankfurt").profile == "amazon-s3"


def test_the_gui_thread_guard_is_on_in_these_tests(
    seaweed: RunningS3, forbid_blocking_on_gui_thread: list[str]
) -> None:
    session = S3Session(connection_for(seaweed))  # resolving static keys makes no S3 call
    with pytest.raises(BlockingCallOnForbiddenThread):
        session.list_buckets()
    assert len(forbid_blocking_on_gui_thread) == 1
    forbid_blocking_on_gui_thread.clear()  # the violation was this test's point


def test_editing_keeps_values_of_fields_the_profile_hides(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    # As imported from a .duck file: a path, which SeaweedFS's profile does not show.
    seed(sidebar, Bookmark("Imported", "seaweedfs", host="h.example.test", path="b/p"))
    select_row(sidebar, 0)
    dialog = sidebar.edit()
    assert dialog is not None
    assert not dialog.form.isRowVisible(dialog.path_edit)
    dialog.nickname_edit.setText("Renamed")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, sidebar)
    edited = BookmarkStore().get("Renamed")
    assert (edited.path, edited.host) == ("b/p", "h.example.test")


def test_the_keyboard_drives_every_bookmark_action_in_the_list(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    seed(sidebar, *(Bookmark(name, "seaweedfs") for name in ("A", "B")))
    sidebar.activateWindow()
    qtbot.waitUntil(sidebar.isActiveWindow, timeout=WAIT_MS)
    view = sidebar.view
    view.setFocus()
    select_row(sidebar, 0)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClick(view, Qt.Key.Key_D, ctrl)  # duplicate
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["A", "A (copy)", "B"]
    assert sidebar.selected_id() == store.list()[1].id
    qtbot.keyClick(view, Qt.Key.Key_Down, ctrl)  # move down
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["A", "B", "A (copy)"]
    qtbot.keyClick(view, Qt.Key.Key_Up, ctrl)  # and up again
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["A", "A (copy)", "B"]

    with qtbot.waitSignal(sidebar.connectRequested, timeout=WAIT_MS) as connecting:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert connecting.args == [store.list()[1].id]

    qtbot.keyClick(view, Qt.Key.Key_F2)  # edit
    dialog = sidebar.editor
    assert dialog is not None and dialog.isVisible()
    assert dialog.nickname_edit.text() == "A (copy)"
    dialog.reject()
    qtbot.waitUntil(lambda: sidebar.editor is None, timeout=WAIT_MS)

    sidebar.activateWindow()
    qtbot.waitUntil(sidebar.isActiveWindow, timeout=WAIT_MS)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = sidebar.confirmation
    assert box is not None and "'A (copy)'" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, sidebar)
    assert nicknames_in_file(store) == ["A", "B"]

    sidebar.activateWindow()
    qtbot.waitUntil(sidebar.isActiveWindow, timeout=WAIT_MS)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # add
    dialog = sidebar.editor
    assert dialog is not None and dialog.isVisible() and dialog.nickname_edit.text() == ""
    dialog.reject()

    # in the filter box the same keys edit text, they do not act on bookmarks
    sidebar.filter_edit.setFocus()
    qtbot.keyClicks(sidebar.filter_edit, "AB")
    qtbot.keyClick(sidebar.filter_edit, Qt.Key.Key_Left)
    qtbot.keyClick(sidebar.filter_edit, Qt.Key.Key_Delete)
    qtbot.keyClick(sidebar.filter_edit, Qt.Key.Key_D, ctrl)
    assert sidebar.filter_edit.text() == "A"
    settle(qtbot, sidebar)
    assert sidebar.confirmation is None and nicknames_in_file(store) == ["A", "B"]
