"""Job events from the source's threads into the model, a few batches a second.

`listener` is what the source calls (on its own threads): it only files the event under its
job (the newest snapshot wins) and, the first time something waits, wakes the GUI thread
through a queued signal. There a single-shot timer collects everything filed meanwhile and
hands the model one batch; `finished` is then emitted for each job that ended in the batch.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.core.transfers.jobs import EventType, JobEvent, JobSnapshot
from app.ui.models.transfers_model import TransfersModel

BATCH_MS = 250  # at most four model updates a second


@dataclass
class _Pending:
    job: JobSnapshot
    added: bool = False
    finished: bool = False
    removed: bool = False


class JobFeed(QObject):
    _wake = Signal()
    added = Signal(object)  # JobSnapshot of a job the source announced as added
    finished = Signal(object)  # JobSnapshot of a job that ended (done, failed or cancelled)
    batchApplied = Signal(object)  # list of the JobSnapshots the batch brought

    def __init__(self, model: TransfersModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._lock = threading.Lock()
        self._pending: dict[str, _Pending] = {}
        self._timer = QTimer(self)
        self._timer.setObjectName("transfersBatchTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(BATCH_MS)
        self._timer.timeout.connect(self.flush)
        self._wake.connect(self._start_timer, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: JobEvent) -> None:
        """Called on the source's threads: file the event, wake the GUI thread once."""
        with self._lock:
            was_empty = not self._pending
            entry = self._pending.get(event.job.id)
            if entry is None:
                entry = self._pending[event.job.id] = _Pending(event.job)
            entry.job = event.job
            if event.type is EventType.ADDED:
                entry.added, entry.removed = True, False
            elif event.type is EventType.FINISHED:
                entry.finished = True
            elif event.type is EventType.REMOVED:
                entry.removed = True
        if was_empty:
            self._wake.emit()

    def load(self, jobs: list[JobSnapshot]) -> None:
        """The jobs the source had before we subscribed (call on the GUI thread)."""
        self.model.apply(j for j in jobs if self.model.job(j.id) is None)

    def _start_timer(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, {}
        if not batch:
            return
        removed = [job_id for job_id, entry in batch.items() if entry.removed]
        current = [entry.job for entry in batch.values() if not entry.removed]
        self.model.apply(current, removed)
        for entry in batch.values():
            if entry.added and not entry.removed:
                self.added.emit(entry.job)
        for entry in batch.values():
            if entry.finished and not entry.removed:
                self.finished.emit(entry.job)
        self.batchApplied.emit(current)

    def stop(self) -> None:
        self._timer.stop()
