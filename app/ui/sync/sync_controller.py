"""Plans a sync and runs the chosen rows, off the GUI thread, through the application's
transfer service: the transfers are one queue job of the connection's engine (journaled and
resumable); planned deletions follow only once it succeeded (`app.core.transfers.sync`)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.s3.session import S3Session
from app.core.s3.transcript import TranscriptLine
from app.core.transfers.engine import TransferEngine
from app.core.transfers.options import TransferOptions
from app.core.transfers.sync import SyncResult, record_in_step, run_sync
from app.core.transfers.sync_plan import (
    Direction,
    SyncError,
    SyncOptions,
    SyncPlan,
    plan_sync,
)
from app.ui.async_bridge import AsyncBridge


@dataclass(frozen=True)
class SyncRequest:
    folder: Path
    bucket: str
    prefix: str
    direction: Direction
    options: SyncOptions


@dataclass(frozen=True)
class SyncOutcome:
    result: SyncResult
    sent: Counter[str]  # requests per operation the planner and the engine sent on the bucket


# Threads whose requests are the sync's: the planner's (named here) and its HEADs, the engine's
# jobs, items and parts. The browser's own requests (other threads) are left out; another job
# of the same engine on the same bucket at the same time would be counted too.
_SYNC_THREADS = ("eider-sync", "eider-job-", "eider-item", "eider-part")


class RequestTally:
    """Counts the sync's requests to one bucket as the transcript hears them (any thread)."""

    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def __call__(self, line: TranscriptLine) -> None:
        if line.bucket == self._bucket and line.thread.startswith(_SYNC_THREADS):
            with self._lock:
                self._counts[line.operation] += 1

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self._counts)


class SyncController(QObject):
    planned = Signal(object)  # SyncPlan
    jobStarted = Signal(str)  # the transfer job's id
    finished = Signal(object)  # SyncOutcome

    def __init__(
        self,
        bridge: AsyncBridge,
        session: Callable[[], S3Session | None],
        engine: Callable[[S3Session], Awaitable[TransferEngine]],
        transfer_options: TransferOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._session = session
        self._engine = engine
        self.transfer_options = transfer_options or TransferOptions()
        self._cancel = threading.Event()
        self._tally: RequestTally | None = None
        self._stop_tally: Callable[[], None] | None = None
        self.busy = False

    def _session_or_fail(self) -> S3Session:
        session = self._session()
        if session is None:
            raise SyncError(
                self.tr("The window is not connected yet; wait for it, then compare again.")
            )
        return session

    def plan(self, request: SyncRequest) -> None:
        self._cancel = threading.Event()
        self.busy = True

        async def work() -> None:
            try:
                session = self._session_or_fail()
                self._start_tally(session, request.bucket)
                plan = await self._bridge.run(self._plan, session, request)
                # a two-way plan with nothing to do records that both sides are equal
                await self._bridge.run(record_in_step, session, plan, self.transfer_options)
            finally:
                self.busy = False
            self.planned.emit(plan)

        self._bridge.spawn(work(), "comparing the folder with the bucket")

    def _start_tally(self, session: S3Session, bucket: str) -> None:
        self._end_tally()
        self._tally = RequestTally(bucket)
        self._stop_tally = session.transcript.subscribe(self._tally)

    def _end_tally(self) -> None:
        if self._stop_tally is not None:
            self._stop_tally()
            self._stop_tally = None

    def _plan(self, session: S3Session, request: SyncRequest) -> SyncPlan:
        thread = threading.current_thread()
        name, thread.name = thread.name, "eider-sync-plan"  # its requests are the sync's
        try:
            return plan_sync(
                session,
                request.direction,
                request.folder,
                request.bucket,
                request.prefix,
                request.options,
                self.transfer_options,
                self._cancel.is_set,
            )
        finally:
            thread.name = name

    def _run(self, engine: TransferEngine, plan: SyncPlan) -> SyncResult:
        thread = threading.current_thread()
        # its requests (a two-way run lists the prefix again for its record) are the sync's
        name, thread.name = thread.name, "eider-sync-run"
        try:
            return run_sync(engine, plan, self.transfer_options, self.jobStarted.emit)
        finally:
            thread.name = name

    def close(self) -> None:
        self.cancel()
        self._end_tally()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self, plan: SyncPlan) -> None:
        """Do exactly `plan` (the rows left ticked)."""
        self.busy = True

        async def work() -> None:
            try:
                session = self._session_or_fail()
                engine = await self._engine(session)
                result = await self._bridge.run(self._run, engine, plan)
                sent = self._tally.counts() if self._tally is not None else Counter()
            finally:
                self.busy = False
                self._end_tally()
            self.finished.emit(SyncOutcome(result, sent))

        self._bridge.spawn(work(), "synchronizing")
