"""The browser window against a real SeaweedFS: buckets, folders, lazy pages, navigation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.listing_model import IS_FOLDER_ROLE, SIZE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def folder_flags(window: MainWindow) -> list[bool]:
    model = window.controller.model
    return [model.index(r, 0).data(IS_FOLDER_ROLE) for r in range(model.rowCount())]


def idle(window: MainWindow) -> bool:
    return not window.controller.model.loading and window.activity_label.text() == ""


def select_row_named(qtbot: QtBot, window: MainWindow, name: str) -> None:
    row = names(window).index(name)
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(row, 0))


@pytest.fixture
def tree_bucket(seaweed_admin: Any, bucket: str) -> str:
    fill(
        seaweed_admin,
        bucket,
        [
            "readme.txt",
            "docs/",  # a folder placeholder object
            "docs/guide.md",
            "docs/api/index.html",
            "photos/2026/duck.jpg",
            "zeta.bin",
        ],
    )
    return bucket


def test_buckets_appear_in_tree_and_list(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in window.folder_tree.labels())
    assert bucket in names(window)
    assert window.path_bar.editor.text() == "s3://"
    assert not window.up_action.isEnabled()


def test_enter_opens_bucket_then_folder_and_placeholder_is_not_a_file(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tree_bucket: str
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: tree_bucket in names(window))
    select_row_named(qtbot, window, tree_bucket)
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: names(window) == ["docs", "photos", "readme.txt", "zeta.bin"])
    assert folder_flags(window) == [True, True, False, False]
    assert window.controller.location == Location(tree_bucket)

    select_row_named(qtbot, window, "docs")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    # folders first; the `docs/` placeholder object is the folder itself, not a stray file
    wait_for(qtbot, lambda: names(window) == ["api", "guide.md"])
    assert folder_flags(window) == [True, False]
    assert window.path_bar.editor.text() == f"s3://{tree_bucket}/docs/"
    model = window.controller.model
    assert model.index(1, SIZE).data() == "1 B"
    assert "1 folder, 1 object, 1 B" in window.controller.model.summary()
    # the folders found in the listing reach the tree
    wait_for(qtbot, lambda: window.folder_tree.labels(Location(tree_bucket)) != [])
    assert "docs" in window.folder_tree.labels(Location(tree_bucket))

    qtbot.keyClick(window.object_list, Qt.Key.Key_Backspace)  # up
    wait_for(qtbot, lambda: window.controller.location == Location(tree_bucket))
    wait_for(qtbot, lambda: "readme.txt" in names(window))
    window.back_action.trigger()
    wait_for(qtbot, lambda: window.controller.location == Location(tree_bucket, "docs/"))
    window.forward_action.trigger()
    wait_for(qtbot, lambda: window.controller.location == Location(tree_bucket))
    window.up_action.trigger()
    wait_for(qtbot, lambda: window.controller.location.is_root)


def test_path_bar_takes_an_s3_url(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tree_bucket: str
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: tree_bucket in names(window))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.path_bar.editing
    editor = window.path_bar.editor
    editor.setText(f"s3://{tree_bucket}/photos")  # no trailing slash: still a folder
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: names(window) == ["2026"])
    assert window.controller.location == Location(tree_bucket, "photos/")
    assert not window.path_bar.editing
    crumbs = [b.text() for b in window.path_bar.findChildren(QAbstractButton)]
    assert crumbs[-3:] == ["Buckets", tree_bucket, "photos"]

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    editor.setText("https://example.com/x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_for(qtbot, window.error_banner.isVisible)
    assert "not an S3 location" in window.error_banner.text


def test_filter_matches_loaded_names_instantly(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tree_bucket: str
) -> None:
    window = windows.open(connection_for(seaweed), Location(tree_bucket))
    wait_for(qtbot, lambda: "zeta.bin" in names(window))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_box.hasFocus()
    qtbot.keyClicks(window.filter_box, "E")  # case-insensitive
    assert names(window) == ["readme.txt", "zeta.bin"]
    assert "filter shows 2 of 4 loaded" in window.controller.model.summary()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Backspace)  # edits the text, does not go up
    assert window.filter_box.text() == ""
    assert window.controller.location == Location(tree_bucket)
    assert len(names(window)) == 4


def test_a_large_prefix_loads_lazily_page_by_page(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    keys = [f"big/{i:05d}.dat" for i in range(2500)]
    fill(seaweed_admin, bucket, keys)
    seaweed_admin.put_object(Bucket=bucket, Key="big/00500-large.dat", Body=b"y" * 5000)
    window = windows.open(connection_for(seaweed), Location(bucket, "big/"))
    model = window.controller.model
    wait_for(qtbot, lambda: model.rowCount() > 0 and not model.loading)
    assert model.rowCount() == 1000  # the first page, shown before the rest is asked for
    assert model.canFetchMore(model.index(-1, -1))
    assert "loaded, more to load" in model.summary()

    model.fetchMore(model.index(-1, -1))
    wait_for(qtbot, lambda: model.rowCount() == 2000 and not model.loading)

    window.object_list.sortByColumn(SIZE, Qt.SortOrder.DescendingOrder)
    assert names(window)[0] == "00500-large.dat"  # sorted: what is loaded so far, and it says so
    assert "sorted by size: 2,000 loaded of more" in model.summary()
    window.object_list.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    window.load_all_action.trigger()
    wait_for(qtbot, lambda: model.rowCount() == 2501 and model.complete)
    assert not model.canFetchMore(model.index(-1, -1))
    assert names(window)[:2] == ["00000.dat", "00001.dat"]
    assert names(window)[-1] == "02499.dat"
    wait_for(qtbot, lambda: window.summary_label.text().startswith("2,501 objects"))


def test_bad_secret_shows_the_error_banner_and_window_stays_usable(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    connection = connection_for(seaweed, owner="wrong-secret")
    secrets.set_secret("wrong-secret", "secret-key", "not-the-secret")
    window = windows.open(connection)
    wait_for(qtbot, window.error_banner.isVisible)
    assert "secret access key does not match" in window.error_banner.text
    assert "not-the-secret" not in window.error_banner.text
    assert window.activity_label.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_box.hasFocus()


def test_s3_call_on_the_gui_thread_is_refused(
    seaweed: RunningS3, forbid_blocking_on_gui_thread: list[str]
) -> None:
    session = S3Session(connection_for(seaweed))
    with pytest.raises(thread_guard.BlockingCallOnForbiddenThread):
        session.list_buckets()
    assert forbid_blocking_on_gui_thread  # the fixture saw it and would fail any other test
    forbid_blocking_on_gui_thread.clear()


def test_each_window_has_its_own_connection(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tree_bucket: str
) -> None:
    first = windows.open(connection_for(seaweed), Location(tree_bucket, "docs/"))
    wait_for(qtbot, lambda: "guide.md" in names(first))
    first.new_window_action.trigger()
    wait_for(qtbot, lambda: len(windows.window_set.windows) == 2)
    second = windows.window_set.windows[1]
    qtbot.addWidget(second)
    wait_for(qtbot, lambda: "guide.md" in names(second))
    assert second.controller is not first.controller
    assert second.controller.session is not first.controller.session
    second.controller.go_up()
    wait_for(qtbot, lambda: "readme.txt" in names(second))
    assert "guide.md" in names(first)


def test_every_interactive_widget_is_named(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: idle(window))
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView)
    unnamed = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(window)
        and not (w.objectName() and w.accessibleName())
    ]
    assert unnamed == []


def shortcut_scope(action: QAction) -> frozenset[str] | None:
    """The widgets an action's keys work in; None when they work in the whole window."""
    if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
        return None
    return frozenset(
        o.objectName()
        for o in action.associatedObjects()
        if isinstance(o, QWidget) and not isinstance(o, QMenu)  # a menu shows the key only
    )


