"""Asking the user what to do when an upload or download target exists already.

The engine calls `resolve` (its `conflict_resolver`) on an engine thread and waits for the
answer; `resolve` hands the question to the GUI thread through a queued signal and blocks on
an event. On the GUI thread one dialog is open at a time; further questions wait in a queue.

"Apply to all" covers one user action (a batch): every file and folder picked in one Upload…
or Download…, even though each runs as its own engine job. A batch is recognised by its local
roots (uploads) or keys (downloads), registered before its jobs start, so no question can
arrive before its batch is known. Cancel Transfer stops every job of the batch.

A question holds only its own job (the engine's other jobs keep running): an unanswered
question makes the asking engine thread itself cancel or pause its job (`stop_in_engine`) and
then stop the item with `JobStopped`, so the job ends cancelled or paused, never "done" with
an item left out.
Closing the window pauses every job with an open question: the item stays queued in the
journal and the paused job can be resumed (it asks again).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.transfers.engine import JobNotFound
from app.core.transfers.jobs import Conflict, Decision, JobKind
from app.core.transfers.options import ConflictPolicy
from app.core.transfers.worker_context import JobStopped
from app.ui.dialogs.transfer_conflict import TransferConflictDialog

ANSWER_POLL_S = 0.25  # how often a waiting engine thread checks whether the window closed


@dataclass
class Batch:
    """The transfers one Upload… or Download… started."""

    kind: JobKind
    bucket: str
    roots: tuple[str, ...]  # absolute local paths (uploads) or keys/prefixes (downloads)
    job_ids: list[str] = field(default_factory=list)
    sticky: ConflictPolicy | None = None  # "apply to all" answer
    cancelled: bool = False

    def covers(self, conflict: Conflict) -> bool:
        if conflict.kind is not self.kind or conflict.bucket != self.bucket:
            return False
        if self.kind is JobKind.UPLOAD:
            path = conflict.local_path
            return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)
        key = conflict.key
        return any(key == r or (r.endswith("/") and key.startswith(r)) for r in self.roots)


class _Question:
    def __init__(self, conflict: Conflict) -> None:
        self.conflict = conflict
        self.event = threading.Event()
        self.decision: Decision | None = None  # None once answered: stop the item
        self.cancel = False  # and cancel its job (else pause it)


class ConflictAsker(QObject):
    asked = Signal(object)  # _Question, queued from an engine thread to the GUI thread
    dialogOpened = Signal(object)  # TransferConflictDialog

    def __init__(
        self,
        parent_widget: QWidget,
        cancel_job: Callable[[str], None],
        stop_in_engine: Callable[[str, bool], None],
        parent: QObject,
    ) -> None:
        """`cancel_job(job_id)` cancels from the GUI thread; `stop_in_engine(job_id, cancel)`
        cancels or pauses from the engine thread that asked."""
        super().__init__(parent)
        self._parent_widget = parent_widget
        self._cancel_job = cancel_job
        self._stop_in_engine = stop_in_engine
        self._batches: deque[Batch] = deque(maxlen=64)
        self._waiting: deque[_Question] = deque()
        self._open: set[_Question] = set()  # asked and not answered yet (any thread)
        self._lock = threading.Lock()
        self._closed = False
        self.dialog: TransferConflictDialog | None = None
        self._current: _Question | None = None
        self._cancelled_jobs: set[str] = set()
        self.asked.connect(self._arrived)

    def add_batch(self, kind: JobKind, bucket: str, roots: list[str]) -> Batch:
        batch = Batch(kind, bucket, tuple(roots))
        self._batches.appendleft(batch)
        return batch

    # -- engine threads --------------------------------------------------------------------------

    def covers(self, conflict: Conflict) -> bool:
        """Whether one of this window's batches started the conflicting job."""
        batches = list(self._batches)  # a copy: the GUI thread may add one meanwhile
        return any(b.covers(conflict) for b in batches)

    def resolve(self, conflict: Conflict) -> Decision:
        question = _Question(conflict)
        with self._lock:
            closed = self._closed
            if not closed:
                self._open.add(question)
        if not closed:
            self.asked.emit(question)
            while not question.event.wait(ANSWER_POLL_S) and not self._closed:
                pass
            with self._lock:
                self._open.discard(question)
        if question.decision is None:
            # The service may have closed meanwhile (the window closed with the question open):
            # its engine then no longer holds the job, which stays in the journal as it was.
            with contextlib.suppress(JobNotFound):
                self._stop_in_engine(conflict.job_id, question.cancel)
            raise JobStopped()
        return question.decision

    # -- GUI thread ------------------------------------------------------------------------------

    def _batch_of(self, conflict: Conflict) -> Batch | None:
        return next((b for b in self._batches if b.covers(conflict)), None)

    def _arrived(self, question: _Question) -> None:
        if not self._answer_from_batch(question):
            self._waiting.append(question)
            self._ask_next()

    def _answer_from_batch(self, question: _Question) -> bool:
        batch = self._batch_of(question.conflict)
        if question.conflict.job_id in self._cancelled_jobs or (batch and batch.cancelled):
            self._answer(question, None, cancel=True)
            return True
        if batch is not None and batch.sticky is not None:
            self._answer(question, Decision(batch.sticky, apply_to_all=True))
            return True
        return False

    def _ask_next(self) -> None:
        if self._current is not None or not self._waiting or self._closed:
            return
        question = self._waiting.popleft()
        if self._answer_from_batch(question):
            self._ask_next()
            return
        self._current = question
        dialog = TransferConflictDialog(self._parent_widget, question.conflict)
        dialog.answered.connect(lambda policy, all_: self._answered(question, policy, all_))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        self.dialogOpened.emit(dialog)

    def _answered(self, question: _Question, policy: ConflictPolicy | None, all_: bool) -> None:
        self._current = None
        self.dialog = None
        batch = self._batch_of(question.conflict)
        if policy is None:  # Cancel Transfer: every job of this action stops
            self._answer(question, None, cancel=True)
            if batch is not None:
                batch.cancelled = True
                for job_id in batch.job_ids:
                    if job_id != question.conflict.job_id:
                        self._cancel_job(job_id)
        else:
            if all_ and batch is not None:
                batch.sticky = policy
            self._answer(question, Decision(policy, apply_to_all=all_))
        self._ask_next()

    @staticmethod
    def _answer(question: _Question, decision: Decision | None, cancel: bool = False) -> None:
        question.decision = decision
        question.cancel = cancel
        question.event.set()

    def stop_job(self, job_id: str) -> None:
        """The job is being cancelled: its questions (open or still coming) go unanswered."""
        self._cancelled_jobs.add(job_id)
        for question in [*self._waiting, *([self._current] if self._current else [])]:
            if question.conflict.job_id == job_id:
                if question is self._current and self.dialog is not None:
                    self.dialog.answered.disconnect()
                    self.dialog.close()
                    self._current = self.dialog = None
                else:
                    self._waiting.remove(question)
                self._answer(question, None, cancel=True)
        self._ask_next()

    def close(self) -> None:
        """Release every engine thread waiting for an answer (before the engine closes)."""
        with self._lock:
            self._closed = True
            open_questions = list(self._open)
        for question in open_questions:
            self._answer(question, None)
        self._waiting.clear()
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.answered.disconnect()
            self.dialog.close()
        self._current = self.dialog = None
