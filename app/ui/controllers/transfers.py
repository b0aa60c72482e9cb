"""Uploads and downloads of one browser window, run as jobs of its own `TransferEngine`.

The engine is made (off the GUI thread) on first use, from the window's session, and closed
with the window. Its listeners run on engine threads: `_on_event` only emits a signal, which
Qt queues to the GUI thread, where the status line is updated.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import EventType, JobEvent, JobSnapshot, JobState
from app.ui.async_bridge import AsyncBridge
from app.ui.widgets.transfer_status import TransferStatus


class TransfersController(QObject):
    jobEvent = Signal(object)  # JobEvent, delivered on the GUI thread
    jobFinished = Signal(object)  # JobSnapshot of a job that is done, failed or cancelled

    def __init__(self, bridge: AsyncBridge, status: TransferStatus, parent: QObject) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._status = status
        self._engine: TransferEngine | None = None
        self._unsubscribe = None
        self.jobEvent.connect(self._show_event)

    async def engine(self, session: S3Session) -> TransferEngine:
        if self._engine is None or self._engine.session is not session:
            engine = await self._bridge.run(TransferEngine, session)
            if self._engine is not None:
                self._close_engine()
            self._engine = engine
            self._unsubscribe = engine.subscribe(self.jobEvent.emit)  # type: ignore[assignment]
        return self._engine

    async def upload(self, session: S3Session, files: list[str], bucket: str, prefix: str) -> None:
        engine = await self.engine(session)
        for local in files:
            key = prefix + Path(local).name
            await self._bridge.run(engine.upload, local, bucket, key)

    async def download(self, session: S3Session, bucket: str, keys: list[str], folder: str) -> None:
        engine = await self.engine(session)
        for key in keys:
            if key.endswith("/"):
                name = key.rstrip("/").rsplit("/", 1)[-1]
                target = str(Path(folder) / name)
            else:
                target = folder
            await self._bridge.run(engine.download, bucket, key, target)

    def cancel(self, job_id: str) -> None:
        if self._engine is not None:
            engine = self._engine
            self._bridge.spawn(self._bridge.run(engine.cancel, job_id), "cancelling a transfer")

    def _show_event(self, event: JobEvent) -> None:
        job = event.job
        if event.type is EventType.ADDED:
            self._status.start(job.id, job.title, lambda: self.cancel(job.id))
        elif event.type is EventType.CHANGED:
            sample = job.progress
            self._status.set_progress(job.id, sample.bytes_done, sample.bytes_total or None)
        elif event.type is EventType.FINISHED:
            self._status.finish(job.id, _finished_text(job))
            self.jobFinished.emit(job)

    def _close_engine(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._engine is not None:
            self._engine.close(wait=True)
            self._engine = None

    def close(self) -> None:
        """Stop the engine: running jobs pause and continue at the next start."""
        self._close_engine()


def _finished_text(job: JobSnapshot) -> str:
    if job.state is JobState.DONE:
        return f"Done: {job.title}"
    if job.state is JobState.CANCELLED:
        return f"Cancelled: {job.title}"
    return f"Failed: {job.title}: {job.error or 'see the transfer log'}"
