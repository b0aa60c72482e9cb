"""Every entry of the window's menu bar shows its shortcut and has a tooltip (issue 20)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.ui.action_tips import has_own_tip
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def menu_entries(menu: QMenu) -> Iterator[tuple[str, QAction]]:
    """(menu path, action) for every entry, submenus' entries too."""
    title = menu.title().replace("&", "")
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            for path, inner in menu_entries(sub):
                yield f"{title} > {path}", inner
        else:
            yield f"{title} > {action.text().replace('&', '')}", action


def test_every_menu_entry_shows_its_shortcut_and_has_a_tooltip_naming_it(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3
) -> None:
    window: MainWindow = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: window.controller.session is not None)
    walked = 0
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu), top.text()
        for path, action in menu_entries(menu):
            walked += 1
            assert has_own_tip(action), f"{path}: no tooltip"
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if path.count(" > ") == 1:
                # a command, not a column toggle of a submenu: the menu shows its keys
                assert keys, f"{path}: no shortcut"
            if keys:
                assert action.toolTip().endswith(f"({keys})"), f"{path}: {action.toolTip()!r}"
    assert walked > 40  # File, Go, Actions, View (with its column menus), Window


def test_menus_show_the_tooltips(qtbot: QtBot, windows: Windows, seaweed: RunningS3) -> None:
    window = windows.open(connection_for(seaweed))
    menus = [a.menu() for a in window.menuBar().actions()]
    assert menus and all(isinstance(m, QMenu) and m.toolTipsVisible() for m in menus)


@pytest.mark.parametrize(
    ("text", "tooltip", "own"),
    [("&Open…", "Open…", False), ("Load", "Load", False), ("Load", "Load all pages", True)],
)
def test_a_tooltip_equal_to_the_text_is_no_tooltip(text: str, tooltip: str, own: bool) -> None:
    action = QAction(text)
    action.setToolTip(tooltip)
    assert has_own_tip(action) is own
