"""Buckets and the folders found so far, as a tree. A few hundred items at most, so a
QStandardItemModel is fine here (the object list is where compact storage matters)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle, QTreeView, QWidget

from app.ui.location import DELIMITER, Location

_LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1
_PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 2


class FolderTree(QTreeView):
    locationActivated = Signal(object)  # Location
    childrenWanted = Signal(object)  # Location whose folders are not known yet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderTree")
        self.setAccessibleName("Buckets and folders")
        self._model = QStandardItemModel(self)
        self._model.setHorizontalHeaderLabels(["Buckets"])
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._items: dict[Location, QStandardItem] = {}
        style = QApplication.style()
        self._bucket_icon = style.standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon)
        self._folder_icon = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self.expanded.connect(self._expanded)
        self.activated.connect(self._activated)
        self.clicked.connect(self._activated)

    def set_buckets(self, names: list[str]) -> None:
        self._model.removeRows(0, self._model.rowCount())
        self._items.clear()
        for name in names:
            self._model.appendRow(self._new_item(name, Location(name), self._bucket_icon))

    def add_folders(self, parent: Location, folders: list[str]) -> None:
        item = self._items.get(parent)
        if item is None:
            return
        self._drop_placeholder(item)
        for folder in folders:
            location = Location(parent.bucket, folder)
            if location in self._items:
                continue
            label = folder[len(parent.prefix) :].removesuffix(DELIMITER) or DELIMITER
            item.appendRow(self._new_item(label, location, self._folder_icon))

    def select_location(self, location: Location) -> None:
        item = self._items.get(location)
        self.setCurrentIndex(item.index() if item is not None else QModelIndex())

    def labels(self, parent: Location | None = None) -> list[str]:
        root = self._model.invisibleRootItem() if parent is None else self._items.get(parent)
        if root is None:
            return []
        return [
            root.child(r).text()
            for r in range(root.rowCount())
            if not root.child(r).data(_PLACEHOLDER_ROLE)
        ]

    def _new_item(self, label: str, location: Location, icon: object) -> QStandardItem:
        item = QStandardItem(icon, label)  # type: ignore[call-overload]
        item.setData(location, _LOCATION_ROLE)
        item.setToolTip(location.url)
        placeholder = QStandardItem("Loading…")
        placeholder.setData(True, _PLACEHOLDER_ROLE)
        placeholder.setEnabled(False)
        item.appendRow(placeholder)
        self._items[location] = item
        return item

    def _drop_placeholder(self, item: QStandardItem) -> None:
        for row in range(item.rowCount()):
            if item.child(row).data(_PLACEHOLDER_ROLE):
                item.removeRow(row)
                return

    def _expanded(self, index: QModelIndex) -> None:
        item = self._model.itemFromIndex(index)
        if item is None:
            return
        has_placeholder = any(item.child(r).data(_PLACEHOLDER_ROLE) for r in range(item.rowCount()))
        if has_placeholder:
            self.childrenWanted.emit(item.data(_LOCATION_ROLE))

    def _activated(self, index: QModelIndex) -> None:
        location = index.data(_LOCATION_ROLE)
        if isinstance(location, Location):
            self.locationActivated.emit(location)
