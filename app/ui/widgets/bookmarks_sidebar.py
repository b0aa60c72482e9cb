"""The left sidebar where bookmarks will live.

Seam for the bookmarks store: it will call `set_entries` with its bookmarks (a label and an
opaque object each) and connect `openRequested` to open a window on the chosen one. Until that
store exists the window lists only the connection it has open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class BookmarksSidebar(QWidget):
    openRequested = Signal(object)  # the object given with the entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksSidebar")
        self.setAccessibleName("Bookmarks")
        title = QLabel("Bookmarks", self)
        title.setObjectName("bookmarksTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self._list = QListWidget(self)
        self._list.setObjectName("bookmarksList")
        self._list.setAccessibleName("Bookmarks list")
        self._list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self._list, 1)

    def set_entries(self, entries: list[tuple[str, object]]) -> None:
        self._list.clear()
        for label, payload in entries:
            item = QListWidgetItem(label, self._list)
            item.setData(Qt.ItemDataRole.UserRole, payload)

    def entry_labels(self) -> list[str]:
        return [self._list.item(i).text() for i in range(self._list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))
