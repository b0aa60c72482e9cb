"""The hidden-files tables (versions, unfinished uploads) choose and remember their columns the
way the object list does: a header menu to show and hide them, widths and order kept for the
next window and the next start, a change made just before closing not lost. Every table's
columns can be dragged into another order (the name column stays first)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QHeaderView, QMenu
from pytestqt.qtbot import QtBot

from app.core.settings import SettingsStore
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models import uploads_model, versions_model
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def shape(header: QHeaderView) -> tuple[list[int], dict[int, int], list[int]]:
    """(hidden columns, widths of the shown fixed-width ones, logical columns left to right)"""
    columns = range(header.count())
    hidden = [c for c in columns if header.isSectionHidden(c)]
    widths = {c: header.sectionSize(c) for c in columns if c not in hidden and c != 0}
    return hidden, widths, [header.logicalIndex(v) for v in columns]


def headers(window: MainWindow) -> dict[str, QHeaderView]:
    hidden = window.hidden_files
    return {
        "versions": hidden.versions_view.horizontalHeader(),
        "uploads": hidden.uploads_view.horizontalHeader(),
    }


def open_with_hidden_files(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> MainWindow:
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: not window.controller.model.loading)
    if not window.hidden_files.show_action.isChecked():  # a later window starts with it on
        window.hidden_files.show_action.trigger()
    wait_for(qtbot, lambda: window.hidden_files.tabs.isVisible())
    return window


def test_hidden_files_tables_remember_their_columns_across_windows_and_restarts(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="doc.txt", Body=b"x")
    first = open_with_hidden_files(qtbot, windows, seaweed, bucket)
    assert first.settings.table("versions") is None and first.settings.table("uploads") is None
    for header in (*headers(first).values(), first.object_list.horizontalHeader()):
        assert header.sectionsMovable()  # the user can drag columns into another order
        assert not header.isFirstSectionMovable()

    menus = first.hidden_files.column_menus
    view_menu = first.menuBar().findChild(QMenu, "viewMenu")
    assert view_menu is not None  # the columns from the keyboard too (Alt+V)
    in_view_menu = [a.menu() for a in view_menu.actions() if a.menu() is not None]
    assert menus["versions"] in in_view_menu and menus["uploads"] in in_view_menu
    versions, uploads = headers(first)["versions"], headers(first)["uploads"]
    menus["versions"].column_actions[versions_model.VERSION_ID].trigger()  # hide Version ID
    versions.resizeSection(versions_model.MODIFIED, 163)
    versions.moveSection(versions.visualIndex(versions_model.STATE), 1)  # State after Name
    menus["uploads"].column_actions[uploads_model.UPLOAD_ID].trigger()  # hide Upload ID
    uploads.resizeSection(uploads_model.INITIATED, 171)
    wanted = {name: shape(header) for name, header in headers(first).items()}
    assert wanted["versions"][0] == [versions_model.VERSION_ID]
    assert wanted["versions"][1][versions_model.MODIFIED] == 163
    assert wanted["versions"][2][:2] == [versions_model.NAME, versions_model.STATE]
    assert wanted["uploads"][0] == [uploads_model.UPLOAD_ID]
    assert wanted["uploads"][1][uploads_model.INITIATED] == 171
    wait_for(qtbot, lambda: first.settings.table("versions") is not None)
    wait_for(qtbot, lambda: first.settings.table("uploads") is not None)
    assert first.settings.table("objects") is None  # the object list's layout is its own

    second = open_with_hidden_files(qtbot, windows, seaweed, bucket)
    assert {name: shape(h) for name, h in headers(second).items()} == wanted
    version_menu = second.hidden_files.column_menus["versions"]
    version_menu.aboutToShow.emit()  # what opening the menu does: ticks follow the header
    assert not version_menu.column_actions[versions_model.VERSION_ID].isChecked()

    # A width changed just before the window closes is saved by the close, not lost.
    headers(second)["uploads"].resizeSection(uploads_model.SIZE, 149)
    assert second.hidden_files.column_memories["uploads"].save_pending
    second.close()
    saved = second.settings.table("uploads")
    assert saved is not None and saved.columns["Uploaded so far"].width == 149
    wanted["uploads"][1][uploads_model.SIZE] = 149

    first.settings.flush()
    second.settings.flush()
    restarted = SettingsStore()  # what the next start of Eider reads
    assert restarted.table("versions") == first.settings.table("versions")
    assert restarted.table("uploads") == second.settings.table("uploads")
    windows.close_all()

    from app.ui.application import WindowSet

    later = WindowSet(settings=restarted).open(None)
    qtbot.addWidget(later)
    assert {name: shape(h) for name, h in headers(later).items()} == wanted
    later.close()
