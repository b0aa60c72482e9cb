"""The object list's columns are remembered: hidden and shown columns, widths and order set in
one window come back in the next window, and after a restart (a new settings store reading the
file)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from app.core.settings import SettingsStore
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.listing_model import ENCRYPTION, ETAG, MODIFIED, NAME, SIZE, STORAGE_CLASS
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def header_of(window: MainWindow) -> QHeaderView:
    return window.object_list.horizontalHeader()


def shape(header: QHeaderView) -> tuple[list[int], dict[int, int], list[int]]:
    """(hidden columns, widths of the shown fixed-width ones, logical columns left to right)"""
    columns = range(header.count())
    hidden = [c for c in columns if header.isSectionHidden(c)]
    widths = {c: header.sectionSize(c) for c in columns if c not in hidden and c != NAME}
    return hidden, widths, [header.logicalIndex(v) for v in columns]


def test_columns_set_in_one_window_come_back_in_the_next_and_after_a_restart(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["a.txt"])
    first = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: first.controller.model.rowCount() == 1)
    header = header_of(first)
    defaults = shape(header)
    assert defaults[0] == [ETAG]
    assert first.settings.table("objects") is None  # nothing written until the user acts

    menu = first.column_menu
    menu.column_actions[ETAG].trigger()  # show ETag (hidden by default)
    menu.column_actions[STORAGE_CLASS].trigger()  # hide Storage class
    header.resizeSection(SIZE, 141)
    header.resizeSection(MODIFIED, 177)
    header.moveSection(header.visualIndex(ENCRYPTION), 1)  # Encryption right after Name
    wanted = shape(header)
    assert wanted[0] == [STORAGE_CLASS]
    assert wanted[1][SIZE] == 141 and wanted[1][MODIFIED] == 177
    assert wanted[2][:2] == [NAME, ENCRYPTION]
    wait_for(qtbot, lambda: first.settings.table("objects") is not None)  # saved after a pause

    second = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: second.controller.model.rowCount() == 1)
    assert shape(header_of(second)) == wanted
    # the hidden column's width is kept for when it is shown again
    second.column_menu.aboutToShow.emit()  # what opening the menu does: ticks follow the header
    assert not second.column_menu.column_actions[STORAGE_CLASS].isChecked()
    second.column_menu.column_actions[STORAGE_CLASS].trigger()
    assert header_of(second).sectionSize(STORAGE_CLASS) == defaults[1][STORAGE_CLASS]
    second.column_menu.column_actions[STORAGE_CLASS].trigger()

    first.settings.flush()
    restarted = SettingsStore()  # what the next start of Eider reads
    assert restarted.table("objects") == first.settings.table("objects")
    wait_for(qtbot, lambda: not second.column_memory.save_pending)
    windows.close_all()

    from app.ui.application import WindowSet

    later = WindowSet(settings=restarted).open(None)
    qtbot.addWidget(later)
    assert shape(header_of(later)) == wanted
    later.close()
