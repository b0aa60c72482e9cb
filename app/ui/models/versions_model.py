"""Object versions and delete markers of one prefix, page by page (hidden files only).

Fed by a `ListingStream` over `app.core.s3.versions.list_versions` pages; nothing is listed
until hidden files are shown. Storage is columnar like the listing model's, in server order;
a `SortedTable` proxy sorts (by `SORT_ROLE`) and filters for the view.
"""

from __future__ import annotations

from array import array
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.core.s3.versions import VersionPage
from app.ui.format import human_size
from app.ui.models.listing_model import format_modified
from app.ui.models.streamed_table import SORT_ROLE, StreamedTableModel, moment
from app.ui.translation import N_

Index = QModelIndex | QPersistentModelIndex

NAME, VERSION_ID, MODIFIED, SIZE, STATE = range(5)
COLUMNS = (N_("Name"), N_("Version ID"), N_("Modified"), N_("Size"), N_("State"))
LATEST, MARKER = 1, 2  # bits of a row's flags


class VersionRow(NamedTuple):
    key: str
    version_id: str
    is_latest: bool
    is_delete_marker: bool


class VersionsModel(StreamedTableModel):
    columns = COLUMNS

    def _clear(self) -> None:
        self._keys: list[str] = []
        self._ids: list[str] = []
        self._modified: list[str] = []
        self._sizes = array("q")
        self._flags = array("b")
        self._markers = 0

    def _append_page(self, page: VersionPage) -> None:
        entries = [v for v in page.versions if v.key != self._prefix]
        if entries:
            first = len(self._keys)
            self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
            self._keys.extend(v.key for v in entries)
            self._ids.extend(v.version_id for v in entries)
            self._modified.extend(v.last_modified for v in entries)
            self._sizes.extend(v.size for v in entries)
            self._flags.extend(LATEST * v.is_latest | MARKER * v.is_delete_marker for v in entries)
            self._markers += sum(v.is_delete_marker for v in entries)
            self.endInsertRows()
        else:
            self._fetch_past_empty_page()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def row(self, row: int) -> VersionRow:
        flags = self._flags[row]
        latest, marker = bool(flags & LATEST), bool(flags & MARKER)
        return VersionRow(self._keys[row], self._ids[row], latest, marker)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i, column = index.row(), index.column()
        flags = self._flags[i]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return self._keys[i][len(self._prefix) :]
            if column == VERSION_ID:
                return self._ids[i]
            if column == MODIFIED:
                return format_modified(self._modified[i])
            if column == SIZE:
                return "" if flags & MARKER else human_size(self._sizes[i])
            kind = "delete marker" if flags & MARKER else "version"
            return f"{kind}, latest" if flags & LATEST else kind
        if role == SORT_ROLE:
            if column == NAME:
                return self._keys[i]
            if column == VERSION_ID:
                return self._ids[i]
            if column == MODIFIED:
                return moment(self._modified[i])
            if column == SIZE:
                return -1 if flags & MARKER else self._sizes[i]  # markers before empty files
            return int(flags)  # versions, latest version, delete markers, latest marker
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return self._keys[i]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def summary(self) -> str:
        if not self.rowCount() and not self.complete:
            return f"versions and delete markers: {'loading…' if self.loading else 'more to load'}"
        markers = self._markers
        versions = len(self._keys) - markers
        text = f"{versions:,} version{'s' * (versions != 1)}"
        text += f", {markers:,} delete marker{'s' * (markers != 1)}"
        return text + ("" if self.complete else " loaded, more to load")
