"""Uploads and downloads of one browser window, submitted to the application's one
`TransferService` (see `app/ui/shared_transfers.py`) under the window's bookmark.

The service is reached (and made, the first time) off the GUI thread; so is the engine of the
window's bookmark, made from the window's own session. The service's listeners run on engine
threads: `_on_event` only emits a signal, which Qt queues to the GUI thread, where the status
line shows this window's jobs (the service announces every window's). Jobs outlive the window:
closing it leaves them to the service (the Transfers window lists them).
Uploads and downloads start from the Preferences (with the bookmark's overrides: part size,
S3 defaults, conflict action...). With the default conflict action, "ask", the service routes
the question to the window that started the job, whose `ConflictAsker` puts it
to the user.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.bookmarks import upload_encryption
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import (
    Conflict,
    Decision,
    EventType,
    JobEvent,
    JobKind,
    JobSnapshot,
    JobState,
)
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.core.transfers.service import TransferService
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.transfer_conflicts import ConflictAsker
from app.ui.shared_transfers import SharedTransfers
from app.ui.translation import translate
from app.ui.widgets.transfer_status import TransferStatus

_EARLY_EVENTS_KEPT = 256  # events of jobs not known yet: this window's, or another's


class TransfersController(QObject):
    jobEvent = Signal(object)  # JobEvent, delivered on the GUI thread
    jobFinished = Signal(object)  # JobSnapshot of a job that is done, failed or cancelled

    def __init__(
        self,
        bridge: AsyncBridge,
        status: TransferStatus,
        parent: QObject,
        shared: SharedTransfers | None = None,
        bookmark_id: Callable[[], str | None] = lambda: None,
    ) -> None:
        """`shared` is the application's service; without one (a window made on its own)
        the window gets a private service, closed with it. `bookmark_id()` names the
        bookmark of the window's connection (None for an unsaved connection)."""
        super().__init__(parent)
        self._bridge = bridge
        self._status = status
        self._owns_shared = shared is None
        self.shared = shared if shared is not None else SharedTransfers(None)
        self._bookmark_id = bookmark_id
        self._service: TransferService | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._mine: set[str] = set()  # ids of the jobs this window started (any thread)
        self._mine_lock = threading.Lock()
        self._early: OrderedDict[str, list[JobEvent]] = OrderedDict()  # GUI thread
        self.conflicts = ConflictAsker(status.window(), self.cancel, self._stop_in_engine, self)
        self.shared.add_owner(self)
        self._closed = False
        self._followers: dict[str, Follower] = {}
        self._recent: OrderedDict[str, JobSnapshot] = OrderedDict()  # finished, not followed
        self.jobEvent.connect(self._show_event)

    @property
    def service(self) -> TransferService | None:
        return self._service

    async def engine(self, session: S3Session, bookmark_id: str | None = "") -> TransferEngine:
        """The engine of the window's bookmark; of `bookmark_id` for a session on another
        bookmark (Upload To…, a drop into another connection)."""
        service = await self._bridge.run(self.shared.get)
        if self._service is not service:
            if self._unsubscribe is not None:
                self._unsubscribe()
            self._service = service
            self._unsubscribe = service.subscribe(self.jobEvent.emit)
        bookmark = self._bookmark_id() if bookmark_id == OWN else bookmark_id
        return await self._bridge.run(service.engine_for, bookmark, session)

    def _options(self, bookmark_id: str | None) -> TransferOptions:
        """The Preferences' transfer and S3 defaults, under the bookmark's overrides."""
        bookmark = self._bookmark_id() if bookmark_id == OWN else bookmark_id
        return self.shared.transfer_options(bookmark)

    def _sized(self, options: TransferOptions, bookmark_id: str | None = "") -> TransferOptions:
        """`options` with the Preferences' part sizes and thresholds: a copy on the server keeps
        its object's headers, not the defaults for new uploads."""
        chosen = self._options(bookmark_id)
        return replace(
            options,
            multipart_threshold=chosen.multipart_threshold,
            part_size=chosen.part_size,
            copy_threshold=chosen.copy_threshold,
            connections=chosen.connections,
        )

    async def upload(
        self,
        session: S3Session,
        files: list[str],
        bucket: str,
        prefix: str,
        bookmark_id: str | None = "",
    ) -> None:
        """Upload files, or folders (each under `prefix` + its name + '/'); `bookmark_id`
        names the session's bookmark when it is not the window's ('' : the window's)."""
        engine = await self.engine(session, bookmark_id)
        options = await self._bookmark_options(bookmark_id)
        roots = [str(Path(local).absolute()) for local in files]
        batch = self.conflicts.add_batch(JobKind.UPLOAD, bucket, roots)
        for local in roots:
            key = prefix + Path(local).name
            is_dir = await self._bridge.run(Path(local).is_dir)
            job_id = await self._bridge.run(
                engine.upload, local, bucket, key + "/" if is_dir else key, options
            )
            batch.job_ids.append(job_id)
            self._adopt(job_id)

    async def _bookmark_options(
        self, bookmark_id: str | None, base: TransferOptions | None = None
    ) -> TransferOptions:
        """`base` (by default the Preferences' options under the bookmark's overrides) with the
        bookmark's encryption for uploads (and its SSE-C key ring)."""
        base = base or self._options(bookmark_id)
        bookmark = self._bookmark_id() if bookmark_id == OWN else bookmark_id
        return await self._bridge.run(upload_encryption.options_for_bookmark, bookmark, base)

    async def download(self, session: S3Session, bucket: str, keys: list[str], folder: str) -> None:
        engine = await self.engine(session)
        options = await self._bookmark_options(OWN)
        batch = self.conflicts.add_batch(JobKind.DOWNLOAD, bucket, keys)
        for key in keys:
            if not key or key.endswith("/"):  # a folder, or "" for the whole bucket
                name = key.rstrip("/").rsplit("/", 1)[-1] or bucket
                target = str(Path(folder) / name)
            else:
                target = folder
            job_id = await self._bridge.run(engine.download, bucket, key, target, options)
            batch.job_ids.append(job_id)
            self._adopt(job_id)

    # -- operations on objects on the server ---------------------------------------------------
    # Rename/move, duplicate, delete (selections, versions, delete markers, whole buckets) and
    # version restore are engine jobs like uploads: journaled, resumable, cancellable from the
    # status line, each refused key reported. They replace their targets, as a rename in a file
    # manager does after its own check. `follow` tells the caller when one ends.

    async def _operation(
        self,
        session: S3Session,
        submit: Callable[[TransferEngine], str],
        bookmark_id: str | None = "",
    ) -> str:
        """Submit a job with `submit(engine)` off the GUI thread; returns its id."""
        engine = await self.engine(session, bookmark_id)
        job_id = await self._bridge.run(submit, engine)
        self._adopt(job_id)
        return job_id

    async def move(
        self, session: S3Session, bucket: str, key: str, dest_bucket: str, dest_key: str
    ) -> str:
        """Rename or move an object, or a folder (`key` and `dest_key` ending in '/'): each
        source is deleted only once its copy is complete."""
        options = await self._bookmark_options(OWN, self._sized(REPLACE))
        return await self._operation(
            session, lambda e: e.copy(bucket, key, dest_bucket, dest_key, options, move=True)
        )

    async def copy(
        self,
        session: S3Session,
        bucket: str,
        key: str,
        dest_bucket: str,
        dest_key: str,
        move: bool,
        bookmark_id: str | None = "",
    ) -> str:
        """A drop or Paste of objects on the same server: copy (or move) on the server,
        asking when the target exists; `bookmark_id` as for `upload`."""
        options = await self._bookmark_options(bookmark_id, self._sized(ASK, bookmark_id))
        return await self._operation(
            session,
            lambda e: e.copy(bucket, key, dest_bucket, dest_key, options, move=move),
            bookmark_id,
        )

    async def download_to(self, session: S3Session, bucket: str, key: str, local: str) -> str:
        """Download one object to exactly `local` (or a folder into the folder `local`)."""
        options = await self._bookmark_options(OWN)
        return await self._operation(session, lambda e: e.download(bucket, key, local, options))

    def adopt(self, job_id: str) -> None:
        """Show a job this window caused but did not submit (a step of a relay)."""
        self._adopt(job_id)

    async def duplicate(self, session: S3Session, bucket: str, key: str) -> str:
        """Copy an object or folder next to itself under the first free 'name (n)'."""
        options = await self._bookmark_options(OWN, self._sized(REPLACE))
        return await self._operation(session, lambda e: e.duplicate(bucket, key, options))

    async def delete(
        self, session: S3Session, bucket: str, prefix: str, keys: list[str], versions: bool
    ) -> str:
        """Delete objects and folders (keys ending in '/') of one selection in `prefix`; with
        `versions` every version and delete marker of them, for good."""
        return await self._operation(
            session, lambda e: e.delete(bucket, prefix, versions, REPLACE, keys=keys)
        )

    async def delete_bucket(self, session: S3Session, bucket: str, versions: bool) -> str:
        """Empty a bucket (with `versions`: every version and marker), then delete it."""
        return await self._operation(
            session, lambda e: e.delete(bucket, "", versions, REPLACE, delete_bucket=True)
        )

    async def delete_versions(
        self, session: S3Session, bucket: str, targets: list[tuple[str, str]]
    ) -> str:
        """Delete these (key, version id): versions for good, or delete markers (the version
        below a removed marker becomes the latest again)."""
        chosen = [(key, version) for key, version in targets]
        title = f"Delete {len(chosen)} versions in s3://{bucket}"
        if len(chosen) == 1:
            title = f"Delete version {chosen[0][1]} of s3://{bucket}/{chosen[0][0]}"
        return await self._operation(
            session, lambda e: e.delete_chosen(bucket, chosen, REPLACE, title)
        )

    async def restore_version(
        self, session: S3Session, bucket: str, key: str, version_id: str
    ) -> str:
        """Copy an older version over its key; the version that was the latest is kept."""
        options = await self._bookmark_options(OWN, self._sized(REPLACE))
        return await self._operation(
            session, lambda e: e.restore_version(bucket, key, version_id, options)
        )

    def follow(self, job_id: str, on_finished: Follower) -> None:
        """Call `on_finished(snapshot)` on the GUI thread when the job is done, failed or
        cancelled; at once when it has finished already."""
        finished = self._recent.pop(job_id, None)
        if finished is not None:
            on_finished(finished)
        else:
            self._followers[job_id] = on_finished

    def cancel(self, job_id: str) -> None:
        self.conflicts.stop_job(job_id)
        if self._service is not None:
            service = self._service
            self._bridge.spawn(self._bridge.run(service.cancel, job_id), "cancelling a transfer")

    def _stop_in_engine(self, job_id: str, cancel: bool) -> None:  # engine thread
        service = self._service
        if service is not None:
            (service.cancel if cancel else service.pause)(job_id)

    # -- conflict questions (engine threads) -----------------------------------------------------

    def asks_for(self, conflict: Conflict) -> bool:
        with self._mine_lock:
            if conflict.job_id in self._mine:
                return True
        return self.conflicts.covers(conflict)

    def resolve_conflict(self, conflict: Conflict) -> Decision:
        return self.conflicts.resolve(conflict)

    def stop_asking(self) -> None:
        self.conflicts.close()

    # -- events (GUI thread) ---------------------------------------------------------------------

    def _adopt(self, job_id: str) -> None:
        """The job is this window's: show what was announced of it before its id was known."""
        with self._mine_lock:
            self._mine.add(job_id)
        for event in self._early.pop(job_id, []):
            self._show_event(event)

    def _show_event(self, event: JobEvent) -> None:
        job = event.job
        if self._closed:  # queued before the window closed; nothing is shown any more
            return
        with self._mine_lock:
            mine = job.id in self._mine
        if not mine:
            # Announced while this window's submit had not returned yet, or another window's.
            self._early.setdefault(job.id, []).append(event)
            while len(self._early) > _EARLY_EVENTS_KEPT:
                self._early.popitem(last=False)
            return
        if event.type is EventType.ADDED:
            self._status.start(job.id, job.title, lambda: self.cancel(job.id))
        elif event.type is EventType.CHANGED:
            sample = job.progress
            if sample.bytes_total:
                self._status.set_progress(job.id, sample.bytes_done, sample.bytes_total)
            else:  # deletes, folder placeholders: objects, not bytes
                done = sample.files_done + sample.files_failed + sample.files_skipped
                self._status.set_progress(job.id, done, sample.files_total or None)
        elif event.type is EventType.FINISHED:
            self._status.finish(job.id, _finished_text(job))
            follower = self._followers.pop(job.id, None)
            if follower is not None:
                follower(job)
            else:
                self._recent[job.id] = job
                while len(self._recent) > _RECENT:
                    self._recent.popitem(last=False)
            self.jobFinished.emit(job)

    def close(self) -> None:
        """Stop showing jobs; they go on in the service (a private one stops: its jobs pause
        and continue at the next start)."""
        self._closed = True
        self.shared.remove_owner(self)
        self.conflicts.close()  # before anything waits for jobs that wait for an answer
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._owns_shared:
            self.shared.close()
        # `_service` stays: a question answered by the close above pauses its job through it.


OWN = ""  # `bookmark_id` of the window's own connection (a real bookmark id is never empty)
ASK = TransferOptions(conflict=ConflictPolicy.ASK)
REPLACE = TransferOptions(conflict=ConflictPolicy.OVERWRITE)
Follower = Callable[[JobSnapshot], None]
_RECENT = 200  # finished jobs kept for a `follow` that comes after the end


def _finished_text(job: JobSnapshot) -> str:
    if job.state is JobState.DONE:
        skipped = len(job.skipped)
        if skipped:
            text = translate("Transfers", "Done: {0} ({1:,} skipped: they exist)")
            return text.format(job.title, skipped)
        return translate("Transfers", "Done: {0}").format(job.title)
    if job.state is JobState.CANCELLED:
        return translate("Transfers", "Cancelled: {0}").format(job.title)
    why = job.error or translate("Transfers", "see the transfer log")
    return translate("Transfers", "Failed: {0}: {1}").format(job.title, why)
