"""A typed location where no key exists: the list is empty, the status bar says nothing is
there, and the folder tree gets no node for it (nor for any missing level above it); once
something is put there and the location refreshed, the node appears."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def type_location(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window.path_bar.editor.setText(text)
    qtbot.keyClick(window.path_bar.editor, Qt.Key.Key_Return)


def test_a_typed_folder_that_does_not_exist_gets_no_tree_node(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["docs/a.md", "top.txt"])
    window = windows.open(connection_for(seaweed))
    tree = window.folder_tree
    wait_for(qtbot, lambda: bucket in tree.labels())

    type_location(qtbot, window, f"s3://{bucket}/docs/")  # exists: the tree follows
    wait_for(qtbot, lambda: tree.current_location == Location(bucket, "docs/"))
    wait_for(qtbot, lambda: names(window) == ["a.md"])

    missing = Location(bucket, "nope/deeper/")
    type_location(qtbot, window, f"s3://{bucket}/nope/deeper/")
    expected = f"Nothing is at {missing.url}: no key in {bucket} starts with 'nope/deeper/'"
    wait_for(qtbot, lambda: window.summary_label.text() == expected)
    assert window.controller.location == missing
    assert names(window) == []
    assert not window.error_banner.isVisible()
    # the tree walked as far as the bucket (its folders are known) and made nothing up
    wait_for(qtbot, lambda: tree.labels(Location(bucket)) == ["docs"])
    assert not tree.index_of(Location(bucket, "nope/")).isValid()
    assert not tree.index_of(missing).isValid()
    assert tree.current_location is None

    # a typed folder beside an existing one: the same
    type_location(qtbot, window, f"s3://{bucket}/docs/missing/")
    wait_for(qtbot, lambda: window.summary_label.text().startswith("Nothing is at"))
    assert tree.labels(Location(bucket, "docs/")) == []

    # something is put there behind Eider's back; a refresh finds it and the node appears
    seaweed_admin.put_object(Bucket=bucket, Key="docs/missing/now.txt", Body=b"n")
    window.refresh_action.trigger()
    wait_for(qtbot, lambda: names(window) == ["now.txt"])
    wait_for(qtbot, lambda: tree.current_location == Location(bucket, "docs/missing/"))
    wait_for(qtbot, lambda: window.summary_label.text() == "1 object, 1 B")
