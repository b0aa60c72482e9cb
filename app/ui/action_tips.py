"""Tooltips for the window's actions that name their shortcut, so the keys can be learnt from
the mouse. `describe_menus` gives every entry of the menu bar one, and shows them in menus.

An action's owner may set its own tooltip (then it is kept); the window's shared actions get
theirs from `TIPS` by object name. The GUI test `tests/gui/actions/test_menu_tips.py` walks
the menu bar: a new menu entry without a tooltip fails it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from app.ui.translation import N_, translate

TIPS = {
    "openConnectionAction": N_("Connect to a server without saving a bookmark"),
    "newBookmarkAction": N_("Save a connection in the sidebar"),
    "changeVaultPasswordAction": N_("Change the password of Eider's secret vault"),
    "focusBookmarksAction": N_("Move the keyboard focus to the bookmarks"),
    "newWindowAction": N_("Open another browser window"),
    "closeWindowAction": N_("Close this window"),
    "backAction": N_("Go back to the previous location"),
    "forwardAction": N_("Go forward again"),
    "upAction": N_("Go to the folder above"),
    "refreshAction": N_("List this folder again"),
    "locationAction": N_("Type an s3:// location to go to"),
    "filterAction": N_("Filter the loaded names"),
    "stopSearchAction": N_("Stop the search on the server"),
    "cutAction": N_("Cut the selection, to move it with Paste"),
    "copyObjectsAction": N_("Copy the selection, to copy it with Paste"),
    "pasteAction": N_("Paste objects or local files into this folder"),
    "copyToAction": N_("Copy the selection to a folder of any connection"),
    "moveToAction": N_("Move the selection to a folder of any connection"),
    "uploadToAction": N_("Upload local files to a folder of any connection"),
    "restoreVersionAction": N_("Make the selected version the current one"),
    "deleteVersionAction": N_("Delete the selected version for good"),
    "removeDeleteMarkerAction": N_("Remove the delete marker: the version below it comes back"),
    "abortUploadAction": N_("Abort the unfinished upload and free its parts"),
}


def set_tip(action: QAction, tip: str) -> None:
    """`tip`, followed by the action's shortcut (in the platform's words) when it has one."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys and f"({keys})" not in tip else tip)


def has_own_tip(action: QAction) -> bool:
    """Qt answers the text (without '&' and a trailing '...') when no tooltip was set."""
    plain = action.text().replace("&", "")
    return action.toolTip() not in (plain, plain.removesuffix("..."), plain.removesuffix("…"))


def describe_menus(menu_bar: QMenuBar) -> None:
    """Every entry of every menu (submenus too): its tooltip, with its shortcut."""
    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            _describe(menu)


def _describe(menu: QMenu) -> None:
    menu.setToolTipsVisible(True)
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _describe(sub)
        elif not action.isSeparator():
            tip = TIPS.get(action.objectName())
            if tip is None and has_own_tip(action):
                tip = action.toolTip()
            if tip is not None:
                set_tip(action, translate("", tip))
