"""The folder tree follows the window's location: typed locations, Enter on a folder, back and
forward expand the tree down to the folder and select it; levels load off the GUI thread
(the conftest guard fails the test on any S3 call on the GUI thread)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.controllers import browser as browser_module
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def tree_at(window: MainWindow, location: Location) -> bool:
    return window.folder_tree.current_location == location


def type_location(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window.path_bar.editor.setText(text)
    qtbot.keyClick(window.path_bar.editor, Qt.Key.Key_Return)


def test_tree_expands_to_typed_entered_and_historic_locations(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["a/b/c/x.txt", "a/b/y.txt", "a/other/z.txt", "top.txt"])
    window = windows.open(connection_for(seaweed))
    tree = window.folder_tree
    wait_for(qtbot, lambda: bucket in tree.labels())
    assert tree.current_location is None

    type_location(qtbot, window, f"s3://{bucket}/a/b/")
    deep = Location(bucket, "a/b/")
    wait_for(qtbot, lambda: tree_at(window, deep))
    assert tree.is_expanded(Location(bucket)) and tree.is_expanded(Location(bucket, "a/"))
    assert tree.labels(Location(bucket)) == ["a"]
    assert tree.labels(Location(bucket, "a/")) == ["b", "other"]
    wait_for(qtbot, lambda: names(window) == ["c", "y.txt"])

    # Enter on a folder in the list
    window.object_list.setFocus()
    window.object_list.setCurrentIndex(window.controller.model.index(0, 0))
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    deeper = Location(bucket, "a/b/c/")
    wait_for(qtbot, lambda: tree_at(window, deeper))
    assert tree.is_expanded(deep)

    window.back_action.trigger()
    wait_for(qtbot, lambda: tree_at(window, deep))
    window.back_action.trigger()
    wait_for(qtbot, lambda: window.controller.location.is_root)
    assert tree.current_location is None
    window.forward_action.trigger()
    wait_for(qtbot, lambda: tree_at(window, deep))


def test_clicking_a_tree_node_navigates_there(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["docs/guide.md", "docs/api/index.html"])
    window = windows.open(connection_for(seaweed), Location(bucket, "docs/api/"))
    tree = window.folder_tree
    wait_for(qtbot, lambda: tree_at(window, Location(bucket, "docs/api/")))
    docs = tree.index_of(Location(bucket, "docs/"))
    assert docs.data() == "docs"
    tree.scrollTo(docs)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(docs).center())
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, "docs/"))
    wait_for(qtbot, lambda: names(window) == ["api", "guide.md"])
    assert tree_at(window, Location(bucket, "docs/"))


def test_a_folder_beyond_the_parents_first_page_still_gets_its_node(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the tree asks for one page per level; a 2-key page stands in for a 1,000-key one
    monkeypatch.setattr(browser_module, "TREE_PAGE_KEYS", 2)
    fill(seaweed_admin, bucket, ["f1/k", "f2/k", "f3/k", "zz/inner/k"])
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in window.folder_tree.labels())
    type_location(qtbot, window, f"s3://{bucket}/zz/inner/")
    wait_for(qtbot, lambda: tree_at(window, Location(bucket, "zz/inner/")))
    assert window.folder_tree.labels(Location(bucket)) == ["f1", "f2", "zz"]
    # the bucket's own listing brings the rest; the tree stays in name order
    type_location(qtbot, window, f"s3://{bucket}/")
    wait_for(qtbot, lambda: window.folder_tree.labels(Location(bucket)) == ["f1", "f2", "f3", "zz"])
