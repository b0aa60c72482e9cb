"""Buckets and the folders found so far, as a tree. A few hundred items at most, so a
QStandardItemModel is fine here (the object list is where compact storage matters).

The tree follows the window's location: `select_location` expands every level down to it and
selects it. A level whose folders are not known yet is asked for (`childrenWanted`, answered
off the GUI thread by the controller) and the walk goes on when `add_folders` brings them; a
folder that the parent's first page did not name (it lies further down a long listing) gets
its node once the window's own listing shows something there (`location_found`): a typed
path where no key exists gets no node.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView, QWidget

from app.ui import icons
from app.ui.location import DELIMITER, Location
from app.ui.palette_follow import on_palette_change
from app.ui.translation import translate

_LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1
_PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 2


def _placeholder() -> QStandardItem:
    """The child a node has until its folders are known (so it can be expanded)."""
    placeholder = QStandardItem(translate("FolderTree", "Loading…"))
    placeholder.setData(True, _PLACEHOLDER_ROLE)
    placeholder.setEnabled(False)
    return placeholder


class FolderTree(QTreeView):
    locationActivated = Signal(object)  # Location
    childrenWanted = Signal(object)  # Location whose folders are not known yet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderTree")
        self.setAccessibleName(self.tr("Buckets and folders"))
        self._model = QStandardItemModel(self)
        self._model.setHorizontalHeaderLabels([self.tr("Buckets")])
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._items: dict[Location, QStandardItem] = {}
        self._asked: set[Location] = set()  # levels whose folders were asked for
        self._target = Location()  # where the window is; the tree walks down to it
        self._found: Location | None = None  # the target, once its listing showed something
        self._bucket_icon = icons.icon("bucket")
        self._folder_icon = icons.icon("folder")
        on_palette_change(self, self._redraw_icons)
        self.expanded.connect(self._expanded)
        self.activated.connect(self._activated)
        self.clicked.connect(self._activated)

    def set_buckets(self, names: list[str]) -> None:
        self._model.removeRows(0, self._model.rowCount())
        self._items.clear()
        self._asked.clear()
        for name in names:
            self._model.appendRow(self._new_item(name, Location(name), self._bucket_icon))
        self._reveal()

    def add_folders(self, parent: Location, folders: list[str]) -> None:
        item = self._items.get(parent)
        if item is None:
            return
        self._drop_placeholder(item)
        rows = item.rowCount()
        previous = item.child(rows - 1).text() if rows else ""
        in_order = True
        for folder in folders:
            location = Location(parent.bucket, folder)
            if location not in self._items:
                label = self._add_child(item, parent, location).text()
                in_order = in_order and label >= previous
                previous = label
        if not in_order:  # pages come in key order: sorting is needed only after a reveal
            item.sortChildren(0)
        self._reveal()

    def select_location(self, location: Location) -> None:
        """Expand the tree down to `location` and select it (loading levels as needed)."""
        self._target = location
        if location != self._found:
            self._found = None
        if location.is_root:
            self.setCurrentIndex(QModelIndex())
            return
        self._reveal()

    def location_found(self, location: Location) -> None:
        """The window's listing of `location` found keys there: it may have its own node."""
        self._found = location
        self._reveal()

    @property
    def current_location(self) -> Location | None:
        """The location of the selected node, if any."""
        location = self.currentIndex().data(_LOCATION_ROLE)
        return location if isinstance(location, Location) else None

    def location_at(self, point: QPoint) -> Location | None:
        """The node under `point` (viewport coordinates), if any."""
        location = self.indexAt(point).data(_LOCATION_ROLE)
        return location if isinstance(location, Location) else None

    def reload(self, location: Location) -> None:
        """Forget the folders known under `location` and ask for them again (if it is open):
        an action added, renamed or deleted some."""
        item = self._items.get(location)
        if item is None:
            return
        self._forget_children(item)
        item.removeRows(0, item.rowCount())
        item.appendRow(_placeholder())
        self._asked.discard(location)
        if self.isExpanded(item.index()):
            self._want(item)

    def _forget_children(self, item: QStandardItem) -> None:
        for row in range(item.rowCount()):
            child = item.child(row)
            location = child.data(_LOCATION_ROLE)
            if isinstance(location, Location):
                self._items.pop(location, None)
                self._asked.discard(location)
            self._forget_children(child)

    def index_of(self, location: Location) -> QModelIndex:
        item = self._items.get(location)
        return item.index() if item is not None else QModelIndex()

    def is_expanded(self, location: Location) -> bool:
        item = self._items.get(location)
        return item is not None and self.isExpanded(item.index())

    def _reveal(self) -> None:
        target = self._target
        if target.is_root:
            return
        steps = [loc for _label, loc in target.crumbs()[1:]]
        for parent_location, location in zip([None, *steps], steps, strict=False):
            item = self._items.get(location)
            if item is None:
                parent = self._items.get(parent_location) if parent_location else None
                if parent is None or self._has_placeholder(parent):
                    return  # that level is still loading; add_folders continues the walk
                if target != self._found:
                    # not (yet) known to exist: no node for a prefix that may hold nothing
                    self.setCurrentIndex(QModelIndex())
                    return
                item = self._add_child(parent, parent_location, location)  # type: ignore[arg-type]
                parent.sortChildren(0)
            if location == target:
                index = item.index()
                if self.currentIndex() != index:
                    self.setCurrentIndex(index)
                self.scrollTo(index)
                return
            if not self.isExpanded(item.index()):
                self.expand(item.index())  # emits `expanded`: its folders are asked for
            elif self._has_placeholder(item):
                self._want(item)

    def _add_child(
        self, parent: QStandardItem, parent_location: Location, location: Location
    ) -> QStandardItem:
        label = location.prefix[len(parent_location.prefix) :].removesuffix(DELIMITER)
        child = self._new_item(label or DELIMITER, location, self._folder_icon)
        parent.appendRow(child)
        return child

    def labels(self, parent: Location | None = None) -> list[str]:
        root = self._model.invisibleRootItem() if parent is None else self._items.get(parent)
        if root is None:
            return []
        return [
            root.child(r).text()
            for r in range(root.rowCount())
            if not root.child(r).data(_PLACEHOLDER_ROLE)
        ]

    def _redraw_icons(self) -> None:
        self._bucket_icon = icons.icon("bucket")
        self._folder_icon = icons.icon("folder")
        pending = [self._model.invisibleRootItem()]
        while pending:
            parent = pending.pop()
            for row in range(parent.rowCount()):
                item = parent.child(row)
                location = item.data(_LOCATION_ROLE)
                if isinstance(location, Location):
                    item.setIcon(self._folder_icon if location.prefix else self._bucket_icon)
                    pending.append(item)

    def _new_item(self, label: str, location: Location, icon: object) -> QStandardItem:
        item = QStandardItem(icon, label)  # type: ignore[call-overload]
        item.setData(location, _LOCATION_ROLE)
        item.setToolTip(location.url)
        item.appendRow(_placeholder())
        self._items[location] = item
        return item

    @staticmethod
    def _has_placeholder(item: QStandardItem) -> bool:
        return any(item.child(r).data(_PLACEHOLDER_ROLE) for r in range(item.rowCount()))

    def _want(self, item: QStandardItem) -> None:
        location = item.data(_LOCATION_ROLE)
        if isinstance(location, Location) and location not in self._asked:
            self._asked.add(location)
            self.childrenWanted.emit(location)

    def _drop_placeholder(self, item: QStandardItem) -> None:
        for row in range(item.rowCount()):
            if item.child(row).data(_PLACEHOLDER_ROLE):
                item.removeRow(row)
                return

    def _expanded(self, index: QModelIndex) -> None:
        item = self._model.itemFromIndex(index)
        if item is not None and self._has_placeholder(item):
            self._asked.discard(item.data(_LOCATION_ROLE))  # expanding again retries a failure
            self._want(item)

    def _activated(self, index: QModelIndex) -> None:
        location = index.data(_LOCATION_ROLE)
        # `clicked` and `activated` can both come for one click: navigate once
        if isinstance(location, Location) and location != self._target:
            self.locationActivated.emit(location)
