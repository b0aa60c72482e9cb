"""Uploads and downloads of one browser window, run as jobs of its own `TransferEngine`.

The engine is made (off the GUI thread) on first use, from the window's session, and closed
with the window. Its listeners run on engine threads: `_on_event` only emits a signal, which
Qt queues to the GUI thread, where the status line is updated.
Every upload and download asks (`ConflictPolicy.ASK`) when its target exists already; the
`ConflictAsker` puts the question to the user.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import EventType, JobEvent, JobKind, JobSnapshot, JobState
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.transfer_conflicts import ConflictAsker
from app.ui.transfers.window_engines import BookmarkOf, WindowEngines
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
        self.conflicts = ConflictAsker(status.window(), self.cancel, self._stop_in_engine, self)
        self._closed = False
        self._shared: tuple[WindowEngines, BookmarkOf] | None = None
        self._detach: Callable[[], None] | None = None
        self.jobEvent.connect(self._show_event)

    def share_with(self, engines: WindowEngines, bookmark_of: BookmarkOf) -> None:
        """Show this window's jobs in the application's Transfers window too."""
        self._shared = (engines, bookmark_of)
        if self._engine is not None:
            self._detach = engines.attach(self._engine, bookmark_of)

    async def engine(self, session: S3Session) -> TransferEngine:
        if self._engine is None or self._engine.session is not session:
            resolver = self.conflicts.resolve
            engine = await self._bridge.run(
                lambda: TransferEngine(session, conflict_resolver=resolver)
            )
            if self._engine is not None:
                self._close_engine()
            self._engine = engine
            self._unsubscribe = engine.subscribe(self.jobEvent.emit)  # type: ignore[assignment]
            if self._shared is not None:
                self._detach = self._shared[0].attach(engine, self._shared[1])
        return self._engine

    async def upload(self, session: S3Session, files: list[str], bucket: str, prefix: str) -> None:
        """Upload files, or folders (each under `prefix` + its name + '/')."""
        engine = await self.engine(session)
        roots = [str(Path(local).absolute()) for local in files]
        batch = self.conflicts.add_batch(JobKind.UPLOAD, bucket, roots)
        for local in roots:
            key = prefix + Path(local).name
            is_dir = await self._bridge.run(Path(local).is_dir)
            job_id = await self._bridge.run(
                engine.upload, local, bucket, key + "/" if is_dir else key, ASK
            )
            batch.job_ids.append(job_id)

    async def download(self, session: S3Session, bucket: str, keys: list[str], folder: str) -> None:
        engine = await self.engine(session)
        batch = self.conflicts.add_batch(JobKind.DOWNLOAD, bucket, keys)
        for key in keys:
            if not key or key.endswith("/"):  # a folder, or "" for the whole bucket
                name = key.rstrip("/").rsplit("/", 1)[-1] or bucket
                target = str(Path(folder) / name)
            else:
                target = folder
            job_id = await self._bridge.run(engine.download, bucket, key, target, ASK)
            batch.job_ids.append(job_id)

    def cancel(self, job_id: str) -> None:
        self.conflicts.stop_job(job_id)
        if self._engine is not None:
            engine = self._engine
            self._bridge.spawn(self._bridge.run(engine.cancel, job_id), "cancelling a transfer")

    def _stop_in_engine(self, job_id: str, cancel: bool) -> None:  # engine thread
        engine = self._engine
        if engine is not None:
            (engine.cancel if cancel else engine.pause)(job_id)

    def _show_event(self, event: JobEvent) -> None:
        job = event.job
        if self._closed:  # queued before the window closed; nothing is shown any more
            return
        if event.type is EventType.ADDED:
            self._status.start(job.id, job.title, lambda: self.cancel(job.id))
        elif event.type is EventType.CHANGED:
            sample = job.progress
            self._status.set_progress(job.id, sample.bytes_done, sample.bytes_total or None)
        elif event.type is EventType.FINISHED:
            self._status.finish(job.id, _finished_text(job))
            self.jobFinished.emit(job)

    def _close_engine(self) -> None:
        if self._detach is not None:
            self._detach()
            self._detach = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._engine is not None:
            self._engine.close(wait=True)
            self._engine = None

    def close(self) -> None:
        """Stop the engine: running jobs pause and continue at the next start."""
        self._closed = True
        self.conflicts.close()  # before the engine waits for jobs that wait for an answer
        self._close_engine()


ASK = TransferOptions(conflict=ConflictPolicy.ASK)


def _finished_text(job: JobSnapshot) -> str:
    if job.state is JobState.DONE:
        skipped = len(job.skipped)
        return f"Done: {job.title}" + (f" ({skipped:,} skipped: they exist)" if skipped else "")
    if job.state is JobState.CANCELLED:
        return f"Cancelled: {job.title}"
    return f"Failed: {job.title}: {job.error or 'see the transfer log'}"