def test_no_two_actions_share_a_shortcut(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3
) -> None:
    """A key is ambiguous when two window-wide actions have it, or a widget's own action has
    a key a window-wide one has too, or two actions have it in one widget; the same key in two
    different widgets is not (Delete deletes in the list, in the folder tree and in the
    bookmarks list, each its own)."""
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: idle(window))
    owners: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(
                (action.objectName(), shortcut_scope(action))
            )
    assert "Ctrl+O" in owners and "Ctrl+Shift+B" in owners  # the bookmark actions are there
    assert {name for name, _scope in owners["Del"]} == {
        "deleteAction",
        "treeDeleteAction",
        "bookmarkDelete",
    }
    clashes = []
    for keys, users in owners.items():
        for n, (name, scope) in enumerate(users):
            assert scope is None or scope, f"{name} has {keys} in no widget"
            for other, other_scope in users[n + 1 :]:
                if scope is None or other_scope is None or scope & other_scope:
                    clashes.append((keys, name, other))
    assert clashes == []
    unnamed = [
        a.text() for a in window.findChildren(QAction) if a.shortcuts() and not a.objectName()
    ]
    assert unnamed == []


def test_every_bookmark_action_has_keys_in_the_list_and_a_context_menu_entry(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: idle(window))
    sidebar = window.sidebar
    list_view = sidebar.view
    assert list_view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    keys = {}
    for action in sidebar.actions():
        assert action in list_view.actions(), action.objectName()  # its context menu
        assert "bookmarksList" in (shortcut_scope(action) or ()), action.objectName()
        keys[action.objectName()] = action.shortcut().toString()
    assert keys == {
        "bookmarkAdd": "Ins",
        "bookmarkEdit": "F2",
        "bookmarkDuplicate": "Ctrl+D",
        "bookmarkDelete": "Del",
        "bookmarkUp": "Ctrl+Up",
        "bookmarkDown": "Ctrl+Down",
        "bookmarkConnect": "Return",
    }
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Go to Bookmarks
    assert QApplication.focusWidget() is list_view


