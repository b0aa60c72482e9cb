"""The transfer engine: owns the jobs, the worker pools and the journal; announces events.

Threads: one coordinator thread per running job (plans its items, hands them out), one pool
for items (files/objects), one pool for parts and ranges, and a sampler that turns progress
counters into CHANGED events a few times a second. Every S3 request, whatever pool it runs
on, holds one of `connections` slots, so the whole engine never has more requests in flight.
Jobs beyond `max_running_jobs` wait in a `JobQueue` (no thread each) that starts the next
when a running job stops; the transfer service shares one queue over all its engines.

A job runs only while this process holds its claim (`JobClaims`, a lock beside the journal):
a job another Eider process runs is reported as such and left alone. A conflict question
waits on its own job only (`Job.asking`): other jobs keep running while the user thinks.

Listeners are called on engine threads: they must return quickly (a GUI adapter posts the
event to its own thread).

Use: `engine = TransferEngine(session)`; `engine.subscribe(listener)`; then `upload`,
`download`, `copy` (move=True to move) or `delete` return a job id at once (planning happens on
the job's thread); `pause`, `resume`/`retry`, `cancel(keep_uploads=)`, `wait`, `job`, `jobs`,
`forget`; `resume_unfinished()` at start-up; `unfinished_uploads` / `abort_unfinished_upload`;
`set_rate_limit`; `close()` at exit (running jobs continue on the next start).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from app.core.cse.engine_items import download_encrypted_item, upload_encrypted_item
from app.core.cse.key_store import uses_cse
from app.core.errors import describe
from app.core.explained import ExplainedError
from app.core.s3.point_in_time import RestorePlan
from app.core.s3.session import S3Session
from app.core.s3.small_object_requests import SmallObjectRequests
from app.core.sse_c.reads import read_and_head
from app.core.transfers import digests, duplicate
from app.core.transfers.bandwidth import BandwidthLimiter
from app.core.transfers.claims import JobClaims, held_elsewhere_message
from app.core.transfers.copy import copy_item
from app.core.transfers.delete import BATCH as DELETE_BATCH
from app.core.transfers.delete import (
    delete_batch,
    delete_bucket_after,
    delete_record,
    plan_delete,
)
from app.core.transfers.download import download_item, partial_path
from app.core.transfers.download_plan import listed_download_items
from app.core.transfers.integrity import resolve_checksum
from app.core.transfers.job_queue import JobQueue
from app.core.transfers.jobs import (
    UNFINISHED,
    Conflict,
    ConflictResolver,
    Decision,
    EventType,
    ItemFailure,
    Job,
    JobEvent,
    JobKind,
    JobSnapshot,
    JobState,
    Listener,
)
from app.core.transfers.journal import ItemRecord, JobRecord, Journal
from app.core.transfers.limits import SharedBandwidth
from app.core.transfers.listeners import Listeners
from app.core.transfers.local_names import ensure_inside
from app.core.transfers.numbered import numbered_names
from app.core.transfers.object_change import ObjectChange
from app.core.transfers.options import ChecksumAlgorithm, ConflictPolicy, TransferOptions
from app.core.transfers.point_in_time import run_step, step_records
from app.core.transfers.restore import plan_restore
from app.core.transfers.rewrite import plan_rewrite, rewrite_item
from app.core.transfers.slots import ResizableSlots
from app.core.transfers.sync_deletions import delete_local_file, is_remote, is_sync_deletion
from app.core.transfers.sync_steps import (
    COPY_REMOTE,
    RENAME_LOCAL,
    rename_local,
    runs_first,
    step_of,
)
from app.core.transfers.sync_steps import is_download as is_sync_download
from app.core.transfers.unfinished import UnfinishedUpload, abort_unfinished, list_unfinished
from app.core.transfers.upload import upload_item
from app.core.transfers.upload_plan import upload_items
from app.core.transfers.worker_context import JobStopped, WorkerContext

log = logging.getLogger(__name__)

_ITEM_DONE = frozenset({"done", "skipped", "superseded", "refused"})
RUN_LENGTH = 16  # items one pool task runs before it lets other jobs' tasks have the thread


class JobNotFound(KeyError):
    pass


class TransferEngine:
    def __init__(
        self,
        session: S3Session,
        journal: Journal | None = None,
        connections: int = 10,
        sample_interval: float = 0.25,
        conflict_resolver: ConflictResolver | None = None,
        rate_limit: float | None = None,
        max_running_jobs: int = 4,
        *,
        queue: JobQueue | None = None,
        claims: JobClaims | None = None,
        shared_bandwidth: SharedBandwidth | None = None,
        bookmark_id: str | None = None,
        connections_per_job: int | None = None,
    ) -> None:
        """`queue`, `claims` and `shared_bandwidth` are shared by the transfer service's
        engines; alone, the engine makes its own (claims beside the journal). Every job
        submitted here records `bookmark_id` (None: started without a bookmark)."""
        self.session = session
        self._owns_journal = journal is None
        self.journal = journal or Journal()
        self.claims = claims or JobClaims.beside(self.journal.path)
        self.bookmark_id = bookmark_id
        self.connections = connections
        self._connections_per_job = connections_per_job
        self._conflict_resolver = conflict_resolver
        self._jobs: dict[str, Job] = {}
        self._lock = threading.RLock()
        self._listeners: Listeners[JobEvent] = Listeners()
        self._item_pool = ThreadPoolExecutor(connections, thread_name_prefix="eider-item")
        self._part_pool = ThreadPoolExecutor(connections, thread_name_prefix="eider-part")
        self._runtime = WorkerContext(
            session=session,
            journal=self.journal,
            endpoint=endpoint_id(session),
            slots=threading.BoundedSemaphore(connections),
            part_pool=self._part_pool,
            connections=connections,
            limiter=BandwidthLimiter(rate_limit),
            lean=SmallObjectRequests(session),
            shared=shared_bandwidth,
        )
        # Jobs beyond the queue's limit wait in QUEUED: their files still share the same
        # connections, but a thousand submitted jobs do not each plan (walk, list) at once.
        self._queue = queue or JobQueue(max_running_jobs)
        self._closed = threading.Event()
        self._sample_interval = sample_interval
        self._sampler = threading.Thread(target=self._sample_loop, name="eider-progress")
        self._sampler.daemon = True
        self._sampler.start()

    # -- subscribing -------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every JobEvent from now on; returns the unsubscribe function."""
        return self._listeners.subscribe(listener)

    def _emit(self, event_type: EventType, job: Job) -> None:
        event = JobEvent(event_type, job.snapshot())
        self._listeners.notify(event, "A transfer listener failed on %s", event_type)

    def _sample_loop(self) -> None:
        while not self._closed.wait(self._sample_interval):
            try:
                self.journal.flush()
            except Exception:
                log.exception("Could not write to the transfer journal")
            with self._lock:
                running = [j for j in self._jobs.values() if j.state is JobState.RUNNING]
            for job in running:
                sample = job.progress.sample()
                if sample is None:
                    continue
                event = JobEvent(EventType.CHANGED, job.snapshot_of(sample))
                self._listeners.notify(event, "A transfer listener failed on a progress event")

    # -- submitting --------------------------------------------------------------------------------

    def upload(
        self, local: str | Path, bucket: str, key: str, options: TransferOptions | None = None
    ) -> str:
        """Upload a file to `key`, or a folder tree under the prefix `key`. Returns the job id.

        For a file, a `key` ending in '/' (or empty) means "into this prefix, same name".
        """
        local = str(Path(local).absolute())
        if not Path(local).exists():
            raise FileNotFoundError(f"{local} does not exist")
        name = Path(local).name
        title = f"Upload {name} to s3://{bucket}/{key}"
        spec = {"local": local, "bucket": bucket, "key": key}
        return self._submit(JobKind.UPLOAD, spec, options or TransferOptions(), title)

    def download(
        self, bucket: str, key: str, local: str | Path, options: TransferOptions | None = None
    ) -> str:
        """Download an object to `local`, or every object under a prefix (key '' or ending in
        '/') into the folder `local`. An existing folder as `local` for one object means "into
        this folder, same name"."""
        local = str(Path(local).absolute())
        title = f"Download s3://{bucket}/{key} to {local}"
        spec = {"local": local, "bucket": bucket, "key": key}
        return self._submit(JobKind.DOWNLOAD, spec, options or TransferOptions(), title)

    def copy(
        self,
        source_bucket: str,
        source_key: str,
        bucket: str,
        key: str,
        options: TransferOptions | None = None,
        move: bool = False,
    ) -> str:
        """Copy (or move) an object, or every object under a prefix, on the server.

        A prefix source (key '' or ending in '/') lands under the prefix `key`; a single object
        lands at `key`, or under it with the same name when `key` ends in '/' or is empty.
        """
        kind = JobKind.MOVE if move else JobKind.COPY
        verb = "Move" if move else "Copy"
        title = f"{verb} s3://{source_bucket}/{source_key} to s3://{bucket}/{key}"
        spec = {
            "source_bucket": source_bucket,
            "source_key": source_key,
            "bucket": bucket,
            "key": key,
            "local": "",
        }
        return self._submit(kind, spec, options or TransferOptions(), title)

    def delete(
        self,
        bucket: str,
        key: str,
        versions: bool = False,
        options: TransferOptions | None = None,
        keys: list[str] | None = None,
        delete_bucket: bool = False,
    ) -> str:
        """Delete an object, or everything under a prefix (key '' or ending in '/'); or each
        of `keys` (objects and prefixes of one selection; `key` is then where they are).

        With `versions`, every version and delete marker goes: nothing can be restored.
        `delete_bucket` (with key '') empties the bucket, then deletes it.
        """
        if delete_bucket and (key or keys):
            raise ValueError("Only a whole bucket (key '') can be deleted with its bucket")
        if keys is not None and not keys:
            raise ValueError("An empty selection deletes nothing")  # not the whole `key`
        what = "every version of " if versions else ""
        if delete_bucket:
            title = f"Delete the bucket {bucket} and {what or 'all of '}its objects"
        elif keys:
            title = f"Delete {what}{len(keys):,} items in s3://{bucket}/{key}"
        else:
            title = f"Delete {what}s3://{bucket}/{key}"
        spec: dict[str, Any] = {"bucket": bucket, "key": key, "local": "", "versions": versions}
        if keys:
            spec["keys"] = list(keys)
        if delete_bucket:
            spec["delete_bucket"] = True
        return self._submit(JobKind.DELETE, spec, options or TransferOptions(), title)

    def delete_chosen(
        self,
        bucket: str,
        targets: Iterable[tuple[str, str | None]],
        options: TransferOptions | None = None,
        title: str | None = None,
        prefix: str = "",
    ) -> str:
        """Delete exactly these (key, version id or None) of `bucket`: chosen versions, delete
        markers, a filtered selection, what a sync or a move leaves behind. Journaled with the
        job, like `submit_items`. A version id deletes that version (or marker) for good."""
        records = (delete_record("", bucket, key, version) for key, version in targets)
        spec = {"bucket": bucket, "key": prefix, "local": "", "versions": False}

        def default_title(count: int) -> str:
            return title or f"Delete {count:,} objects in s3://{bucket}/{prefix}"

        return self._submit_items(JobKind.DELETE, spec, records, options, default_title)

    def duplicate(self, bucket: str, key: str, options: TransferOptions | None = None) -> str:
        """Copy an object (or a folder, key ending in '/') next to itself under the first free
        'name (n)'; the engine picks the name when it plans the job."""
        if not key:
            raise ValueError("A whole bucket cannot be duplicated")
        spec = {
            "source_bucket": bucket,
            "source_key": key,
            "bucket": bucket,
            "key": "",
            "local": "",
            "duplicate": True,
        }
        title = f"Duplicate s3://{bucket}/{key}"
        return self._submit(JobKind.COPY, spec, options or TransferOptions(), title)

    def restore_version(
        self, bucket: str, key: str, version_id: str, options: TransferOptions | None = None
    ) -> str:
        """Make an older version of `key` the latest again by copying it over the key."""
        spec = {
            "source_bucket": bucket,
            "source_key": key,
            "source_version_id": version_id,
            "bucket": bucket,
            "key": key,
            "local": "",
        }
        title = f"Restore version {version_id} of s3://{bucket}/{key}"
        options = replace(options or TransferOptions(), conflict=ConflictPolicy.OVERWRITE)
        return self._submit(JobKind.COPY, spec, options, title)

    def rewrite(
        self,
        bucket: str,
        keys_or_prefix: str | Sequence[str],
        change: ObjectChange,
        options: TransferOptions | None = None,
    ) -> str:
        """Apply `change` to objects in one job: a key, a prefix (ending in '/'; '' for the
        whole bucket), or a selection of keys and prefixes. `options` say how the objects are
        read (the bookmark's SSE-C key) and how requests go (connections, retries)."""
        names = [keys_or_prefix] if isinstance(keys_or_prefix, str) else list(keys_or_prefix)
        if not names:
            raise ValueError("An empty selection changes nothing")
        where = f"s3://{bucket}/{names[0]}"
        if len(names) > 1:
            where = f"{len(names):,} items in s3://{bucket}"
        title = f"Change {change.summary()} of {where}"
        spec: dict[str, Any] = {
            "bucket": bucket,
            "key": names[0] if len(names) == 1 else "",
            "local": "",
            "change": change.to_json(),
        }
        if len(names) > 1:
            spec["keys"] = names
        options = replace(options or TransferOptions(), conflict=ConflictPolicy.OVERWRITE)
        return self._submit(JobKind.REWRITE, spec, options, title)

    def restore_to(self, plan: RestorePlan, options: TransferOptions | None = None) -> str:
        """Run a point-in-time restore plan (`app.core.s3.point_in_time`) exactly as
        previewed; its steps are journaled with the job."""
        if not plan.steps:
            raise ValueError("Nothing to restore: everything is as it was at that moment")
        moment = plan.moment.isoformat(timespec="seconds")
        spec = {"bucket": plan.bucket, "key": plan.prefix, "local": "", "moment": moment}

        def title(count: int) -> str:
            return f"Restore s3://{plan.bucket}/{plan.prefix} to {moment} ({count:,} changes)"

        options = replace(options or TransferOptions(), conflict=ConflictPolicy.OVERWRITE)
        records = step_records(plan.bucket, plan.steps)
        return self._submit_items(JobKind.POINT_IN_TIME, spec, records, options, title)

    def submit_items(
        self,
        kind: JobKind,
        local: str | Path,
        bucket: str,
        prefix: str,
        items: Iterable[ItemRecord],
        options: TransferOptions | None = None,
        title: str | None = None,
    ) -> str:
        """An upload or download job over items the caller chose (a sync's plan), not a walk.

        Each item needs `local_path`, `key`, `size` (and `mtime_ns` for uploads); job id and
        sequence numbers are filled in. `local` is the folder they live under and `prefix` the
        key prefix (empty or ending in '/'). The items are journaled before the job starts, so
        the job resumes like any other and never re-plans by walking the folder.
        """
        if kind not in (JobKind.UPLOAD, JobKind.DOWNLOAD):
            raise ValueError("Only upload and download jobs take chosen items")
        if prefix and not prefix.endswith("/"):
            raise ValueError("The prefix of a job with chosen items must end with '/'")
        local = str(Path(local).absolute())
        verb = "Upload" if kind is JobKind.UPLOAD else "Download"
        spec = {"local": local, "bucket": bucket, "key": prefix}

        def default_title(count: int) -> str:
            return f"{verb} {count} files ({local} - s3://{bucket}/{prefix})"

        if title is not None:
            given = title
            return self._submit_items(kind, spec, items, options, lambda _count: given)
        return self._submit_items(kind, spec, items, options, default_title)

    def submit_copy_items(
        self,
        source_bucket: str,
        source_prefix: str,
        bucket: str,
        prefix: str,
        items: Iterable[tuple[str, str, int]],
        options: TransferOptions | None = None,
        move: bool = False,
        title: str | None = None,
    ) -> str:
        """A copy (or move) job over (source key, target key, size) the caller chose, not a
        listing of the whole source prefix; journaled and resumed like `submit_items`.
        A target equal to its source is copied onto itself (an SSE-C key rotation)."""
        if prefix and not prefix.endswith("/"):
            raise ValueError("The prefix of a job with chosen items must end with '/'")
        kind = JobKind.MOVE if move else JobKind.COPY
        records = (
            ItemRecord(
                "",
                0,
                f"s3://{source_bucket}/{source}",
                bucket,
                target,
                size,
                extra={"source_bucket": source_bucket, "source_key": source},
            )
            for source, target, size in items
        )
        spec = {
            "source_bucket": source_bucket,
            "source_key": source_prefix,
            "bucket": bucket,
            "key": prefix,
            "local": "",
        }
        verb = "Move" if move else "Copy"
        given = title

        def titled(count: int) -> str:
            source = f"s3://{source_bucket}/{source_prefix}"
            return given or f"{verb} {count} objects {source} to s3://{bucket}/{prefix}"

        return self._submit_items(kind, spec, records, options, titled)

    def _submit_items(
        self,
        kind: JobKind,
        spec: dict[str, Any],
        items: Iterable[ItemRecord],
        options: TransferOptions | None,
        title: Callable[[int], str],
    ) -> str:
        """`title` makes the job's title from the number of items."""
        options = resolve_checksum(options or TransferOptions(), self.session.connection)
        if options.checksum is ChecksumAlgorithm.CRC32C:
            digests.raw_digest(options.checksum, b"")  # fails now, clearly, if unavailable
        job_id = uuid.uuid4().hex
        records = []
        for seq, item in enumerate(items):
            item.job_id, item.seq, item.bucket = job_id, seq, spec["bucket"]
            records.append(item)
        if not records:
            raise ValueError("A job with chosen items needs at least one item")
        spec = {**spec, "title": title(len(records)), "bookmark_id": self.bookmark_id}
        job = Job(job_id, kind, spec, options, spec["title"])
        self.journal.create_job_with_items(
            job.id, kind.value, self._runtime.endpoint, spec, options.to_json(), records
        )
        with self._lock:
            self._jobs[job.id] = job
        self._emit(EventType.ADDED, job)
        self._start(job)
        return job.id

    def _submit(
        self, kind: JobKind, spec: dict[str, Any], options: TransferOptions, title: str
    ) -> str:
        options = resolve_checksum(options, self.session.connection)
        if options.checksum is ChecksumAlgorithm.CRC32C:
            digests.raw_digest(options.checksum, b"")  # fails now, clearly, if unavailable
        spec = {**spec, "title": title, "bookmark_id": self.bookmark_id}
        job = Job(uuid.uuid4().hex, kind, spec, options, title)
        self.journal.create_job(
            job.id, kind.value, self._runtime.endpoint, job.spec, options.to_json()
        )
        with self._lock:
            self._jobs[job.id] = job
        self._emit(EventType.ADDED, job)
        self._start(job)
        return job.id

    def resume_unfinished(self, start: bool = True) -> list[str]:
        """Load jobs left unfinished by an earlier run (a crash, a kill, a quit).

        Queued and running jobs restart when `start`; paused and failed jobs are loaded
        as they were, for the user to resume or retry.
        """
        ids = []
        for record in self.journal.jobs([s.value for s in UNFINISHED]):
            if record.endpoint != self._runtime.endpoint:
                continue
            with self._lock:
                if record.id in self._jobs:
                    continue
            job_id = self.load_job(record, start=start)
            if job_id is not None:
                ids.append(job_id)
        return ids

    def load_job(self, record: JobRecord, start: bool = False) -> str | None:
        """Take one journaled job into this engine as an earlier run left it (a running one
        as queued); with `start`, a queued one starts. None when it can never resume."""
        with self._lock:
            if record.id in self._jobs:
                return record.id
            state = JobState(record.state)
            if state is JobState.RUNNING:
                state = JobState.QUEUED
            try:
                options = TransferOptions.from_json(record.options)
                options = resolve_checksum(options, self.session.connection)
            except ValueError as exc:
                # Journaled before today's checks (metadata S3 cannot carry, ...): it
                # could never finish, and must not stop the other jobs from loading.
                log.warning("Job %s cannot be resumed: %s", record.id, exc)
                self.journal.set_job_state(
                    record.id, JobState.CANCELLED.value, f"Its options are refused: {exc}"
                )
                return None
            job = Job(
                record.id,
                JobKind(record.kind),
                record.spec,
                options,
                record.spec.get("title", record.kind),
                state=state,
                error=record.error,
                interrupted=True,
            )
            job.finished.set()  # not running here: wait() returns at once
            self._jobs[job.id] = job
        self._emit(EventType.ADDED, job)
        if start and state is JobState.QUEUED:
            self._start(job)
        return job.id

    # -- control -----------------------------------------------------------------------------------

    def pause(self, job_id: str) -> None:
        """Stop at the next request boundary; requests in flight finish and are kept."""
        job = self._job(job_id)
        if job.state not in (JobState.RUNNING, JobState.QUEUED):
            return
        if self._queue.withdraw(job.id) or job.finished.is_set():
            self._stopped_waiting(job, JobState.PAUSED)  # it never got a slot
            return
        job.pause_requested = True
        job.stop.set()
        if job.limiter is not None:
            job.limiter.wake()

    def resume(self, job_id: str) -> None:
        """Continue a paused or failed job from where the journal says it stopped."""
        job = self._job(job_id)
        if not job.finished.is_set():
            if not job.stop.is_set():
                return  # queued or running already
            job.finished.wait()  # a pause or cancel on its way: let it land first
        if job.state in (JobState.PAUSED, JobState.FAILED, JobState.QUEUED):
            self._start(job)

    retry = resume

    def cancel(self, job_id: str, keep_uploads: bool = False) -> None:
        """Stop the job, abort its multipart uploads (unless kept) and drop partial files."""
        job = self._job(job_id)
        if job.state in (JobState.DONE, JobState.CANCELLED):
            return  # nothing left to stop or clean up
        job.cancel_requested = True
        job.keep_uploads = keep_uploads
        job.stop.set()
        if job.limiter is not None:
            job.limiter.wake()
        withdrawn = self._queue.withdraw(job.id)  # its finished event is still unset
        if withdrawn or job.finished.is_set():
            if not withdrawn:
                job.finished = threading.Event()
            self._launch(job, holds_slot=False)  # the clean-up runs outside the queue

    def wait(self, job_id: str, timeout: float | None = None) -> JobSnapshot:
        """Block until the job stops running (done, failed, paused or cancelled)."""
        job = self._job(job_id)
        job.finished.wait(timeout)
        return job.snapshot()

    def jobs(self) -> list[JobSnapshot]:
        with self._lock:
            jobs = list(self._jobs.values())
        return [j.snapshot() for j in jobs]

    def job(self, job_id: str) -> JobSnapshot:
        return self._job(job_id).snapshot()

    def forget(self, job_id: str) -> None:
        """Remove a finished job from the list and the journal."""
        job = self._job(job_id)
        if job.state in (JobState.RUNNING, JobState.QUEUED) and not job.finished.is_set():
            raise RuntimeError("A running job cannot be removed; cancel it first")
        if self.claims.holder(job_id) is not None:
            raise RuntimeError("Another Eider process is running this job; it cannot be removed")
        with self._lock:
            self._jobs.pop(job_id, None)
        self.journal.delete_job(job_id)
        self.claims.forget(job_id)
        self._emit(EventType.REMOVED, job)

    def close(self, wait: bool = True) -> None:
        """Pause every running job (progress is kept for next time) and stop the threads."""
        with self._lock:
            jobs = list(self._jobs.values())
        interrupted = [
            j
            for j in jobs
            if j.state in (JobState.RUNNING, JobState.QUEUED)
            and not j.pause_requested
            and not j.finished.is_set()
        ]
        for job in interrupted:
            job.pause_requested = True
            job.stop.set()
            if self._queue.withdraw(job.id):
                self._stopped_waiting(job, JobState.PAUSED)
        if wait:
            for job in jobs:
                job.finished.wait()
            for job in interrupted:
                if job.state is JobState.PAUSED:
                    # Paused by quitting, not by the user: the next start continues them.
                    self.journal.set_job_state(job.id, JobState.QUEUED.value)
        self._closed.set()
        self._item_pool.shutdown(wait=wait)
        self._part_pool.shutdown(wait=wait)
        if wait:
            self._runtime.lean.close()
            self._sampler.join()
            if self._owns_journal:
                self.journal.close()

    def unfinished_uploads(self, bucket: str, prefix: str = "") -> list[UnfinishedUpload]:
        """Multipart uploads left open on the server, with the job (if any) that owns each."""
        return list_unfinished(self.session, self.journal, self._runtime.endpoint, bucket, prefix)

    def abort_unfinished_upload(self, bucket: str, key: str, upload_id: str) -> None:
        """Abort an upload that belongs to nobody; one owned by a live job is refused."""
        for item_owner in self.journal.uploads_for_key(self._runtime.endpoint, bucket, key):
            if item_owner.upload_id != upload_id:
                continue
            with self._lock:
                owner = self._jobs.get(item_owner.job_id)
            if owner is not None and owner.state in (JobState.RUNNING, JobState.QUEUED):
                raise RuntimeError(
                    f"The upload of {key} belongs to a running job; cancel the job instead"
                )
            self.journal.update_item(item_owner, upload_id=None, state="cancelled")
        abort_unfinished(self.session, bucket, key, upload_id)

    def set_rate_limit(self, rate: float | None, job_id: str | None = None) -> None:
        """Change the engine-wide limit (or one job's) in bytes per second; None lifts it."""
        if job_id is None:
            self._runtime.limiter.set_rate(rate)
            return
        job = self._job(job_id)
        job.options = replace(job.options, rate_limit=rate)
        if job.limiter is not None:
            job.limiter.set_rate(rate)

    def set_max_running_jobs(self, count: int) -> None:
        """How many jobs transfer at once (over every engine sharing this engine's queue)."""
        self._queue.set_max_running(count)

    def set_connections_per_job(self, count: int | None) -> None:
        """Cap each job's requests in flight (its own option may ask for fewer); applies to
        running jobs at their next request. None: each job's own option alone."""
        self._connections_per_job = count
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            if job.slots is not None:
                job.slots.set_limit(self._job_connections(job))

    def is_idle(self) -> bool:
        """No job queued or running."""
        with self._lock:
            jobs = list(self._jobs.values())
        return all(j.finished.is_set() for j in jobs)

    def _job_connections(self, job: Job) -> int:
        wanted = job.options.connections
        cap = self._connections_per_job
        return min(wanted, cap) if cap else wanted

    def _job(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFound(job_id)
        return job

    # -- running -----------------------------------------------------------------------------------

    def _start(self, job: Job) -> None:
        """Queue the job; the queue launches it when a running slot is free."""
        job.interrupted = False
        if not job.cancel_requested:
            job.stop = threading.Event()
        job.pause_requested = False
        job.real_local = None  # resolved again: the folder may have changed since
        job.finished = threading.Event()
        job.limiter = BandwidthLimiter(job.options.rate_limit, parent=self._runtime.limiter)
        job.slots = ResizableSlots(self._job_connections(job))
        if self.claims.holder(job.id) is not None:  # checked again when it runs
            self._held_elsewhere(job)
            job.finished.set()
            return
        if job.cancel_requested:
            self._launch(job, holds_slot=False)
            return
        if job.state is not JobState.QUEUED:
            self._set_state(job, JobState.QUEUED)
        self._queue.submit(job.id, lambda: self._launch(job, holds_slot=True))

    def _launch(self, job: Job, holds_slot: bool) -> None:
        job.thread = threading.Thread(
            target=self._run, args=(job, holds_slot), name=f"eider-job-{job.id[:8]}", daemon=True
        )
        job.thread.start()

    def _stopped_waiting(self, job: Job, state: JobState) -> None:
        """A job paused (or stopped by quitting) before it got a running slot."""
        job.pause_requested = False
        self._set_state(job, state)
        job.finished.set()

    def _set_state(self, job: Job, state: JobState, error: str | None = None) -> None:
        job.state = state
        job.error = error
        if state in (JobState.DONE, JobState.CANCELLED):
            # The journal exists to resume; a finished job has nothing left to resume.
            self.journal.delete_job(job.id)
        else:
            self.journal.set_job_state(job.id, state.value, error)
        finished = state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)
        self._emit(EventType.FINISHED if finished else EventType.CHANGED, job)

    def _held_elsewhere(self, job: Job) -> None:
        """Another process holds the job's claim: say so, and leave its journal row alone."""
        job.state = JobState.PAUSED
        job.error = held_elsewhere_message(self.claims.holder(job.id))
        job.interrupted = True
        self._emit(EventType.CHANGED, job)

    def _run(self, job: Job, holds_slot: bool) -> None:
        claimed = False
        try:
            if not self.claims.claim(job.id):
                self._held_elsewhere(job)
                return
            claimed = True
            if job.cancel_requested:
                self._clean_up_cancelled(job)
                return
            if job.stop.is_set():
                raise JobStopped
            self._run_planned(job)
        except JobStopped:
            if job.cancel_requested:
                self._clean_up_cancelled(job)
            else:
                self._set_state(job, JobState.PAUSED)
        except Exception as exc:
            log.exception("Transfer job %s failed", job.id)
            self._set_state(job, JobState.FAILED, _message(exc, job))
        finally:
            if claimed:
                finished = job.state in (JobState.DONE, JobState.CANCELLED)
                self.claims.release(job.id, finished=finished)
            if holds_slot:
                self._queue.done(job.id)
            job.finished.set()

    def _run_planned(self, job: Job) -> None:
        self._set_state(job, JobState.RUNNING)
        items = self.journal.items(job.id)
        if not items:
            items = self._plan(job)
        self._count_totals(job, items)
        pending = [i for i in items if i.state not in _ITEM_DONE]
        try:
            if job.kind is JobKind.DELETE:
                self._run_deletes(job, pending)
            else:
                # a two-way sync sets a conflict's older version aside before any transfer
                first = [i for i in pending if runs_first(i)]
                failed_before = len(job.failures)
                if first:
                    self._run_items(job, first)
                if len(job.failures) == failed_before:
                    self._run_items(
                        job, [i for i in pending if not is_sync_deletion(i) and not runs_first(i)]
                    )
                deletions = [i for i in pending if is_sync_deletion(i)]
                if deletions and not job.failures and not job.stop.is_set():
                    self._run_sync_deletions(job, deletions)
        finally:
            self.journal.flush()
        if job.cancel_requested:
            self._clean_up_cancelled(job)
        elif job.pause_requested:
            self._set_state(job, JobState.PAUSED)
        elif job.failures:
            count = len(job.failures)
            self._set_state(
                job,
                JobState.FAILED,
                f"{count} of {len(items)} items failed; the rest is kept. "
                f"First: {job.failures[0].key or job.failures[0].local_path}: "
                f"{job.failures[0].message}",
            )
        else:
            self._set_state(job, JobState.DONE)

    def _count_totals(self, job: Job, items: list[ItemRecord]) -> None:
        job.progress = type(job.progress)()
        job.failures.clear()
        for item in items:
            job.progress.add_total(item.size)
            if item.state == "refused":
                job.failures.append(
                    ItemFailure(item.local_path, item.bucket, item.key, item.error or "refused")
                )
                job.progress.finish_item(-1, "failed")
            elif item.state in _ITEM_DONE:
                job.progress.add_bytes(-1, item.size if item.state != "skipped" else 0)
                job.progress.finish_item(-1, "skipped" if item.state == "skipped" else "done")

    def _run_items(self, job: Job, items: list[ItemRecord]) -> None:
        """Run the items on the shared item pool, at most `connections` of them at once.

        Each pool task takes items one after another from the job's list, up to RUN_LENGTH,
        then gives its thread back (queued behind other jobs' tasks, so jobs share the pool).
        One task per item, with a future and a wake-up of this thread each, cost the
        small-file path a fifth of its CPU: the woken thread and the waker fought over the
        interpreter lock on every file.
        """
        pending = iter(items)
        take_lock = threading.Lock()

        def run_some() -> bool:
            """True when this task stopped early and the job may have items left."""
            for _ in range(RUN_LENGTH):
                if job.stop.is_set():
                    return False
                with take_lock:
                    item = next(pending, None)
                if item is None:
                    return False
                self._run_item(job, item)
            return True

        running = {
            self._item_pool.submit(run_some) for _ in range(min(self.connections, len(items)))
        }
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                if future.result() and not job.stop.is_set():
                    running.add(self._item_pool.submit(run_some))

    def _run_deletes(self, job: Job, items: list[ItemRecord]) -> None:
        batches = [items[i : i + DELETE_BATCH] for i in range(0, len(items), DELETE_BATCH)]
        futures = [self._item_pool.submit(self._delete_batch, job, b) for b in batches]
        for future in futures:
            future.result()
        if job.spec.get("delete_bucket") and not job.failures and not job.stop.is_set():
            delete_bucket_after(self._runtime, job)

    def _run_sync_deletions(self, job: Job, items: list[ItemRecord]) -> None:
        """A sync's planned deletions (`sync_deletions`), once all its transfers succeeded."""
        self._run_deletes(job, [i for i in items if is_remote(i)])
        folder = Path(job.spec["local"])
        for item in items:
            if is_remote(item) or job.stop.is_set():
                continue
            problem = delete_local_file(folder, item)
            self.journal.set_items_state(
                [item], "done", {item.id or -1: problem} if problem else {}
            )
            if problem:
                job.failures.append(ItemFailure(item.local_path, item.bucket, item.key, problem))
            job.progress.finish_item(-1, "failed" if problem else "done")

    def _delete_batch(self, job: Job, items: list[ItemRecord]) -> None:
        if job.stop.is_set():
            return
        try:
            refused = delete_batch(self._runtime, job, items)
        except JobStopped:
            return
        except Exception as exc:
            message = _message(exc, job, items[0])
            refused = {i.id or -1: message for i in items}
        self.journal.set_items_state(items, "done", refused)
        for item in items:
            if item.state == "failed":
                job.failures.append(
                    ItemFailure("", item.bucket, item.key, item.error or "not deleted")
                )
                job.progress.finish_item(-1, "failed")
            else:
                job.progress.finish_item(-1, "done")

    def _run_item(self, job: Job, item: ItemRecord) -> None:
        id_ = item.id or 0
        if job.stop.is_set():
            return
        try:
            if item.state == "queued" and not self._resolve_conflict(job, item):
                self.journal.update_item(item, state="skipped")
                job.skipped.append(item.local_path if job.kind is JobKind.DOWNLOAD else item.key)
                job.progress.add_total(-item.size, files=0)
                job.progress.finish_item(id_, "skipped")
                return
            if item.error is not None:
                self.journal.update_item(item, error=None)
            # No "running" write here: each transfer journals what it starts (an upload id, a
            # download plan); a single request that a crash interrupts is simply sent again.
            step = step_of(item)
            if step == RENAME_LOCAL:
                with self._runtime.claim(job, ("file", item.local_path)):
                    rename_local(Path(job.spec["local"]), item)
            elif step == COPY_REMOTE:
                with self._runtime.claim(job, ("key", item.bucket, item.key)):
                    copy_item(self._runtime, job, item, move=False)
            elif job.kind is JobKind.DOWNLOAD or is_sync_download(item):
                if job.spec["key"] == "" or job.spec["key"].endswith("/"):
                    if job.real_local is None:
                        job.real_local = os.path.realpath(job.spec["local"])
                    ensure_inside(Path(job.spec["local"]), Path(item.local_path), job.real_local)
                # Client-side encryption has its own item path (app.core.cse.engine_items).
                download = download_encrypted_item if uses_cse(job.options) else download_item
                with self._runtime.claim(job, ("file", item.local_path)):
                    download(self._runtime, job, item)
            else:
                with self._runtime.claim(job, ("key", item.bucket, item.key)):
                    if job.kind is JobKind.UPLOAD:
                        upload = upload_encrypted_item if uses_cse(job.options) else upload_item
                        upload(self._runtime, job, item)
                    elif job.kind is JobKind.REWRITE:
                        rewrite_item(self._runtime, job, item)
                    elif job.kind is JobKind.POINT_IN_TIME:
                        run_step(self._runtime, job, item)
                    else:
                        copy_item(self._runtime, job, item, move=job.kind is JobKind.MOVE)
            if item.state != "done":
                self.journal.mark_later(item, "done")
            job.progress.finish_item(id_, "done")
        except JobStopped:
            return
        except Exception as exc:
            message = _message(exc, job, item)
            log.warning("Transfer of %s failed: %s", item.key, message)
            self.journal.update_item(item, state="failed", error=message)
            job.failures.append(ItemFailure(item.local_path, item.bucket, item.key, message))
            job.progress.finish_item(id_, "failed")

    def _clean_up_cancelled(self, job: Job) -> None:
        for item in self.journal.items(job.id):
            if item.state in _ITEM_DONE:
                continue
            if job.kind is not JobKind.DOWNLOAD and item.upload_id and not job.keep_uploads:
                client = self.session.client_for_bucket(item.bucket)
                upload_id = item.upload_id
                try:
                    self._runtime.request(
                        job,
                        functools.partial(
                            client.abort_multipart_upload,
                            Bucket=item.bucket,
                            Key=item.key,
                            UploadId=upload_id,
                        ),
                        stoppable=False,
                    )
                except ClientError as exc:
                    if exc.response.get("Error", {}).get("Code") != "NoSuchUpload":
                        raise
                self.journal.update_item(item, upload_id=None, state="cancelled")
            if job.kind is JobKind.DOWNLOAD or is_sync_download(item):
                with contextlib.suppress(FileNotFoundError):
                    Path(partial_path(item.local_path)).unlink()
                self.journal.update_item(item, state="cancelled")
        self._set_state(job, JobState.CANCELLED)

    # -- planning ----------------------------------------------------------------------------------

    def _plan(self, job: Job) -> list[ItemRecord]:
        spec = job.spec
        if job.kind is JobKind.UPLOAD:
            items = list(upload_items(spec["local"], spec["bucket"], spec["key"], job.id))
        elif job.spec.get("source_version_id"):
            items = list(plan_restore(self.session, job))
        elif job.kind in (JobKind.COPY, JobKind.MOVE):
            if job.spec.get("duplicate") and not job.spec.get("key"):
                target = duplicate.duplicate_target(self.session, job)
                job.spec = {**job.spec, "key": target}
                self.journal.set_job_spec(job.id, job.spec)
            items = list(_plan_copy(self.session, job))
        elif job.kind is JobKind.DELETE:
            items = list(plan_delete(self.session, job))
        elif job.kind is JobKind.REWRITE:
            items = list(plan_rewrite(self.session, job))
        else:
            items = list(
                _plan_download(self.session, job, spec["bucket"], spec["key"], spec["local"])
            )
        self.journal.add_items(items)
        return items

    # -- conflicts ---------------------------------------------------------------------------------

    def _resolve_conflict(self, job: Job, item: ItemRecord) -> bool:
        """Apply the conflict policy to a fresh item. False means: skip it."""
        policy = job.sticky_decision or job.options.conflict
        if policy in (ConflictPolicy.OVERWRITE, ConflictPolicy.RESUME):
            return True
        existing = self._existing_size(job, item)
        if existing is None:
            return True
        if policy is ConflictPolicy.ASK:
            policy = self._ask(job, item, existing)
        if policy in (ConflictPolicy.OVERWRITE, ConflictPolicy.RESUME):
            return True
        if policy is ConflictPolicy.SKIP:
            return False
        if policy is ConflictPolicy.COMPARE:
            return not self._identical(job, item, existing)
        if policy is ConflictPolicy.RENAME:
            self._rename(job, item)
            return True
        raise ValueError(f"Unknown conflict policy {policy}")

    def _ask(self, job: Job, item: ItemRecord, existing: int) -> ConflictPolicy:
        if self._conflict_resolver is None:
            raise ValueError(f"{item.key} exists and no one was asked what to do")
        # One question per job at a time ("apply to all" answers the rest); only this job
        # waits for the answer: other jobs keep running and reporting.
        with job.asking:
            if job.sticky_decision is not None:
                return job.sticky_decision
            decision: Decision = self._conflict_resolver(
                Conflict(
                    job.id, job.kind, item.local_path, item.bucket, item.key, existing, item.size
                )
            )
            if decision.policy is ConflictPolicy.ASK:
                raise ValueError("A conflict decision must not be ASK")
            if decision.apply_to_all:
                job.sticky_decision = decision.policy
            return decision.policy

    def _existing_size(self, job: Job, item: ItemRecord) -> int | None:
        if job.kind is JobKind.DOWNLOAD:
            path = Path(item.local_path)
            return path.stat().st_size if path.exists() else None
        try:
            head = _head(self.session, job, item.bucket, item.key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        item.extra["existing_etag"] = digests.etag_hex(head.get("ETag"))
        return int(head["ContentLength"])

    def _identical(self, job: Job, item: ItemRecord, existing: int) -> bool:
        if existing != item.size:
            return False
        if job.kind in (JobKind.COPY, JobKind.MOVE):
            source = _head(self.session, job, item.extra["source_bucket"], item.extra["source_key"])
            return digests.etag_hex(source.get("ETag")) == item.extra.get("existing_etag")
        if job.kind is JobKind.DOWNLOAD:
            head = _head(self.session, job, item.bucket, item.key)
            etag = digests.etag_hex(head.get("ETag"))
            local = item.local_path
        else:
            etag = item.extra.get("existing_etag", "")
            local = item.local_path
        if digests.is_plain_md5_etag(etag):
            hasher = digests.hash_file_range(local, 0, item.size, [ChecksumAlgorithm.MD5])
            return hasher.hex(ChecksumAlgorithm.MD5) == etag
        return True  # same size, and no cheap way to compare a multipart ETag's bytes

    def _rename(self, job: Job, item: ItemRecord) -> None:
        if job.kind is JobKind.DOWNLOAD:
            for candidate in _numbered(item.local_path):
                if not Path(candidate).exists() and not Path(partial_path(candidate)).exists():
                    self.journal.update_item(item, local_path=candidate)
                    return
        else:
            for candidate in _numbered(item.key):
                try:
                    _head(self.session, job, item.bucket, candidate)
                except ClientError as exc:
                    if exc.response.get("Error", {}).get("Code") in (
                        "404",
                        "NoSuchKey",
                        "NotFound",
                    ):
                        self.journal.update_item(item, key=candidate)
                        return
                    raise


def endpoint_id(session: S3Session) -> str:
    """Which account on which server a journal row belongs to (no secrets)."""
    conn = session.connection
    return f"{conn.endpoint_url or 'aws'}|{conn.credentials.access_key_id}"


def _numbered(name: str) -> Iterator[str]:
    return numbered_names(name)


def _message(exc: BaseException, job: Job, item: ItemRecord | None = None) -> str:
    key = item.key if item else job.spec.get("key", "")
    bucket = item.bucket if item else job.spec.get("bucket", "")
    if isinstance(exc, ClientError | BotoCoreError | ExplainedError) or (
        isinstance(exc, OSError) and exc.filename is not None  # a vanished or locked file
    ):
        return str(describe(exc, f"the {job.kind.value} of {key}", bucket, key))
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# -- planning helpers ------------------------------------------------------------------------------


def _head(session: S3Session, job: Job, bucket: str, key: str) -> dict[str, Any]:
    def head(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = session.call(
            bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **extra)
        )
        return answer

    return read_and_head(job.options, bucket, key, head)[1]


def _plan_copy(session: S3Session, job: Job) -> Iterator[ItemRecord]:
    spec = job.spec
    source_bucket, source_key = spec["source_bucket"], spec["source_key"]
    bucket, key = spec["bucket"], spec["key"]

    def record(seq: int, source: str, target: str, size: int) -> ItemRecord:
        return ItemRecord(
            job.id,
            seq,
            f"s3://{source_bucket}/{source}",
            bucket,
            target,
            size,
            extra={"source_bucket": source_bucket, "source_key": source},
        )

    if source_key and not source_key.endswith("/"):
        if not key or key.endswith("/"):
            key = f"{key}{PurePosixPath(source_key).name}"
        if (source_bucket, source_key) == (bucket, key):
            raise ValueError(f"s3://{bucket}/{key} cannot be copied onto itself")
        head = _head(session, job, source_bucket, source_key)
        yield record(0, source_key, key, int(head["ContentLength"]))
        return
    prefix = key if not key or key.endswith("/") else f"{key}/"
    if source_bucket == bucket and prefix.startswith(source_key):
        raise ValueError(f"s3://{bucket}/{prefix} is inside the source; it would copy itself")
    seq = 0
    for page in session.list_prefix(source_bucket, source_key, delimiter=None):
        for entry in page.objects:
            relative = entry.key[len(source_key) :]
            if not relative and not (source_key and prefix):
                continue  # a bucket's root, or into one: no placeholder to carry
            yield record(seq, entry.key, prefix + relative, entry.size)
            seq += 1


def _plan_download(
    session: S3Session, job: Job, bucket: str, key: str, local: str
) -> Iterator[ItemRecord]:
    job_id = job.id
    target = Path(local)
    if key and not key.endswith("/"):
        path = target / PurePosixPath(key).name if target.is_dir() else target
        head = _head(session, job, bucket, key)
        yield ItemRecord(job_id, 0, str(path), bucket, key, int(head["ContentLength"]))
        return
    yield from listed_download_items(session, bucket, key, target, job_id)
