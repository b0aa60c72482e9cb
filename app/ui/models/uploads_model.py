"""Unfinished multipart uploads under one prefix (hidden files only).

Pages come lazily from `app.core.s3.uploads_in_progress.list_uploads`; the size uploaded so
far (ListParts) is not part of the listing: it is fetched for visible rows only, by a
`VisibleRowsFetcher` the owner attaches (`size_of`). Rows stay in server order; a
`SortedTable` proxy sorts (by `SORT_ROLE`) and filters for the view. Sorted by the size so
far, rows whose size is not fetched yet come first (ascending) and move as sizes arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from app.core.s3.uploads_in_progress import UnfinishedUpload, UploadedSoFar
from app.ui.format import human_size
from app.ui.models.listing_model import format_modified
from app.ui.models.streamed_table import SORT_ROLE, StreamedTableModel, moment
from app.ui.translation import N_

Index = QModelIndex | QPersistentModelIndex

NAME, UPLOAD_ID, INITIATED, SIZE = range(4)
COLUMNS = (N_("Name"), N_("Upload ID"), N_("Initiated"), N_("Uploaded so far"))


@dataclass(frozen=True)
class UploadsPage:
    uploads: tuple[UnfinishedUpload, ...]
    is_last: bool = False  # the stream learns the end from the iterator running out


def upload_pages(pages: Iterator[tuple[UnfinishedUpload, ...]]) -> Iterator[UploadsPage]:
    return (UploadsPage(page) for page in pages)


class UploadsModel(StreamedTableModel):
    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size_of: Callable[[UnfinishedUpload], UploadedSoFar | None] = lambda _u: None

    def _clear(self) -> None:
        self._uploads: list[UnfinishedUpload] = []

    def _append_page(self, page: UploadsPage) -> None:
        if page.uploads:
            first = len(self._uploads)
            self.beginInsertRows(QModelIndex(), first, first + len(page.uploads) - 1)
            self._uploads.extend(page.uploads)
            self.endInsertRows()
        else:
            self._fetch_past_empty_page()

    def upload(self, row: int) -> UnfinishedUpload:
        return self._uploads[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._uploads)

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
        if role == SORT_ROLE:
            if column == NAME:
                return upload.key
            if column == UPLOAD_ID:
                return upload.upload_id
            if column == INITIATED:
                return moment(upload.initiated)
            so_far = self.size_of(upload)
            return -1 if so_far is None else so_far.size
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return upload.key
        return None

    def summary(self) -> str:
        if not self.rowCount() and not self.complete:
            return f"unfinished uploads: {'loading…' if self.loading else 'more to load'}"
        count = len(self._uploads)
        text = f"{count:,} unfinished upload{'s' * (count != 1)}"
        return text + ("" if self.complete else " loaded, more to load")
