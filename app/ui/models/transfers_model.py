"""The Transfers window's tree: one row per job, expanding to the files it has in flight.

The model only adapts `JobSnapshot`s: `apply` takes a batch of the newest snapshots (and the
ids of jobs that went away) and announces the change with as few signals as it can — new
jobs in one insert at the end, each changed job one `dataChanged` over its row, its children
inserted or removed at their end. The batching itself happens in `JobFeed`.

Child rows have the internal id of their job (a number that stays with the job while rows
move); top-level rows have internal id 0.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QStyle

from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.core.transfers.progress import ItemProgress, PartState
from app.ui import icons
from app.ui.format import human_size
from app.ui.translation import N_, translate

NAME, ROUTE, PROGRESS, AMOUNT, RATE, ETA, STATE = range(7)
HEADERS = (
    N_("Name"),
    N_("Source → Target"),
    N_("Progress"),
    N_("Done"),
    N_("Rate"),
    N_("Time Left"),
    N_("State"),
)
COLUMN_NAMES = ("name", "route", "progress", "done", "rate", "eta", "state")

JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # on every row: the job's id
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2  # 0..1, or None while the total is unknown
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a number or a plain string to sort by
SNAPSHOT_ROLE = Qt.ItemDataRole.UserRole + 4  # the JobSnapshot (top-level rows)
IS_JOB_ROLE = Qt.ItemDataRole.UserRole + 5

Nickname = Callable[[str], str | None]  # bookmark id -> nickname, None when it is gone
Index = QModelIndex | QPersistentModelIndex

_DIRECTION = {
    JobKind.UPLOAD: QStyle.StandardPixmap.SP_ArrowUp,
    JobKind.DOWNLOAD: QStyle.StandardPixmap.SP_ArrowDown,
    JobKind.COPY: QStyle.StandardPixmap.SP_FileDialogNewFolder,
    JobKind.MOVE: QStyle.StandardPixmap.SP_ArrowRight,
    JobKind.DELETE: QStyle.StandardPixmap.SP_TrashIcon,
    JobKind.REWRITE: QStyle.StandardPixmap.SP_FileDialogDetailedView,
    JobKind.POINT_IN_TIME: QStyle.StandardPixmap.SP_BrowserReload,
}


def bookmark_gone(job: JobSnapshot, nickname: Nickname) -> bool:
    where = job.where
    return (
        where is not None and where.bookmark_id is not None and nickname(where.bookmark_id) is None
    )


def state_text(job: JobSnapshot, nickname: Nickname) -> str:
    if bookmark_gone(job, nickname) and job.state is not JobState.DONE:
        return translate(
            "TransfersModel", "Bookmark removed: remove the job or point it at another bookmark"
        )
    if job.interrupted and job.error and job.state is not JobState.FAILED:
        return f"Interrupted: {job.error}"  # held by another process, or has no bookmark
    if job.interrupted and job.state in (JobState.QUEUED, JobState.PAUSED, JobState.FAILED):
        return translate("TransfersModel", "Interrupted — resumable")
    if job.state is JobState.FAILED:
        return (
            translate("TransfersModel", "Failed: {0}").format(job.error)
            if job.error
            else translate("TransfersModel", "Failed")
        )
    if job.state is JobState.DONE and job.skipped:
        return translate("TransfersModel", "Done ({0:,} skipped: they exist)").format(
            len(job.skipped)
        )
    if is_verifying(job):
        return translate("TransfersModel", "Verifying")
    return str(job.state.value).capitalize()


def is_verifying(job: JobSnapshot) -> bool:
    """Running with every byte moved while at least one file's integrity check is under way."""
    sample = job.progress
    return (
        job.state is JobState.RUNNING
        and sample.files_verifying > 0
        and sample.bytes_done >= sample.bytes_total
    )


