"""What a browser window does with bookmarks: the sidebar, connecting, the File menu's
Open Connection… / Import Profile… / New Bookmark, and profile files dropped on the window.

A successful connection is announced with `sessionOpened(session, nickname, start,
bookmark_id)`; the window set decides where it opens (see `WindowSet.show_session`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.core.bookmarks import Bookmark, BookmarkStore, login
from app.core.bookmarks.file_import import ImportOutcome
from app.core.profiles import Profile
from app.ui.bookmarks.connect_controller import ConnectController
from app.ui.bookmarks.connector import BookmarkConnector
from app.ui.bookmarks.file_import import make_import_profile_action
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.mfa_prompt import GuiMfaPrompt
from app.ui.location import Location
from app.ui.sidebar_icons import fill_missing_icons


def start_location(bookmark: Bookmark) -> Location | None:
    """Where a bookmark opens: its path ("bucket/prefix"), or the bucket list."""
    path = bookmark.path.strip("/")
    if not path:
        return None
    bucket, _, prefix = path.partition("/")
    return Location(bucket, f"{prefix.rstrip('/')}/" if prefix else "")


class _NamingConnectController(ConnectController):
    """Reports which bookmark each successful login was for (the dialog and the sidebar
    both log in through here), so the browser can be titled with its nickname."""

    bookmarkOpened = Signal(object, object)  # Bookmark, login.OpenedBookmark

    def open_bookmark(
        self,
        bookmark: Bookmark,
        one_shot: login.OneShotSecrets | None = None,
        profile: Profile | None = None,
        on_opened: Callable[[login.OpenedBookmark], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
    ) -> asyncio.Task[None]:
        def opened(result: login.OpenedBookmark) -> None:
            if on_opened is not None:
                on_opened(result)
            if shiboken6.isValid(self):
                self.bookmarkOpened.emit(bookmark, result)

        return super().open_bookmark(bookmark, one_shot, profile, opened, on_failed)


class WindowBookmarks(QObject):
    sessionOpened = Signal(object, str, object, str)  # S3Session, nickname, start, bookmark id

    def __init__(self, window: QMainWindow, store: BookmarkStore) -> None:
        super().__init__(window)
        self.sidebar = BookmarksSidebar(store, parent=window)
        fill_missing_icons(self.sidebar)
        self.connect_controller = _NamingConnectController(
            mfa_prompt=GuiMfaPrompt(window), parent=self
        )
        self.connector = BookmarkConnector(self.sidebar.model, self.connect_controller, window)
        self.sidebar.connectRequested.connect(self.connector.connect_bookmark)
        self.connect_controller.bookmarkOpened.connect(self._opened)
        self.sidebar.drop_filter.install_on(window)

        self.open_connection_action = QAction(self.tr("Open Connection…"), window)
        self.open_connection_action.setObjectName("openConnectionAction")
        self.open_connection_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_connection_action.triggered.connect(
            lambda: self.connector.open_connection_dialog()
        )
        self.import_action = make_import_profile_action(window, self.sidebar.import_files)
        self.import_action.setShortcut(QKeySequence("Ctrl+Alt+I"))  # Ctrl+I: Get Info
        self.new_bookmark_action = QAction(self.tr("New Bookmark…"), window)
        self.new_bookmark_action.setObjectName("newBookmarkAction")
        self.new_bookmark_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.new_bookmark_action.triggered.connect(self.sidebar.add)
        self.change_vault_password_action = QAction(self.tr("Change Vault Password…"), window)
        self.change_vault_password_action.setObjectName("changeVaultPasswordAction")
        self.change_vault_password_action.setShortcut(QKeySequence("Ctrl+Alt+V"))
        self.change_vault_password_action.triggered.connect(
            lambda: self.connector.change_vault_password()
        )
        # The sidebar's own keys (Ins, F2, Ctrl+D, Del, Ctrl+Up/Down, Enter) work in its list.
        self.focus_action = QAction(self.tr("Go to &Bookmarks"), window)
        self.focus_action.setObjectName("focusBookmarksAction")
        self.focus_action.setShortcut(QKeySequence("Ctrl+B"))
        self.focus_action.triggered.connect(self._focus_sidebar)
        for action in self.file_actions():
            window.addAction(action)

    def file_actions(self) -> list[QAction]:
        return [
            self.open_connection_action,
            self.new_bookmark_action,
            self.import_action,
            self.change_vault_password_action,
            self.focus_action,
        ]

    def _focus_sidebar(self) -> None:
        view = self.sidebar.view
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def import_files(self, paths: list[Path]) -> asyncio.Task[list[ImportOutcome]]:
        """Import files named on the command line; the outcome shows in the sidebar banner."""
        return self.sidebar.import_files(paths)  # type: ignore[return-value]

    def _opened(self, bookmark: Bookmark, result: login.OpenedBookmark) -> None:
        self.sessionOpened.emit(
            result.session, bookmark.nickname, start_location(bookmark), bookmark.id
        )

    def shutdown(self) -> None:
        self.connector.shutdown()
        self.connect_controller.shutdown()
        self.sidebar.shutdown()
