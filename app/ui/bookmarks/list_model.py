"""A thin Qt list model over `BookmarkStore`. The store stays the truth: every change is made
in the store first, on a worker thread (the file is fsynced and secrets go to the keyring,
which may block on an unlock prompt), then announced to the views on the GUI thread.

Changes run one at a time on a single worker, in the order they were asked for.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStore
from app.core.bookmarks.model import SECRET_KEY, SESSION_TOKEN
from app.core.profiles import Profile
from app.core.profiles.catalogue import all_profiles
from app.ui.bookmarks.icons import profile_icon
from app.ui.bookmarks.tasks import TaskSet
from app.ui.translation import translate

BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-eider-bookmark-id"

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class BookmarkListModel(QAbstractListModel):
    busyChanged = Signal(bool)  # a change is being written
    changeFailed = Signal(object)  # the exception of a change started by a drop

    def __init__(
        self, store: BookmarkStore, executor: Executor | None = None, parent: object = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.store = store
        self._rows: list[Bookmark] = store.list()
        self._catalogue: dict[str, list[Profile]] | None = None
        self._own_executor = executor is None
        # One worker: the store is not thread-safe, and changes must land in order.
        self._executor = executor or ThreadPoolExecutor(1, thread_name_prefix="eider-bookmarks")
        self._writes = 0
        self._drops = TaskSet(self.changeFailed.emit)

    # -- reading -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def bookmarks(self) -> list[Bookmark]:
        """What the views show: the store's list as of the last finished change."""
        return list(self._rows)

    def bookmark(self, row: int) -> Bookmark:
        return self._rows[row]

    def find(self, bookmark_id: str) -> Bookmark:
        row = self.row_of(bookmark_id)
        if row < 0:
            raise BookmarkError(f"No bookmark with id {bookmark_id}")
        return self._rows[row]

    def row_of(self, bookmark_id: str) -> int:
        for row, bookmark in enumerate(self._rows):
            if bookmark.id == bookmark_id:
                return row
        return -1

    @property
    def busy(self) -> bool:
        return self._writes > 0 or self._drops.pending > 0

    @property
    def pending(self) -> int:
        """Changes asked for and not yet written."""
        return self._writes + self._drops.pending

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
        """As `find_profile`, from one snapshot of the catalogue (a lookup per row each read
        the profile folders: 2,000 bookmarks took seconds to show)."""
        if self._catalogue is None:
            self._catalogue = {}
            for entry in all_profiles():
                self._catalogue.setdefault(entry.profile.vendor, []).append(entry.profile)
        matches = self._catalogue.get(bookmark.profile, [])
        for profile in matches:
            if bookmark.host and profile.default_hostname == bookmark.host:
                return profile
        return matches[0] if matches else None

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
        """Starts moving the dragged bookmark to the drop row. Returns False on purpose: the
        move is done here, so the view must not also remove the source row."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE) or self.busy:
            return False
        bookmark_id = bytes(data.data(MIME_TYPE).data()).decode()
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        source = self.row_of(bookmark_id)
        if source < 0:
            return False
        self._drops.spawn(self.move(bookmark_id, row - 1 if row > source else row))
        return False

    # -- changes: store first (on the worker), then announce ----------------------------------

    async def _write(self, fn: Callable[..., T], *args: Any) -> T:
        self._writes += 1
        if self._writes == 1:
            self.busyChanged.emit(True)
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, functools.partial(fn, *args))
        finally:
            self._writes -= 1
            if self._writes == 0 and shiboken6.isValid(self):
                self.busyChanged.emit(False)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.store.list()
        self._catalogue = None
        self.endResetModel()

    def forget_profiles(self) -> None:
        """After a profile import: icons and tooltips may now resolve differently."""
        self._catalogue = None
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    async def add(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        await self._write(self.store.add, bookmark, secret_key, session_token)
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(bookmark)
        self.endInsertRows()
        return bookmark

    async def update(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        await self._write(self.store.update, bookmark, secret_key, session_token)
        row = self.row_of(bookmark.id)
        self._rows[row] = bookmark
        self.dataChanged.emit(self.index(row), self.index(row))
        return bookmark

    async def forget_secrets(self, bookmark: Bookmark) -> None:
        """Remove the bookmark's secret key and session token from wherever they are kept."""
        await self._write(_delete_login_secrets, bookmark)

    async def remove(self, bookmark_id: str) -> Bookmark:
        removed = await self._write(self.store.remove, bookmark_id)
        row = self.row_of(bookmark_id)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return removed

    async def duplicate(self, bookmark_id: str) -> Bookmark:
        copy = await self._write(self.store.duplicate, bookmark_id)
        row = self.row_of(bookmark_id) + 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, copy)
        self.endInsertRows()
        return copy

    async def move(self, bookmark_id: str, new_row: int) -> None:
        source = self.row_of(bookmark_id)
        new_row = max(0, min(new_row, len(self._rows) - 1))
        if source < 0 or new_row == source:
            return
        await self._write(self.store.move, bookmark_id, new_row)
        source = self.row_of(bookmark_id)
        # Qt's destination is the row *before which* the item lands, in pre-move numbering.
        destination = new_row + 1 if new_row > source else new_row
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._rows.insert(new_row, self._rows.pop(source))
        self.endMoveRows()

    def shutdown(self) -> None:
        self._drops.cancel_all()
        if self._own_executor:
            self._executor.shutdown(wait=True)  # let a write in progress finish


def _delete_login_secrets(bookmark: Bookmark) -> None:
    for kind in (SECRET_KEY, SESSION_TOKEN):
        secrets.delete_secret(bookmark.secret_owner, kind)


def _summary(bookmark: Bookmark, profile: Profile | None) -> str:
    where = bookmark.host or (profile.default_hostname if profile else "") or "?"
    if bookmark.port:
        where += f":{bookmark.port}"
    if bookmark.path:
        where += f"/{bookmark.path.strip('/')}"
    kind = (
        profile.description
        if profile
        else translate("BookmarkListModel", "{0} (profile not installed)").format(bookmark.profile)
    )
    return f"{where}\n{kind}"