def job_name(job: JobSnapshot) -> str:
    where = job.where
    if where is None:
        return job.title
    if job.kind is JobKind.UPLOAD and where.local:
        return PurePath(where.local).name or where.local
    if job.kind in (JobKind.COPY, JobKind.MOVE) and (where.source_key or where.source_bucket):
        return _key_name(where.source_key) or where.source_bucket
    if where.key or where.bucket:
        return _key_name(where.key) or where.bucket
    return job.title


def _key_name(key: str) -> str:
    return PurePosixPath(key.rstrip("/")).name if key.strip("/") else ""


def local_text(path: str) -> str:
    """A local path as the user knows it: under the home folder, as ~/…"""
    home = str(Path.home())
    if home not in ("", "/") and (path == home or path.startswith(home + os.sep)):
        return "~" + path[len(home) :]
    return path


def route_text(job: JobSnapshot, nickname: Nickname) -> str:
    where = job.where
    if where is None:
        return ""
    if where.bookmark_id is None:
        prefix = "s3://"
    else:
        name = nickname(where.bookmark_id)
        prefix = (
            f"{name}: " if name is not None else translate("TransfersModel", "(removed bookmark): ")
        )
    remote = f"{prefix}{where.bucket}/{where.key}"
    if job.kind is JobKind.UPLOAD:
        return f"{local_text(where.local)} → {remote}"
    if job.kind is JobKind.DOWNLOAD:
        return f"{remote} → {local_text(where.local)}"
    if job.kind in (JobKind.COPY, JobKind.MOVE):
        return f"{prefix}{where.source_bucket}/{where.source_key} → {where.bucket}/{where.key}"
    return remote


def fraction(done: int, total: int) -> float | None:
    if total <= 0:
        return None
    return max(0.0, min(1.0, done / total))


def job_fraction(job: JobSnapshot) -> float | None:
    if job.state is JobState.DONE:
        return 1.0
    sample = job.progress
    if sample.bytes_total > 0:
        return fraction(sample.bytes_done, sample.bytes_total)
    return fraction(sample.files_done + sample.files_skipped, sample.files_total)


def amount_text(job: JobSnapshot) -> str:
    sample = job.progress
    if job.kind is JobKind.DELETE or (sample.bytes_total == 0 and sample.files_total > 0):
        done = sample.files_done + sample.files_skipped
        return f"{done:,} of {sample.files_total:,} objects"
    if sample.bytes_total == 0 and sample.bytes_done == 0:
        return ""
    text = f"{human_size(sample.bytes_done)} of {human_size(sample.bytes_total)}"
    if sample.files_total > 1:
        text += f" · {sample.files_done:,}/{sample.files_total:,} files"
    return text


def rate_text(rate: float) -> str:
    return f"{human_size(int(rate))}/s" if rate >= 1 else ""


def eta_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    if whole >= 3600:
        return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
    if whole >= 60:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole} s"


def parts_text(item: ItemProgress) -> str:
    if not item.parts:
        return translate("TransfersModel", "Sending")
    done = sum(1 for _number, state in item.parts if state is PartState.DONE)
    return f"{done} of {len(item.parts)} parts"


def item_name(item: ItemProgress) -> str:
    return _key_name(item.key) or PurePath(item.local_path).name or item.local_path


def _is_running(job: JobSnapshot) -> bool:
    return job.state is JobState.RUNNING


