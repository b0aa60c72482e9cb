"""A table filled page by page from a `ListingStream`, for the hidden-files panel's models.

Subclasses name their `columns`, keep their own rows (`_clear`, `_append_page`, `rowCount`,
`data`, `SORT_ROLE` values) and say what they hold (`summary`); this base handles the stream:
swapping it (cancelling the old one), asking for the next page when a view scrolls, and when
a page brought no rows a view would show. Sorting and filtering are a proxy's
(`SortedTable`): rows stay stored in server order.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.ui.models.listing_stream import ListingStream
from app.ui.translation import translate

Index = QModelIndex | QPersistentModelIndex

# A cell's value in its natural order (a number for sizes and dates, text for names and ids).
SORT_ROLE = Qt.ItemDataRole.UserRole + 20


@functools.lru_cache(maxsize=4096)
def moment(raw: str) -> float:
    """Seconds since the epoch of the listing's ISO 8601 text (0 when it cannot be read)."""
    try:
        return datetime.fromisoformat(raw).timestamp()
    except ValueError:
        return 0.0


class StreamedTableModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()
    summaryChanged = Signal()  # rows arrived, or the listing ended
    loadingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream: ListingStream | None = None
        self._prefix = ""
        self._clear()

    def _clear(self) -> None:
        raise NotImplementedError

    def _append_page(self, page: Any) -> None:
        raise NotImplementedError

    @property
    def stream(self) -> ListingStream | None:
        return self._stream

    def set_stream(self, stream: ListingStream | None, prefix: str = "") -> None:
        self.beginResetModel()
        if self._stream is not None:
            self._stream.pageArrived.disconnect(self._page_arrived)
            self._stream.busyChanged.disconnect(self.loadingChanged)
            self._stream.finished.disconnect(self.summaryChanged)
            self._stream.cancel()
        self._stream = stream
        self._prefix = prefix
        self._clear()
        if stream is not None:
            stream.pageArrived.connect(self._page_arrived)
            stream.busyChanged.connect(self.loadingChanged)
            stream.finished.connect(self.summaryChanged)
        self.endResetModel()
        self.summaryChanged.emit()

    def _page_arrived(self, page: Any) -> None:
        self._append_page(page)
        self.summaryChanged.emit()

    @property
    def loading(self) -> bool:
        return self._stream is not None and self._stream.busy

    @property
    def complete(self) -> bool:
        return self._stream is None or self._stream.exhausted

    def summary(self) -> str:
        """What is loaded, in words (for the status bar)."""
        raise NotImplementedError

    def _fetch_past_empty_page(self) -> None:
        # A page with no rows to show: no view would ask for the next one.
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                translate("", self.columns[section]) if 0 <= section < len(self.columns) else None
            )
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
