"""The object list of one location: folders first, then objects, filled page by page.

Storage stays compact and columnar: folders are the core's prefix strings; objects are split
from the core's `ObjectEntry` tuples into one list (or array) per field, with storage classes
shared. No dict, tuple or item object per row: besides their memory, named tuples stay tracked
by the garbage collector and lengthen every full collection (a GUI stall). Sorting and
filtering work on what is loaded so far: two index lists (`_fview`, `_oview`) map rows to
entries; they are `None` when rows are in server order (name ascending) and unfiltered, the
common case, which then costs nothing.
The modified column is parsed only when a row is displayed.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.core.preferences.sections import DateFormat, SizeFormat
from app.core.s3.object_ref import ObjectRef
from app.core.s3.session import ListingPage, ObjectEntry
from app.ui import icons
from app.ui.format import size_text
from app.ui.models.listing_stream import ListingStream
from app.ui.translation import N_, translate

Index = QModelIndex | QPersistentModelIndex

NAME, SIZE, MODIFIED, STORAGE_CLASS, ETAG, ENCRYPTION = range(6)
COLUMNS = (
    N_("Name"),
    N_("Size"),
    N_("Modified"),
    N_("Storage class"),
    N_("ETag"),
    N_("Encryption"),
)
# Encryption is not in the listing: an annotator fills it for visible rows (else it is blank).
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the full key or prefix of a row
IS_FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2
ENCRYPTION_ROLE = Qt.ItemDataRole.UserRole + 3  # filled by an annotator (encryption probe)
SIZE_ROLE = Qt.ItemDataRole.UserRole + 4  # an object's size in bytes; None for a folder

# Extra data for an object row, fetched elsewhere: (key, column, role) -> value or None.
Annotator = Callable[[str, int, int], Any]


@functools.lru_cache(maxsize=4096)
def format_modified(raw: str, style: DateFormat = DateFormat.ISO) -> str:
    """ISO 8601 text from the listing, shown in local time as Preferences > Browser asks;
    unparseable text is shown as is."""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    if style is DateFormat.LOCALE:
        when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        return QLocale.system().toString(when, QLocale.FormatType.ShortFormat)
    return moment.strftime(
        "%Y-%m-%d %H:%M:%S" if style is DateFormat.ISO_SECONDS else "%Y-%m-%d %H:%M"
    )


class _ObjectColumns:
    """The listed objects, one sequence per field."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.sizes = array("q")
        self.modified: list[str] = []  # raw ISO 8601 text, parsed when shown
        self.etags: list[str] = []
        self.classes: list[str] = []  # shared strings: a listing has a handful of classes
        self._class_names: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def extend(self, entries: Sequence[ObjectEntry]) -> int:
        """Append `entries`; return their total size."""
        shared = self._class_names.setdefault
        self.keys.extend([e.key for e in entries])
        sizes = [e.size for e in entries]
        self.sizes.extend(sizes)
        self.modified.extend([e.last_modified for e in entries])
        self.etags.extend([e.etag for e in entries])
        self.classes.extend([shared(e.storage_class, e.storage_class) for e in entries])
        return sum(sizes)

    def column(self, column: int) -> Sequence[Any]:
        return {
            NAME: self.keys,
            SIZE: self.sizes,
            MODIFIED: self.modified,
            STORAGE_CLASS: self.classes,
            ETAG: self.etags,
        }[column]


