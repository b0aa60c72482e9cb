"""Unfinished multipart uploads under one prefix (hidden files only).

Pages come lazily from `app.core.s3.uploads_in_progress.list_uploads`; the size uploaded so
far (ListParts) is not part of the listing: it is fetched for visible rows only, by a
`VisibleRowsFetcher` the owner attaches (`size_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.core.s3.uploads_in_progress import UnfinishedUpload, UploadedSoFar
from app.ui.format import human_size
from app.ui.models.listing_model import format_modified
from app.ui.models.listing_stream import ListingStream

Index = QModelIndex | QPersistentModelIndex

NAME, UPLOAD_ID, INITIATED, SIZE = range(4)
COLUMNS = ("Name", "Upload ID", "Initiated", "Uploaded so far")


@dataclass(frozen=True)
class UploadsPage:
    uploads: tuple[UnfinishedUpload, ...]
    is_last: bool = False  # the stream learns the end from the iterator running out


def upload_pages(pages: Iterator[tuple[UnfinishedUpload, ...]]) -> Iterator[UploadsPage]:
    return (UploadsPage(page) for page in pages)


class UploadsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream: ListingStream | None = None
        self._prefix = ""
        self._uploads: list[UnfinishedUpload] = []
        self.size_of: Callable[[UnfinishedUpload], UploadedSoFar | None] = lambda _u: None

    @property
    def stream(self) -> ListingStream | None:
        return self._stream

    def set_stream(self, stream: ListingStream | None, prefix: str = "") -> None:
        self.beginResetModel()
        if self._stream is not None:
            self._stream.pageArrived.disconnect(self._append_page)
            self._stream.cancel()
        self._stream = stream
        self._prefix = prefix
        self._uploads = []
        if stream is not None:
            stream.pageArrived.connect(self._append_page)
        self.endResetModel()

    def _append_page(self, page: UploadsPage) -> None:
        if page.uploads:
            first = len(self._uploads)
            self.beginInsertRows(QModelIndex(), first, first + len(page.uploads) - 1)
            self._uploads.extend(page.uploads)
            self.endInsertRows()
        elif self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def upload(self, row: int) -> UnfinishedUpload:
        return self._uploads[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._uploads)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        upload, column = self._uploads[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return upload.key[len(self._prefix) :]
            if column == UPLOAD_ID:
                return upload.upload_id
            if column == INITIATED:
                return format_modified(upload.initiated)
            so_far = self.size_of(upload)
            if so_far is None:
                return "…"
            parts = f"{so_far.parts} part{'s' * (so_far.parts != 1)}"
            return f"{human_size(so_far.size)} ({parts})"
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return upload.key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._stream is not None and self._stream.can_fetch

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self._stream is not None:
            self._stream.fetch_next()
