"""The application's one transfer service: every job of every window, over one journal.

Transfer service
----------------
The GUI has one `TransferService` (`SharedTransfers` in `app/ui/shared_transfers.py`, made in
`app/ui/application.py`, hands it to every window); the CLI keeps using a `TransferEngine`.
Both share the one journal under the state folder, and a job runs only in the process holding
its claim (`claims.py`), so a window and `eider jobs resume` never run the same job twice; a
crashed holder's claim dies with it and its jobs can be resumed anywhere.

- Engines: one per bookmark, made on demand by `engine_for(bookmark_id, session=None)` from
  the session a window passes (so nobody logs in twice) or else from the injected
  `session_for(bookmark_id)` factory, and closed after `idle_close_after` seconds without a
  queued or running job. (Per bookmark rather than per endpoint and key: two bookmarks on one
  account may still differ in region, addressing or TLS settings.) Submitting is done on the
  engine: `service.engine_for(bid, session).upload(...)`; every job it submits records
  `bookmark_id` in its spec (`JobSnapshot.where.bookmark_id`), never a secret. An unsaved
  connection uses `engine_for(None, session)`: its jobs record no bookmark.
- Jobs left in the journal by an earlier run (every endpoint) are listed from the start,
  `interrupted`, with their journaled progress; `resume(id)` makes their engine when needed.
  A job whose bookmark is gone says so in `error`; `forget` removes it and `retarget` points it
  at another bookmark. A job that another process runs says so too and is not started here.
- Control, the same as `TransferEngine`'s so a Transfers window can drive either:
  `subscribe(listener) -> unsubscribe`, `jobs()`, `job(id)`, `pause`, `resume`, `retry`,
  `cancel(id, keep_uploads=False)`, `forget`, `wait(id, timeout)`, `close()`; and
  `resume_interrupted()` for "resume by themselves" at start.
- Limits over all jobs (`limits.py`, `schedule.py`): `set_limits(TransferLimits(...))` sets
  the jobs transferring at once, connections per job, and upload and download bandwidth with
  an optional weekly schedule; `bandwidth_in_force()` says which rates hold now and
  `subscribe_limits(listener)` hears when they change. A ticker re-reads the schedule every
  `tick` seconds, so a change reaches running jobs within a second.
- Conflict questions go to the resolver given by `set_conflict_resolver`; each waits on its
  own job only.

Listeners are called on engine threads and must return quickly (as the engine's).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from app.core.s3.point_in_time import RestorePlan
from app.core.s3.session import S3Session
from app.core.transfers.claims import JobClaims, held_elsewhere_message
from app.core.transfers.engine import JobNotFound, TransferEngine, endpoint_id
from app.core.transfers.job_queue import JobQueue
from app.core.transfers.jobs import (
    UNFINISHED,
    Conflict,
    ConflictResolver,
    Decision,
    EventType,
    JobEvent,
    JobKind,
    JobPlace,
    JobSnapshot,
    JobState,
    Listener,
)
from app.core.transfers.journal import JobRecord, Journal
from app.core.transfers.journal_progress import journal_progress
from app.core.transfers.limits import Clock, LimitKeeper, LimitsListener, TransferLimits
from app.core.transfers.listeners import Listeners
from app.core.transfers.object_change import ObjectChange
from app.core.transfers.options import TransferOptions
from app.core.transfers.schedule import Rates

log = logging.getLogger(__name__)

SessionForBookmark = Callable[[str], S3Session]

BOOKMARK_GONE = (
    "The bookmark this job belongs to was removed; remove the job, or point it at another "
    "bookmark to continue it."
)
NO_BOOKMARK = (
    "This job was started without a bookmark (from the command line, or on a connection "
    "that was not saved); point it at a bookmark to continue it here, or use "
    "'eider jobs resume' with the connection's options."
)


class BookmarkGone(LookupError):
    """The bookmark a job belongs to no longer exists (or the job never had one)."""


@dataclass
class _Parked:
    """A job listed without an engine: left by an earlier run, or by an engine closed when
    idle. `record` is None once the job is finished (gone from the journal)."""

    snapshot: JobSnapshot
    record: JobRecord | None


class TransferService:
    def __init__(
        self,
        session_for: SessionForBookmark,
        journal: Journal | None = None,
        *,
        bookmark_exists: Callable[[str], bool] | None = None,
        limits: TransferLimits | None = None,
        clock: Clock = datetime.now,
        conflict_resolver: ConflictResolver | None = None,
        connections: int = 10,
        idle_close_after: float = 120.0,
        tick: float = 1.0,
        sample_interval: float = 0.25,
    ) -> None:
        """`session_for(bookmark_id)` makes a session for a bookmark (raising `BookmarkGone`,
        or any LookupError, when it is gone); `bookmark_exists` answers without a session."""
        self._session_for = session_for
        self._bookmark_exists = bookmark_exists
        self._owns_journal = journal is None
        self.journal = journal or Journal()
        self.claims = JobClaims.beside(self.journal.path)
        self._keeper = LimitKeeper(limits, clock)
        self._queue = JobQueue(self._keeper.limits.max_running_jobs)
        self._resolver = conflict_resolver
        self._connections = connections
        self._idle_close_after = idle_close_after
        self._sample_interval = sample_interval
        self._lock = threading.RLock()
        self._engines_lock = threading.Lock()  # one engine made at a time
        self._engines: dict[str, TransferEngine] = {}
        self._last_used: dict[str, float] = {}
        # Engines by bookmark id ("~endpoint" for a connection without a bookmark).
        self._owner: dict[str, str] = {}  # job id -> key of the engine holding it
        self._parked: dict[str, _Parked] = {}
        self._listeners: Listeners[JobEvent] = Listeners()
        self._closed = threading.Event()
        self._load_unfinished()
        self._ticker = threading.Thread(
            target=self._tick_loop, args=(tick,), name="eider-transfer-service", daemon=True
        )
        self._ticker.start()

    # -- engines -----------------------------------------------------------------------------------

    def engine_for(
        self, bookmark_id: str | None, session: S3Session | None = None
    ) -> TransferEngine:
        """The engine of a bookmark, made now if needed (from `session` when given, else from
        the factory). A connection without a bookmark (`bookmark_id` None) needs `session`;
        its jobs record no bookmark. Blocking: call it off the GUI thread."""
        if self._closed.is_set():
            raise RuntimeError("The transfer service is closed")
        if bookmark_id:
            key = bookmark_id
        elif session is not None:
            key = f"~{endpoint_id(session)}"
        else:
            raise ValueError("A connection without a bookmark needs its session")
        with self._engines_lock:
            engine = self._engines.get(key)
            if engine is None:
                if session is None:
                    session = self._session_for(key)
                engine = TransferEngine(
                    session,
                    self.journal,
                    connections=self._connections,
                    sample_interval=self._sample_interval,
                    conflict_resolver=self._resolve,
                    queue=self._queue,
                    claims=self.claims,
                    shared_bandwidth=self._keeper.bandwidth,
                    bookmark_id=bookmark_id,
                    connections_per_job=self._keeper.limits.connections_per_job,
                )
                engine.subscribe(functools.partial(self._forward, key))
                self._engines[key] = engine
            self._last_used[key] = time.monotonic()
            return engine

    def rewrite_objects(
        self,
        bookmark_id: str | None,
        bucket: str,
        keys_or_prefix: str | Sequence[str],
        change: ObjectChange,
        *,
        session: S3Session | None = None,
        options: TransferOptions | None = None,
    ) -> str:
        """Apply `change` to a key, a prefix ('' or ending in '/') or a selection, as one job
        (`TransferEngine.rewrite`); returns its id. Blocking: call it off the GUI thread."""
        engine = self.engine_for(bookmark_id, session)
        return engine.rewrite(bucket, keys_or_prefix, change, options)

    def restore_to(
        self,
        bookmark_id: str | None,
        plan: RestorePlan,
        *,
        session: S3Session | None = None,
        options: TransferOptions | None = None,
    ) -> str:
        """Run a previewed point-in-time restore plan as one job; returns its id."""
        return self.engine_for(bookmark_id, session).restore_to(plan, options)

    def open_engines(self) -> list[str]:
        """Keys of the engines open now: bookmark ids ("~endpoint" without a bookmark)."""
        with self._engines_lock:
            return list(self._engines)

    def set_conflict_resolver(self, resolver: ConflictResolver | None) -> None:
        self._resolver = resolver

    def _resolve(self, conflict: Conflict) -> Decision:
        resolver = self._resolver
        if resolver is None:
            raise ValueError(f"{conflict.key} exists and no one was asked what to do")
        return resolver(conflict)

    # -- listening ---------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every JobEvent of every engine from now on."""
        return self._listeners.subscribe(listener)

    def _emit(self, event: JobEvent) -> None:
        self._listeners.notify(event, "A transfer listener failed on %s", event.type)

    def _forward(self, engine_key: str, event: JobEvent) -> None:
        job_id = event.job.id
        with self._lock:
            if event.type is EventType.REMOVED:
                self._owner.pop(job_id, None)
            else:
                self._owner[job_id] = engine_key
            was_parked = self._parked.pop(job_id, None) is not None
        if event.type is EventType.ADDED and was_parked:
            event = JobEvent(EventType.CHANGED, event.job)  # listed already, now in an engine
        self._emit(event)

    # -- jobs --------------------------------------------------------------------------------------

    def jobs(self) -> list[JobSnapshot]:
        with self._lock:
            parked = [p.snapshot for p in self._parked.values()]
            engines = list(self._engines.values())
        snapshots = list(parked)
        for engine in engines:
            snapshots.extend(engine.jobs())
        return snapshots

    def job(self, job_id: str) -> JobSnapshot:
        engine = self._engine_of(job_id)
        if engine is not None:
            return engine.job(job_id)
        return self._parked_job(job_id).snapshot

    def pause(self, job_id: str) -> None:
        engine = self._engine_of(job_id)
        if engine is not None:
            engine.pause(job_id)
        else:
            self._parked_job(job_id)  # a parked job is not running: nothing to pause

    def resume(self, job_id: str) -> None:
        """Continue a paused, failed or interrupted job (making its engine if needed).

        Raises `BookmarkGone` when the job's bookmark no longer exists.
        """
        engine = self._engine_of(job_id) or self._unpark(job_id)
        if engine is not None:
            engine.resume(job_id)

    retry = resume

    def resume_interrupted(self) -> list[str]:
        """Resume every job an earlier run left queued or running (stopped by quitting or a
        crash, not paused by the user) whose bookmark exists; returns their ids. The others
        stay listed, saying why (`error`). Blocking: call it off the GUI thread."""
        with self._lock:
            waiting = [
                job_id
                for job_id, parked in self._parked.items()
                if parked.record is not None and parked.snapshot.state is JobState.QUEUED
            ]
        resumed = []
        for job_id in waiting:
            if self.claims.holder(job_id) is not None:
                continue
            try:
                self.resume(job_id)
            except (BookmarkGone, JobNotFound):
                continue
            resumed.append(job_id)
        return resumed

    def cancel(self, job_id: str, keep_uploads: bool = False) -> None:
        """Stop the job, abort its multipart uploads (unless kept), drop partial downloads.

        A job from an earlier run needs its bookmark for the clean-up (`BookmarkGone` when it
        is gone: `forget` it instead).
        """
        engine = self._engine_of(job_id) or self._unpark(job_id)
        if engine is not None:
            engine.cancel(job_id, keep_uploads=keep_uploads)

    def forget(self, job_id: str) -> None:
        """Remove a job that is not running from the list (and the journal)."""
        engine = self._engine_of(job_id)
        if engine is not None:
            engine.forget(job_id)
            return
        parked = self._parked_job(job_id)
        if parked.record is not None:
            if self.claims.holder(job_id) is not None:
                raise RuntimeError("Another Eider process is running this job; it stays")
            self.journal.delete_job(job_id)
            self.claims.forget(job_id)
        with self._lock:
            self._parked.pop(job_id, None)
        self._emit(JobEvent(EventType.REMOVED, parked.snapshot))

    def wait(self, job_id: str, timeout: float | None = None) -> JobSnapshot:
        engine = self._engine_of(job_id)
        if engine is not None:
            return engine.wait(job_id, timeout)
        return self._parked_job(job_id).snapshot

    def retarget(self, job_id: str, bookmark_id: str) -> None:
        """Point a job that is not in an engine (from an earlier run) at another bookmark;
        it keeps its progress. Raises `BookmarkGone` when that bookmark does not exist."""
        if self._engine_of(job_id) is not None:
            raise RuntimeError("Only a job left by an earlier run can change its bookmark")
        parked = self._parked_job(job_id)
        if parked.record is None:
            raise RuntimeError("A finished job has nothing left to continue")
        engine = self.engine_for(bookmark_id)
        spec = {**parked.record.spec, "bookmark_id": bookmark_id}
        endpoint = endpoint_id(engine.session)
        self.journal.set_job_place(job_id, endpoint, spec)
        record = replace(parked.record, spec=spec, endpoint=endpoint)
        snapshot = replace(parked.snapshot, where=JobPlace.from_spec(spec), error=record.error)
        with self._lock:
            self._parked[job_id] = _Parked(snapshot, record)
        self._emit(JobEvent(EventType.CHANGED, snapshot))

    def _engine_of(self, job_id: str) -> TransferEngine | None:
        with self._lock:
            key = self._owner.get(job_id)
            engine = self._engines.get(key) if key is not None else None
        if engine is not None and key is not None:
            self._last_used[key] = time.monotonic()
        return engine

    def _parked_job(self, job_id: str) -> _Parked:
        with self._lock:
            parked = self._parked.get(job_id)
        if parked is None:
            raise JobNotFound(job_id)
        return parked

    def _unpark(self, job_id: str) -> TransferEngine | None:
        """Load a parked job into its bookmark's engine; None for a finished one."""
        parked = self._parked_job(job_id)
        if parked.record is None:
            return None
        bookmark_id = parked.record.spec.get("bookmark_id")
        try:
            if not bookmark_id:
                raise BookmarkGone(NO_BOOKMARK)
            engine = self.engine_for(bookmark_id)
        except LookupError as exc:
            message = NO_BOOKMARK if not bookmark_id else BOOKMARK_GONE
            snapshot = replace(parked.snapshot, error=message)
            with self._lock:
                if job_id in self._parked:
                    self._parked[job_id] = _Parked(snapshot, parked.record)
            self._emit(JobEvent(EventType.CHANGED, snapshot))
            raise BookmarkGone(message) from exc
        record = self.journal.job(job_id)
        if record is None:  # finished or removed by another process (eider jobs) meanwhile
            with self._lock:
                self._parked.pop(job_id, None)
            self._emit(JobEvent(EventType.REMOVED, parked.snapshot))
            raise JobNotFound(job_id)
        endpoint = endpoint_id(engine.session)
        if record.endpoint != endpoint:  # the bookmark was edited since
            self.journal.set_job_place(job_id, endpoint, record.spec)
            record = replace(record, endpoint=endpoint)
        engine.load_job(record)
        return engine

    def _load_unfinished(self) -> None:
        for record in self.journal.jobs([s.value for s in UNFINISHED]):
            try:
                kind = JobKind(record.kind)
            except ValueError:
                log.warning("Job %s is of a kind unknown here: %s", record.id, record.kind)
                continue
            self._parked[record.id] = _Parked(self._parked_snapshot(record, kind), record)

    def _parked_snapshot(self, record: JobRecord, kind: JobKind) -> JobSnapshot:
        state = JobState(record.state)
        if state is JobState.RUNNING:
            state = JobState.QUEUED
        error = record.error
        bookmark_id = record.spec.get("bookmark_id")
        holder = self.claims.holder(record.id)
        if holder is not None:
            error = held_elsewhere_message(holder)
        elif not bookmark_id:
            error = NO_BOOKMARK
        elif self._bookmark_exists is not None and not self._bookmark_exists(bookmark_id):
            error = BOOKMARK_GONE
        return JobSnapshot(
            record.id,
            kind,
            state,
            record.spec.get("title", record.kind),
            journal_progress(self.journal, record),
            error,
            where=JobPlace.from_spec(record.spec),
            interrupted=True,
        )

    # -- limits ------------------------------------------------------------------------------------

    @property
    def limits(self) -> TransferLimits:
        return self._keeper.limits

    def set_limits(self, limits: TransferLimits) -> None:
        """Apply new limits to every engine and running job (within a second)."""
        self._keeper.set_limits(limits)
        self._queue.set_max_running(limits.max_running_jobs)
        with self._engines_lock:
            engines = list(self._engines.values())
        for engine in engines:
            engine.set_connections_per_job(limits.connections_per_job)

    def bandwidth_in_force(self) -> Rates:
        """Upload and download limits in bytes per second holding now; None: unlimited."""
        return self._keeper.in_force()

    def subscribe_limits(self, listener: LimitsListener) -> Callable[[], None]:
        """Call `listener((upload, download))` when the rates in force change (a schedule
        boundary or a new setting); returns the unsubscribe function."""
        return self._keeper.subscribe(listener)

    def refresh_limits(self) -> Rates:
        """Apply the rates of this moment now (the ticker does it every `tick` seconds)."""
        return self._keeper.refresh()

    # -- housekeeping ------------------------------------------------------------------------------

    def _tick_loop(self, tick: float) -> None:
        while not self._closed.wait(tick):
            try:
                self._keeper.refresh()
                self._close_idle_engines()
            except Exception:
                log.exception("The transfer service's housekeeping failed")

    def _close_idle_engines(self) -> None:
        now = time.monotonic()
        idle: list[TransferEngine] = []
        with self._engines_lock:
            for key, engine in list(self._engines.items()):
                if now - self._last_used.get(key, now) < self._idle_close_after:
                    continue
                if not engine.is_idle():
                    continue
                with self._lock:
                    for snapshot in engine.jobs():
                        record = self.journal.job(snapshot.id)
                        self._parked[snapshot.id] = _Parked(snapshot, record)
                        self._owner.pop(snapshot.id, None)
                    del self._engines[key]
                idle.append(engine)
        for engine in idle:
            engine.close()

    def close(self) -> None:
        """Stop every engine: running jobs pause and are resumable (the next start lists them
        as interrupted). Blocks until the jobs have stopped."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._ticker.join()
        with self._engines_lock:
            engines = list(self._engines.values())
            self._engines.clear()
        for engine in engines:
            engine.close()
        self.claims.release_all()
        if self._owns_journal:
            self.journal.close()
