"""A thin Qt list model over `BookmarkStore`. The store stays the truth: every change goes
through the store first, then the model announces it."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.profiles import Profile, find_profile
from app.ui.bookmarks.icons import profile_icon

BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-eider-bookmark-id"

Index = QModelIndex | QPersistentModelIndex


class BookmarkListModel(QAbstractListModel):
    def __init__(self, store: BookmarkStore, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.store = store
        self._rows: list[Bookmark] = store.list()
        self._profiles: dict[tuple[str, str], Profile | None] = {}

    # -- reading -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def bookmark(self, row: int) -> Bookmark:
        return self._rows[row]

    def row_of(self, bookmark_id: str) -> int:
        for row, bookmark in enumerate(self._rows):
            if bookmark.id == bookmark_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        bookmark = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return bookmark.nickname
        if role == Qt.ItemDataRole.ToolTipRole:
            return _summary(bookmark, self._profile(bookmark))
        if role == Qt.ItemDataRole.DecorationRole:
            icon = profile_icon(self._profile(bookmark))
            return icon if icon is not None else QIcon()
        if role == BOOKMARK_ID_ROLE:
            return bookmark.id
        if role == SEARCH_TEXT_ROLE:
            return " ".join(
                (bookmark.nickname, bookmark.host or "", bookmark.path, bookmark.profile)
            )
        return None

    def _profile(self, bookmark: Bookmark) -> Profile | None:
        key = (bookmark.profile, bookmark.host or "")
        if key not in self._profiles:
            self._profiles[key] = find_profile(*key)
        return self._profiles[key]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    # -- drag and drop (reordering) ----------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            mime.setData(MIME_TYPE, QByteArray(self._rows[rows[0]].id.encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Moves the dragged bookmark to the drop row. Returns False on purpose: the move is
        done here, so the view must not also remove the source row as for a copy-and-delete."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        bookmark_id = bytes(data.data(MIME_TYPE).data()).decode()
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        source = self.row_of(bookmark_id)
        if source < 0:
            return False
        self.move(bookmark_id, row - 1 if row > source else row)
        return False

    # -- changes: store first, then announce --------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.store.list()
        self._profiles.clear()
        self.endResetModel()

    def forget_profiles(self) -> None:
        """After a profile import: icons and tooltips may now resolve differently."""
        self._profiles.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def add(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        self.store.add(bookmark, secret_key, session_token)
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows = self.store.list()
        self.endInsertRows()
        return bookmark

    def update(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        self.store.update(bookmark, secret_key, session_token)
        self._rows = self.store.list()
        self._profiles.clear()
        row = self.row_of(bookmark.id)
        self.dataChanged.emit(self.index(row), self.index(row))
        return bookmark

    def remove(self, bookmark_id: str) -> Bookmark:
        row = self.row_of(bookmark_id)
        removed = self.store.remove(bookmark_id)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows = self.store.list()
        self.endRemoveRows()
        return removed

    def duplicate(self, bookmark_id: str) -> Bookmark:
        copy = self.store.duplicate(bookmark_id)
        row = self.row_of(bookmark_id) + 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows = self.store.list()
        self.endInsertRows()
        return copy

    def move(self, bookmark_id: str, new_row: int) -> None:
        source = self.row_of(bookmark_id)
        new_row = max(0, min(new_row, len(self._rows) - 1))
        if source < 0 or new_row == source:
            return
        self.store.move(bookmark_id, new_row)
        # Qt's destination is the row *before which* the item lands, in pre-move numbering.
        destination = new_row + 1 if new_row > source else new_row
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._rows = self.store.list()
        self.endMoveRows()


def _summary(bookmark: Bookmark, profile: Profile | None) -> str:
    where = bookmark.host or (profile.default_hostname if profile else "") or "?"
    if bookmark.port:
        where += f":{bookmark.port}"
    if bookmark.path:
        where += f"/{bookmark.path.strip('/')}"
    kind = profile.description if profile else f"{bookmark.profile} (profile not installed)"
    return f"{where}\n{kind}"