def test_navigating_away_cancels_the_listing_in_flight(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tree_bucket: str
) -> None:
    # One key a page: the bucket's listing is still streaming when the user leaves it.
    window = windows.open(connection_for(seaweed, max_keys=1), Location(tree_bucket))
    model = window.controller.model
    wait_for(qtbot, lambda: model.rowCount() >= 1)
    leaving = model.stream
    assert leaving is not None and not leaving.exhausted
    window.load_all_action.trigger()
    # (Not into `docs/`: SeaweedFS 4.x ends a one-key-a-page listing after a folder's
    # placeholder object with IsTruncated=false, so that listing would be cut short.)
    window.controller.navigate(Location(tree_bucket, "photos/2026/"))
    assert leaving.cancelled and not leaving.can_fetch
    wait_for(qtbot, lambda: names(window) == ["duck.jpg"] and model.complete)
    window.controller.bridge.pool.shutdown(wait=True)  # every worker, the cancelled one too, done
    QApplication.processEvents()  # a page it posted reaches the loop...
    QApplication.processEvents()
    assert names(window) == ["duck.jpg"]  # ...where it is dropped, not shown


def test_f5_refreshes_the_listing(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, tree_bucket: str
) -> None:
    window = windows.open(connection_for(seaweed), Location(tree_bucket, "docs/"))
    wait_for(qtbot, lambda: names(window) == ["api", "guide.md"])
    seaweed_admin.put_object(Bucket=tree_bucket, Key="docs/new.txt", Body=b"new")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_for(qtbot, lambda: names(window) == ["api", "guide.md", "new.txt"])
    wait_for(qtbot, lambda: window.summary_label.text().startswith("1 folder, 2 objects, 4 B"))
