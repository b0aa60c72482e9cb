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
from app.core.s3.transcript import counts_between
from app.core.transfers.engine import TransferEngine
from app.core.transfers.options import TransferOptions
from app.core.transfers.sync import SyncResult, run_sync
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
    sent: Counter[str]  # requests per operation on the session from planning to the end


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
        self._counts_before: Counter[str] = Counter()
        self.busy = False

    def _session_or_fail(self) -> S3Session:
        session = self._session()
        if session is None:
            raise SyncError("The window is not connected yet; wait for it, then compare again.")
        return session

    def plan(self, request: SyncRequest) -> None:
        self._cancel = threading.Event()
        self.busy = True

        async def work() -> None:
            try:
                session = self._session_or_fail()
                self._counts_before = session.transcript.counts()
                plan = await self._bridge.run(
                    lambda: plan_sync(
                        session,
                        request.direction,
                        request.folder,
                        request.bucket,
                        request.prefix,
                        request.options,
                        self.transfer_options,
                        self._cancel.is_set,
                    )
                )
            finally:
                self.busy = False
            self.planned.emit(plan)

        self._bridge.spawn(work(), "comparing the folder with the bucket")

    def cancel(self) -> None:
        self._cancel.set()

    def run(self, plan: SyncPlan) -> None:
        """Do exactly `plan` (the rows left ticked)."""
        self.busy = True

        async def work() -> None:
            try:
                session = self._session_or_fail()
                engine = await self._engine(session)
                result = await self._bridge.run(
                    run_sync, engine, plan, self.transfer_options, self.jobStarted.emit
                )
                sent = counts_between(self._counts_before, session.transcript.counts())
            finally:
                self.busy = False
            self.finished.emit(SyncOutcome(result, sent))

        self._bridge.spawn(work(), "synchronizing")