class TransfersModel(QAbstractItemModel):
    def __init__(self, nickname: Nickname | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nickname: Nickname = nickname or (lambda _id: None)
        self._jobs: list[JobSnapshot] = []
        self._children: list[tuple[ItemProgress, ...]] = []
        self._row: dict[str, int] = {}
        self._key: dict[str, int] = {}  # job id -> internal id of its children
        self._key_row: dict[int, str] = {}
        self._next_key = 1
        self._icons: dict[JobKind, Any] = {}
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- feeding -----------------------------------------------------------------------------

    def apply(self, snapshots: Iterable[JobSnapshot], removed: Iterable[str] = ()) -> None:
        """Show the newest snapshot of each job; drop the jobs in `removed`."""
        self._remove(set(removed))
        new: list[JobSnapshot] = []
        for job in snapshots:
            row = self._row.get(job.id)
            if row is None:
                new.append(job)
            else:
                self._update(row, job)
        if new:
            first = len(self._jobs)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for job in new:
                self._row[job.id] = len(self._jobs)
                self._jobs.append(job)
                self._children.append(self._live_items(job))
                self._key[job.id] = self._next_key
                self._key_row[self._next_key] = job.id
                self._next_key += 1
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the jobs once by `column` (-1: the order they came in); jobs that come later
        are added at the end. Each row's key is computed once, not per comparison."""
        self._sorted_by = (column, order)
        if len(self._jobs) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        if 0 <= column < len(HEADERS):
            keys = [self._job_sort_key(job, column) for job in self._jobs]
        else:
            keys = [self._key[job.id] for job in self._jobs]
        descending = order is Qt.SortOrder.DescendingOrder
        new_order = sorted(range(len(self._jobs)), key=keys.__getitem__, reverse=descending)
        new_row = {old: new for new, old in enumerate(new_order)}
        self._jobs = [self._jobs[old] for old in new_order]
        self._children = [self._children[old] for old in new_order]
        self._row = {job.id: row for row, job in enumerate(self._jobs)}
        for index in self.persistentIndexList():
            if index.isValid() and index.internalId() == 0:
                moved = self.createIndex(new_row[index.row()], index.column(), 0)
                self.changePersistentIndex(index, moved)
        self.layoutChanged.emit()

    def refresh_names(self, *_: object) -> None:
        """The bookmarks changed: every route and state may read differently."""
        if self._jobs:
            last = self.index(len(self._jobs) - 1, STATE)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def _live_items(self, job: JobSnapshot) -> tuple[ItemProgress, ...]:
        return job.progress.items if _is_running(job) else ()

    def _update(self, row: int, job: JobSnapshot) -> None:
        self._jobs[row] = job
        parent = self.index(row, 0)
        old = self._children[row]
        new = self._live_items(job)
        if len(new) < len(old):
            self.beginRemoveRows(parent, len(new), len(old) - 1)
            self._children[row] = old[: len(new)]
            self.endRemoveRows()
        elif len(new) > len(old):
            self.beginInsertRows(parent, len(old), len(new) - 1)
            self._children[row] = old + new[len(old) :]
            self.endInsertRows()
        common = min(len(old), len(new))
        self._children[row] = new
        self.dataChanged.emit(parent, self.index(row, STATE))
        if common:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(common - 1, STATE, parent))

    def _remove(self, ids: set[str]) -> None:
        rows = sorted((self._row[i] for i in ids if i in self._row), reverse=True)
        if not rows:
            return
        # contiguous runs, from the bottom, so the rows above keep their numbers meanwhile
        runs: list[tuple[int, int]] = []
        for row in rows:
            if runs and runs[-1][0] == row + 1:
                runs[-1] = (row, runs[-1][1])
            else:
                runs.append((row, row))
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            for job in self._jobs[first : last + 1]:
                del self._row[job.id]
                self._key_row.pop(self._key.pop(job.id), None)
            del self._jobs[first : last + 1]
            del self._children[first : last + 1]
            self.endRemoveRows()
        for row in range(rows[-1], len(self._jobs)):
            self._row[self._jobs[row].id] = row

    # -- reading -----------------------------------------------------------------------------

    def jobs(self) -> list[JobSnapshot]:
        return list(self._jobs)

    def job(self, job_id: str) -> JobSnapshot | None:
        row = self._row.get(job_id)
        return None if row is None else self._jobs[row]

    def job_index(self, job_id: str, column: int = 0) -> QModelIndex:
        row = self._row.get(job_id)
        return QModelIndex() if row is None else self.index(row, column)

    def nickname(self, bookmark_id: str) -> str | None:
        return self._nickname(bookmark_id)

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._jobs):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.column() != 0 or parent.row() >= len(self._jobs):
            return QModelIndex()
        if row >= len(self._children[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, column, self._key[self._jobs[parent.row()].id])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        job_id = self._key_row.get(child.internalId())
        if job_id is None:
            return QModelIndex()
        return self.createIndex(self._row[job_id], 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._jobs)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._children[parent.row()])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return translate("", HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._job_data(self._jobs[index.row()], index.column(), role)
        job_id = self._key_row.get(index.internalId())
        if job_id is None:
            return None
        items = self._children[self._row[job_id]]
        if index.row() >= len(items):
            return None
        return self._item_data(job_id, items[index.row()], index.column(), role)

    def _job_data(self, job: JobSnapshot, column: int, role: int) -> Any:
        Role = Qt.ItemDataRole
        if role == JOB_ID_ROLE:
            return job.id
        if role == IS_JOB_ROLE:
            return True
        if role == SNAPSHOT_ROLE:
            return job
        sample = job.progress
        if role == Role.DisplayRole:
            if column == NAME:
                return job_name(job)
            if column == ROUTE:
                return route_text(job, self._nickname)
            if column == PROGRESS:
                share = job_fraction(job)
                return "" if share is None else f"{share:.0%}"
            if column == AMOUNT:
                return amount_text(job)
            if column == RATE:
                return rate_text(sample.rate) if _is_running(job) else ""
            if column == ETA:
                return eta_text(sample.eta) if _is_running(job) else ""
            if column == STATE:
                return state_text(job, self._nickname)
            return None
        if role == FRACTION_ROLE:
            return job_fraction(job)
        if role == SORT_ROLE:
            return self._job_sort_key(job, column)
        if role == Role.ToolTipRole:
            if column == STATE and (job.error or job.notes):
                return "\n".join(text for text in (job.error, *job.notes) if text)
            return job.title
        if role == Role.DecorationRole and column == NAME:
            return self._icon(job.kind)
        if role == Role.DecorationRole and column == STATE:
            return icons.transfer_state_icon(job.state.value, job.interrupted)
        if role == Role.AccessibleTextRole:
            return self._job_data(job, column, Role.DisplayRole)
        return None

    def _job_sort_key(self, job: JobSnapshot, column: int) -> Any:
        sample = job.progress
        if column == PROGRESS:
            return job_fraction(job) or 0.0
        if column == AMOUNT:
            return float(sample.bytes_total or sample.files_total)
        if column == RATE:
            return sample.rate if _is_running(job) else 0.0
        if column == ETA:
            return sample.eta if (_is_running(job) and sample.eta is not None) else -1.0
        return (self._job_data(job, column, Qt.ItemDataRole.DisplayRole) or "").casefold()

    def _item_data(self, job_id: str, item: ItemProgress, column: int, role: int) -> Any:
        Role = Qt.ItemDataRole
        if role == JOB_ID_ROLE:
            return job_id
        if role == IS_JOB_ROLE:
            return False
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            if column == NAME:
                return item_name(item)
            if column == ROUTE:
                remote = f"{item.bucket}/{item.key}"
                local = local_text(item.local_path)
                return f"{local} ↔ {remote}" if item.local_path else remote
            if column == PROGRESS:
                share = fraction(item.bytes_done, item.bytes_total)
                return "" if share is None else f"{share:.0%}"
            if column == AMOUNT:
                return f"{human_size(item.bytes_done)} of {human_size(item.bytes_total)}"
            if column == STATE:
                return self.tr("Verifying") if item.verifying else parts_text(item)
            return ""
        if role == FRACTION_ROLE:
            return fraction(item.bytes_done, item.bytes_total)
        if role == SORT_ROLE:
            return item_name(item).casefold() if column == NAME else item.bytes_done
        return None

    def _icon(self, kind: JobKind) -> Any:
        icon = self._icons.get(kind)
        if icon is None:
            app = QApplication.instance()
            if not isinstance(app, QApplication):
                return None
            icon = self._icons[kind] = app.style().standardIcon(_DIRECTION[kind])
        return icon
