"""A hidden-files table as its view shows it: sorted by a clicked column, filtered by name.

The source model keeps its rows in server order (compact, page by page); this proxy orders
them by `SORT_ROLE` (numbers for sizes and dates) and keeps the rows whose name contains the
window's filter text, both on what is loaded. Column -1 is the server's order. Anything acting
on a selection must map the view's rows through `source_row`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer

from app.ui.models.streamed_table import SORT_ROLE, StreamedTableModel


class SortedTable(QSortFilterProxyModel):
    def __init__(self, source: StreamedTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(0)  # the name, relative to the location
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._source = source
        self._filter = ""
        source.rowsInserted.connect(self._rows_arrived)

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self.setFilterFixedString(text)

    @property
    def filter_text(self) -> str:
        return self._filter

    def _rows_arrived(self, _parent: QModelIndex, first: int, last: int) -> None:
        # A page whose rows the filter hides adds no row a view would scroll to, so no view
        # would ask for the next one: ask for it (as the object list does).
        if self.filter_text and not any(
            self.mapFromSource(self._source.index(r, 0)).isValid() for r in range(first, last + 1)
        ):
            QTimer.singleShot(0, self._fetch_more)

    def _fetch_more(self) -> None:
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def summary(self) -> str:
        """The source's summary, with what sorting and filtering show of it."""
        source = self._source
        notes = [source.summary()]
        loaded = f"{source.rowCount():,}"
        column = self.sortColumn()
        if 0 <= column < len(source.columns) and not source.complete:  # only what is loaded
            notes.append(f"sorted by {source.columns[column].lower()}: {loaded} loaded of more")
        if self.filter_text:
            notes.append(f"filter shows {self.rowCount():,} of {loaded}")
        return " · ".join(notes)
