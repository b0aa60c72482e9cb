"""The object list's columns: Encryption filled from the same HeadObject that draws the lock
icon (visible rows only, no extra request), ETag hidden until asked for in the header's
context menu."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.listing_model import ENCRYPTION, ETAG, NAME, STORAGE_CLASS
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, fill, wait_for
from tests.gui.hidden.test_hidden_files import counting_factory

pytestmark = pytest.mark.gui


def cell(window: MainWindow, row: int, column: int) -> Any:
    return window.controller.model.index(row, column).data()


def test_encryption_column_comes_from_the_icon_fetch_only(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="plain.txt", Body=b"plain")
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="secret.txt",
        Body=b"secret",
        SSECustomerAlgorithm="AES256",
        SSECustomerKey=os.urandom(32),
    )
    fill(seaweed_admin, bucket, [f"z{i:03d}" for i in range(200)])
    calls: Counter[str] = Counter()
    window = windows.open(counting_factory(connection_for(seaweed), calls), Location(bucket))
    window.resize(800, 320)
    header = window.object_list.horizontalHeader()
    assert not header.isSectionHidden(ENCRYPTION)
    assert header.visualIndex(ENCRYPTION) == header.visualIndex(STORAGE_CLASS) + 1
    probe = window.encryption_probe.fetcher
    model = window.controller.model
    wait_for(qtbot, lambda: model.rowCount() == 202)
    visible = probe.visible_rows()
    assert 2 < len(visible) < 40
    wait_for(qtbot, lambda: cell(window, 1, ENCRYPTION) != "" and probe.in_flight == 0)
    assert [cell(window, r, ENCRYPTION) for r in (0, 1)] == ["none", "SSE-C"]
    assert all(cell(window, r, ENCRYPTION) == "none" for r in visible if r > 1)
    assert cell(window, visible.stop + 10, ENCRYPTION) == ""  # off screen: not fetched
    assert calls["HeadObject"] == len(visible)  # one per visible row, the column added none

    # sorting by encryption works on what is known: SSE-C first when descending
    window.object_list.sortByColumn(ENCRYPTION, Qt.SortOrder.DescendingOrder)
    assert cell(window, 0, NAME) == "secret.txt"
    assert "sorted by encryption" in model.summary()


# the offscreen platform cannot raise a popup menu or grab the keyboard for it
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_etag_column_is_hidden_until_chosen_from_the_header_menu(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    etag = seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"abc")["ETag"].strip('"')
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: cell(window, 0, NAME) == "a.txt")
    header = window.object_list.horizontalHeader()
    assert header.isSectionHidden(ETAG)
    menu = window.column_menu
    header.customContextMenuRequested.emit(QPoint(10, 5))
    wait_for(qtbot, menu.isVisible)
    toggle = menu.column_actions[ETAG]
    assert toggle.text() == "ETag" and not toggle.isChecked()
    assert NAME not in menu.column_actions  # the name column cannot be hidden
    toggle.trigger()
    menu.close()
    assert not header.isSectionHidden(ETAG)
    assert cell(window, 0, ETAG) == etag
    menu.column_actions[STORAGE_CLASS].trigger()
    assert header.isSectionHidden(STORAGE_CLASS)
    view_menu = window.menuBar().findChild(QMenu, "viewMenu")
    assert menu.menuAction() in view_menu.actions()  # reachable without a mouse: View > Columns
