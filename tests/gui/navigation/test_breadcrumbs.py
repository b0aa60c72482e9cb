"""Clicking a crumb of the path bar goes there (the bucket, then the bucket list), and Back
returns to where the click was made."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def crumb(window: MainWindow, text: str) -> QAbstractButton:
    shown = [
        b
        for b in window.path_bar.findChildren(QAbstractButton)
        if b.text() == text and b.isVisible()
    ]
    assert len(shown) == 1, [b.text() for b in window.path_bar.findChildren(QAbstractButton)]
    return shown[0]


def test_clicking_crumbs_goes_up_and_back_returns(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["photos/2026/duck.jpg", "readme.txt"])
    window = windows.open(connection_for(seaweed), Location(bucket, "photos/2026/"))
    window.show()
    wait_for(qtbot, lambda: names(window) == ["duck.jpg"])

    qtbot.mouseClick(crumb(window, bucket), Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: names(window) == ["photos", "readme.txt"])
    assert window.controller.location == Location(bucket)

    qtbot.mouseClick(crumb(window, "Buckets"), Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: bucket in names(window))
    assert window.controller.location.is_root

    window.back_action.trigger()
    wait_for(qtbot, lambda: window.controller.location == Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["photos", "readme.txt"])
