"""A double click (or Enter) on a file does what Preferences > Browser says: preview it,
download it (as Download… does), or nothing. Folder rows are the browser's to open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView

from app.core.preferences.sections import DoubleClick, Preferences
from app.ui.models.listing_model import IS_FOLDER_ROLE


class FileActivation(QObject):
    def __init__(
        self,
        view: QAbstractItemView,
        preview: Callable[[QModelIndex], None],
        download: QAction,
        preferences: Callable[[], Preferences],
        parent: QObject | None = None,
    ) -> None:
        """Takes over `view.activated` from `preview` (connected to it by the actions)."""
        super().__init__(parent)
        self._preview = preview
        self._download = download
        self._preferences = preferences
        view.activated.disconnect(preview)
        view.activated.connect(self.activated)

    def activated(self, index: QModelIndex) -> None:
        if not index.isValid() or index.data(IS_FOLDER_ROLE):
            return
        action = self._preferences().browser.double_click
        if action is DoubleClick.PREVIEW:
            self._preview(index)
        elif action is DoubleClick.DOWNLOAD and self._download.isEnabled():
            self._download.trigger()
