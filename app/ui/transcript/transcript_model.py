"""The transcript's lines as a table: a timer reads the new lines, nothing is pushed."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)

from app.core.s3.transcript import DEFAULT_LIMIT, Transcript, TranscriptLine
from app.ui.translation import N_, translate

REFRESH_MS = 500
HEADERS = (
    N_("Time (UTC)"),
    N_("Method"),
    N_("Bucket"),
    N_("Key"),
    N_("Operation"),
    N_("Status"),
    "ms",
    N_("Sent"),
    N_("Received"),
    N_("Retry"),
)
TIME, METHOD, BUCKET, KEY, OPERATION, STATUS, DURATION, SENT, RECEIVED, RETRY = range(len(HEADERS))
_Index = QModelIndex | QPersistentModelIndex


class TranscriptModel(QAbstractTableModel):
    def __init__(
        self, transcript: Transcript, limit: int = DEFAULT_LIMIT, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._transcript = transcript
        self._limit = limit
        self._lines: list[TranscriptLine] = []
        self._last_seq = 0
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        new = self._transcript.lines(self._last_seq)
        if not new:
            return
        self._last_seq = new[-1].seq
        drop = max(0, len(self._lines) + len(new) - self._limit)
        if drop:
            drop = min(drop, len(self._lines))
            self.beginRemoveRows(QModelIndex(), 0, drop - 1)
            del self._lines[:drop]
            self.endRemoveRows()
            new = new[-self._limit :]
        first = len(self._lines)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._lines.extend(new)
        self.endInsertRows()

    def clear(self) -> None:
        """Forget the lines shown so far; new ones keep coming."""
        self.refresh()
        self.beginResetModel()
        self._lines.clear()
        self.endResetModel()

    def line(self, row: int) -> TranscriptLine:
        return self._lines[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("", HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.text()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            DURATION,
            SENT,
            RECEIVED,
            RETRY,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _cell(line: TranscriptLine, column: int) -> str:
    if column == TIME:
        return datetime.fromtimestamp(line.time, UTC).strftime("%H:%M:%S.%f")[:-3]
    values = {
        METHOD: line.method,
        BUCKET: line.bucket,
        KEY: line.key,
        OPERATION: line.operation,
        STATUS: line.status,
        DURATION: f"{line.duration * 1000:.0f}",
        SENT: str(line.sent),
        RECEIVED: str(line.received),
        RETRY: str(line.retry) if line.retry else "",
    }
    return values[column]


class TranscriptFilter(QSortFilterProxyModel):
    """Lines of one bucket (substring) and one status ("4" matches 403 and 404)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bucket = ""
        self._status = ""

    def set_bucket(self, text: str) -> None:
        self.beginFilterChange()
        self._bucket = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, text: str) -> None:
        self.beginFilterChange()
        self._status = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TranscriptModel)
        line = model.line(source_row)
        if self._bucket and self._bucket not in line.bucket:
            return False
        return not self._status or line.status.startswith(self._status)

    def lines(self) -> list[TranscriptLine]:
        model = self.sourceModel()
        assert isinstance(model, TranscriptModel)
        return [
            model.line(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())
        ]