class ListingModel(QAbstractTableModel):
    summaryChanged = Signal()
    loadingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream: ListingStream | None = None
        self._prefix = ""
        self._folders: list[str] = []
        self._objects = _ObjectColumns()
        self._total_size = 0
        self._fview: list[int] | None = None
        self._oview: list[int] | None = None
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._filter = ""
        self.annotator: Annotator | None = None
        self.date_format = DateFormat.ISO
        self.size_format = SizeFormat.BINARY

    def set_formats(self, date_format: DateFormat, size_format: SizeFormat) -> None:
        """Show dates and sizes this way from now on (Preferences > Browser)."""
        if (date_format, size_format) == (self.date_format, self.size_format):
            return
        self.date_format, self.size_format = date_format, size_format
        rows = self.rowCount()
        if rows:
            first, last = min(SIZE, MODIFIED), max(SIZE, MODIFIED)
            self.dataChanged.emit(self.index(0, first), self.index(rows - 1, last))

    # -- feeding ----------------------------------------------------------------------------

    def set_stream(self, stream: ListingStream | None, prefix: str = "") -> None:
        """Show a new listing (or nothing); the previous stream is cancelled."""
        self.beginResetModel()
        if self._stream is not None:
            self._stream.pageArrived.disconnect(self.append_page)
            self._stream.busyChanged.disconnect(self.loadingChanged)
            self._stream.finished.disconnect(self.summaryChanged)
            self._stream.cancel()
        self._stream = stream
        self._prefix = prefix
        self._folders = []
        self._objects = _ObjectColumns()
        self._total_size = 0
        self._rebuild_views()
        if stream is not None:
            stream.pageArrived.connect(self.append_page)
            stream.busyChanged.connect(self.loadingChanged)
            stream.finished.connect(self.summaryChanged)
        self.endResetModel()
        self.summaryChanged.emit()

    def set_folders(self, folders: Sequence[str]) -> None:
        """Show a fixed list of folders (the bucket list: each bucket as `name/`)."""
        self.set_stream(None)
        self.append_page(ListingPage("", "", tuple(folders), (), True))

    @property
    def stream(self) -> ListingStream | None:
        return self._stream

    def append_page(self, page: ListingPage) -> None:
        rows_before = self.rowCount()
        prefix = self._prefix
        # A folder's placeholder object (key == prefix) is the folder itself, not a file in it.
        objects = [o for o in page.objects if o.key != prefix]
        folders = page.folders
        if folders:
            self._insert(
                self._fview,
                0,
                len(self._folders),
                len(folders),
                True,
                lambda: self._folders.extend(folders),
            )
        if objects:
            nfolders = len(self._folders) if self._fview is None else len(self._fview)

            def store() -> None:
                self._total_size += self._objects.extend(objects)

            self._insert(self._oview, nfolders, len(self._objects), len(objects), False, store)
        if (folders or objects) and not self._in_server_order():
            self._relayout()
        if self.rowCount() == rows_before:
            # A page that shows nothing new (only a folder placeholder, or all filtered out)
            # changes nothing a view reacts to, so no view would ask for the next one.
            QTimer.singleShot(0, self._fetch_more_rows)
        self.summaryChanged.emit()

    def _fetch_more_rows(self) -> None:
        self.fetchMore(QModelIndex())

    def _insert(
        self,
        view: list[int] | None,
        offset: int,
        old_count: int,
        count: int,
        folders: bool,
        store: Callable[[], None],
    ) -> None:
        """Store `count` new entries and announce the rows they add, in Qt's order."""
        if view is None:  # rows are the storage itself: it grows inside begin/end
            self.beginInsertRows(QModelIndex(), offset + old_count, offset + old_count + count - 1)
            store()
            self.endInsertRows()
            return
        store()  # rows come from the view: storage may grow first
        ids = [i for i in range(old_count, old_count + count) if self._matches(i, folders)]
        if ids:
            first = offset + len(view)
            self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
            view.extend(ids)
            self.endInsertRows()

    # -- what is shown -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        folders = len(self._folders) if self._fview is None else len(self._fview)
        objects = len(self._objects) if self._oview is None else len(self._oview)
        return folders + objects

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _entry(self, row: int) -> tuple[bool, int]:
        """(is_folder, index into _folders / _objects) of a row."""
        nfolders = len(self._folders) if self._fview is None else len(self._fview)
        if row < nfolders:
            return True, row if self._fview is None else self._fview[row]
        row -= nfolders
        return False, row if self._oview is None else self._oview[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        is_folder, i = self._entry(index.row())
        column = index.column()
        if not is_folder and self.annotator is not None:
            extra = self.annotator(self._objects.keys[i], column, role)
            if extra is not None:
                return extra
        if role == Qt.ItemDataRole.DisplayRole:
            if is_folder:
                return self._folder_name(self._folders[i]) if column == NAME else ""
            objects = self._objects
            if column == NAME:
                return objects.keys[i][len(self._prefix) :]
            if column == SIZE:
                return size_text(objects.sizes[i], self.size_format)
            if column == MODIFIED:
                return format_modified(objects.modified[i], self.date_format)
            if column == STORAGE_CLASS:
                return objects.classes[i]
            if column == ENCRYPTION:
                return ""  # not fetched (yet): the annotator answered nothing
            return objects.etags[i].strip('"')
        if role == KEY_ROLE:
            return self._folders[i] if is_folder else self._objects.keys[i]
        if role == IS_FOLDER_ROLE:
            return is_folder
        if role == SIZE_ROLE:
            return None if is_folder else int(self._objects.sizes[i])
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            key = self._folders[i] if is_folder else self._objects.keys[i]
            return key if self._prefix or not is_folder else key.rstrip("/")
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            if is_folder:
                return icons.icon("folder")  # in the palette's colours of the moment
            return icons.file_icon(self._objects.keys[i])  # by kind: image, text, archive...
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _folder_name(self, folder: str) -> str:
        name = (
            folder[len(self._prefix) : -1] if folder.endswith("/") else folder[len(self._prefix) :]
        )
        return name or "/"  # a key like `a//b` makes a folder with an empty name

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return translate("", COLUMNS[section])
        if horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def object_ref(self, row: int) -> ObjectRef:
        """What the row holds, for the actions aimed at it."""
        is_folder, i = self._entry(row)
        if is_folder:
            return ObjectRef.folder(self._folders[i])
        objects = self._objects
        return ObjectRef(objects.keys[i], None, objects.etags[i], int(objects.sizes[i]))

    def folder_at(self, row: int) -> str | None:
        """The full prefix of the folder on `row`, or None for an object row."""
        if not 0 <= row < self.rowCount():
            return None
        is_folder, i = self._entry(row)
        return self._folders[i] if is_folder else None

    # -- lazy fetching -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid() or self._stream is None:
            return False
        return self._stream.can_fetch

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self._stream is not None:
            self._stream.fetch_next()

    def load_everything(self) -> None:
        if self._stream is not None:
            self._stream.fetch_all()

    @property
    def loading(self) -> bool:
        return self._stream is not None and self._stream.busy

    @property
    def complete(self) -> bool:
        return self._stream is None or self._stream.exhausted

    # -- sorting and filtering (of what is loaded) ---------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            column, order = NAME, Qt.SortOrder.AscendingOrder
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self._relayout()
        self.summaryChanged.emit()

    def set_filter(self, text: str) -> None:
        text = text.casefold()
        if text == self._filter:
            return
        self.beginResetModel()
        self._filter = text
        self._rebuild_views()
        self.endResetModel()
        self.summaryChanged.emit()

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _in_server_order(self) -> bool:
        return self._sort_column == NAME and self._sort_order == Qt.SortOrder.AscendingOrder

    def _matches(self, i: int, folder: bool) -> bool:
        if not self._filter:
            return True
        key = self._folders[i] if folder else self._objects.keys[i]
        return self._filter in key[len(self._prefix) :].casefold()

    def _rebuild_views(self) -> None:
        if not self._filter and self._in_server_order():
            self._fview = self._oview = None
            return
        if self._filter:
            text, skip = self._filter, len(self._prefix)
            folders, keys = self._folders, self._objects.keys
            self._fview = [i for i, k in enumerate(folders) if text in k[skip:].casefold()]
            self._oview = [i for i, k in enumerate(keys) if text in k[skip:].casefold()]
        else:
            self._fview = list(range(len(self._folders)))
            self._oview = list(range(len(self._objects)))
        self._sort_views()

    def _sort_views(self) -> None:
        if self._fview is None or self._oview is None:
            return
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Folders have only a name: they keep name order, reversed for a descending name sort.
        self._fview.sort(reverse=descending and self._sort_column == NAME)
        if self._sort_column == NAME:
            self._oview.sort(reverse=descending)  # indices are in key order already
        elif self._sort_column == ENCRYPTION:  # what is known so far; unknown sorts first
            keys, note = self._objects.keys, self.annotator
            role = Qt.ItemDataRole.DisplayRole

            def known(i: int) -> str:
                return ((note(keys[i], ENCRYPTION, role) if note else None) or "").casefold()

            self._oview.sort(key=known, reverse=descending)
        else:
            column = self._objects.column(self._sort_column)
            self._oview.sort(key=column.__getitem__, reverse=descending)

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._entry(p.row()), p.column()) for p in persistent]
        if not self._filter and self._in_server_order():
            self._fview = self._oview = None
        elif self._fview is None:
            self._rebuild_views()
        else:
            self._sort_views()  # nearly sorted after a page: timsort's cheap case
        if persistent:
            rows = self._row_lookup()
            self.changePersistentIndexList(
                persistent,
                [self.index(rows[entry], column) for entry, column in before],
            )
        self.layoutChanged.emit()

    def _row_lookup(self) -> dict[tuple[bool, int], int]:
        lookup: dict[tuple[bool, int], int] = {}
        for row in range(self.rowCount()):
            lookup[self._entry(row)] = row
        return lookup

    # -- summary for the status bar ------------------------------------------------------------

    def summary(self) -> str:
        folders, objects = len(self._folders), len(self._objects)
        parts = [f"{folders:,} folder{'s' * (folders != 1)}"] if folders else []
        total = size_text(self._total_size, self.size_format)
        parts.append(f"{objects:,} object{'s' * (objects != 1)}, {total}")
        more = not self.complete
        text = ", ".join(parts) + (" loaded, more to load" if more else "")
        loaded = f"{folders + objects:,} loaded" + (" of more" if more else "")
        notes: list[str] = []
        if not self._in_server_order():
            notes.append(f"sorted by {COLUMNS[self._sort_column].lower()}: {loaded}")
        if self._filter:
            notes.append(f"filter shows {self.rowCount():,} of {loaded}")
        return " · ".join([text, *notes])
