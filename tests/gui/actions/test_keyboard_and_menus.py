"""The keyboard and context-menu paths of the issue's list, end to end: the listing's context
menu also carries Refresh, Up, Load Everything and Show Hidden Files; Ctrl+F, Esc, Enter,
Backspace, Alt+Up, Ctrl+L drive the window; a server error shows in the banner and the window
stays usable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def test_listing_context_menu_has_the_navigation_commands(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["a.txt"])
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["a.txt"])
    entries = {a.objectName(): a for a in window.object_list.actions() if a.objectName()}
    for name in ("refreshAction", "upAction", "loadAllAction", "showHiddenAction"):
        assert name in entries, name
        assert not entries[name].shortcut().isEmpty(), name
    seaweed_admin.put_object(Bucket=bucket, Key="b.txt", Body=b"bb")
    entries["refreshAction"].trigger()
    wait_for(qtbot, lambda: names(window) == ["a.txt", "b.txt"])
    wait_for(qtbot, lambda: window.summary_label.text() == "2 objects, 3 B")
    entries["upAction"].trigger()
    wait_for(qtbot, lambda: window.controller.location.is_root)


def test_a_keyboard_tour(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["docs/a.md", "docs/b.md", "img/c.png", "top.txt"])
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in names(window))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.path_bar.editor
    window.path_bar.editor.setText(bucket)
    qtbot.keyClick(window.path_bar.editor, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: names(window) == ["docs", "img", "top.txt"])

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filter_box
    qtbot.keyClicks(window.filter_box, "do")
    assert names(window) == ["docs"]
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Escape)
    assert window.filter_box.text() == "" and names(window) == ["docs", "img", "top.txt"]
    assert QApplication.focusWidget() is window.object_list

    window.object_list.setCurrentIndex(window.controller.model.index(0, 0))
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: names(window) == ["a.md", "b.md"])
    assert window.controller.location == Location(bucket, "docs/")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Backspace)
    wait_for(qtbot, lambda: window.controller.location == Location(bucket))
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, lambda: window.controller.location.is_root)


def test_a_server_error_shows_in_the_banner_and_the_window_stays_usable(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["here.txt"])
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in names(window))
    window.controller.navigate_to_text("s3://no-such-bucket-eider-test/")
    wait_for(qtbot, window.error_banner.isVisible)
    assert "no-such-bucket-eider-test" in window.error_banner.text
    assert "does not exist" in window.error_banner.text.lower()
    window.back_action.trigger()  # no dialog to dismiss first
    wait_for(qtbot, lambda: window.controller.location.is_root and bucket in names(window))
    assert not window.error_banner.isVisible()
