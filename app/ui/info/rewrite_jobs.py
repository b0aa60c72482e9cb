"""The Info window's changes as jobs of the application's transfer service.

Every change an object tab asks for (one object, a selection or a folder) is one
`TransferService.rewrite_objects` job: journaled, resumable, listed in the Transfers window.
This follows the window's own job on the GUI thread: `progressed(done, total)` while it runs,
`finished(JobSnapshot)` when it is done, failed or cancelled (its `failures` name each object
that could not be changed, with the reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from app.core.s3.session import S3Session
from app.core.transfers.jobs import EventType, JobEvent, JobSnapshot
from app.core.transfers.object_change import ObjectChange
from app.core.transfers.options import TransferOptions
from app.core.transfers.service import TransferService
from app.ui.async_bridge import AsyncBridge
from app.ui.shared_transfers import SharedTransfers

Adopt = Callable[[str], None]  # shows a job in the main window's transfer line


class RewriteJobs(QObject):
    progressed = Signal(int, int)  # objects handled, objects in the job (0: not known yet)
    finished = Signal(object)  # JobSnapshot
    _event = Signal(object)  # JobEvent, from engine threads to the GUI thread

    def __init__(
        self,
        bridge: AsyncBridge,
        shared: SharedTransfers | None = None,
        adopt: Adopt | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`shared` is the application's service; without one (a window made on its own, in
        tests) a private one is made and closed with this."""
        super().__init__(parent)
        self._bridge = bridge
        self._owns_shared = shared is None
        self.shared = shared if shared is not None else SharedTransfers(None)
        self._adopt = adopt
        self._service: TransferService | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.job_id: str | None = None
        self._submitting = False
        self._early: dict[str, JobEvent] = {}  # while submitting: the last event of each job
        self._event.connect(self._on_event)

    async def submit(
        self,
        session: S3Session,
        bookmark_id: str | None,
        bucket: str,
        names: Sequence[str],
        change: ObjectChange,
        options: TransferOptions | None = None,
    ) -> str:
        """Start the job on `names` (keys, and folders ending in '/'); answers its id."""
        service = await self._bridge.run(self.shared.get)
        if self._service is not service:
            if self._unsubscribe is not None:
                self._unsubscribe()
            self._service = service
            self._unsubscribe = service.subscribe(self._event.emit)
        self.job_id = None
        self._early.clear()
        self._submitting = True
        try:
            job_id: str = await self._bridge.run(
                lambda: service.rewrite_objects(
                    bookmark_id, bucket, list(names), change, session=session, options=options
                )
            )
        finally:
            self._submitting = False
        self.job_id = job_id
        if self._adopt is not None:
            self._adopt(job_id)
        early = self._early.pop(job_id, None)
        self._early.clear()
        if early is not None:
            self._on_event(early)
        return job_id

    def cancel(self) -> None:
        service, job_id = self._service, self.job_id
        if service is not None and job_id is not None:
            self._bridge.spawn(self._bridge.run(service.cancel, job_id), "cancelling the change")

    def _on_event(self, event: JobEvent) -> None:
        job = event.job
        if self.job_id is None:
            if self._submitting:
                self._early[job.id] = event
            return
        if job.id != self.job_id:
            return
        sample = job.progress
        done = sample.files_done + sample.files_failed + sample.files_skipped
        self.progressed.emit(done, sample.files_total)
        if event.type is EventType.FINISHED:
            self.job_id = None
            self.finished.emit(job)

    def close(self) -> None:
        """Stop following; the job goes on in the service (a private service stops: its job
        pauses and can be resumed)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._owns_shared:
            self.shared.close()


def failures_of(job: JobSnapshot) -> list[tuple[str, str]]:
    """(key, reason) of every object the job could not change."""
    return [(f.key, f.message) for f in job.failures]
