"""The browser windows' own transfer engines, seen as one job source.

Until the application-wide transfer service takes over, each browser window runs its jobs on
its own `TransferEngine`. Each window's `TransfersController` attaches its engine here with
the bookmark the window shows; the Transfers window then sees every window's jobs through
the `JobSource` surface, and each call is routed to the engine that owns the job. A job whose
engine did not record a bookmark gets the window's. When a window closes, its engine's jobs
leave the list (they stay in the journal).

Qt-free, and as blocking as the engines it routes to.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import replace

from app.core.transfers.engine import JobNotFound, TransferEngine
from app.core.transfers.jobs import (
    EventType,
    JobEvent,
    JobPlace,
    JobSnapshot,
    JobState,
    Listener,
)
from app.ui.transfers.source import Limits

BookmarkOf = Callable[[], str | None]


class WindowEngines:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._engines: dict[int, tuple[TransferEngine, BookmarkOf]] = {}
        self._owner: dict[str, int] = {}  # job id -> engine key
        self._rate: float | None = None

    # -- attaching engines -------------------------------------------------------------------

    def attach(self, engine: TransferEngine, bookmark_of: BookmarkOf) -> Callable[[], None]:
        """Show `engine`'s jobs from now on; returns the function that takes them away."""
        key = id(engine)
        with self._lock:
            self._engines[key] = (engine, bookmark_of)
            rate = self._rate
        if rate is not None:
            engine.set_rate_limit(rate)

        def forward(event: JobEvent) -> None:
            with self._lock:
                if key not in self._engines:
                    return
                self._owner[event.job.id] = key
            self._emit(JobEvent(event.type, self._stamped(event.job, bookmark_of)))

        unsubscribe = engine.subscribe(forward)
        for job in engine.jobs():  # jobs it had before it was attached
            forward(JobEvent(EventType.ADDED, job))

        def detach() -> None:
            unsubscribe()
            with self._lock:
                self._engines.pop(key, None)
                gone = [job_id for job_id, owner in self._owner.items() if owner == key]
                for job_id in gone:
                    del self._owner[job_id]
            for job_id in gone:
                with contextlib.suppress(JobNotFound):
                    self._emit(JobEvent(EventType.REMOVED, engine.job(job_id)))

        return detach

    @staticmethod
    def _stamped(job: JobSnapshot, bookmark_of: BookmarkOf) -> JobSnapshot:
        where = job.where
        if where is not None and where.bookmark_id is None:
            bookmark_id = bookmark_of()
            if bookmark_id is not None:
                return replace(job, where=replace(where, bookmark_id=bookmark_id))
        if where is None:
            return replace(job, where=JobPlace(bookmark_of(), "", "", ""))
        return job

    def _emit(self, event: JobEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)

    def _engine(self, job_id: str) -> tuple[TransferEngine, BookmarkOf]:
        with self._lock:
            key = self._owner.get(job_id)
            found = self._engines.get(key) if key is not None else None
        if found is None:
            raise JobNotFound(job_id)
        return found

    # -- the JobSource surface ---------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def jobs(self) -> list[JobSnapshot]:
        with self._lock:
            engines = list(self._engines.values())
        return [self._stamped(job, of) for engine, of in engines for job in engine.jobs()]

    def job(self, job_id: str) -> JobSnapshot:
        engine, bookmark_of = self._engine(job_id)
        return self._stamped(engine.job(job_id), bookmark_of)

    def running(self) -> list[JobSnapshot]:
        busy = (JobState.RUNNING, JobState.QUEUED)
        return [job for job in self.jobs() if job.state in busy and not job.interrupted]

    def pause(self, job_id: str) -> None:
        self._engine(job_id)[0].pause(job_id)

    def resume(self, job_id: str) -> None:
        self._engine(job_id)[0].resume(job_id)

    def retry(self, job_id: str) -> None:
        self._engine(job_id)[0].retry(job_id)

    def cancel(self, job_id: str, keep_uploads: bool = False) -> None:
        self._engine(job_id)[0].cancel(job_id, keep_uploads=keep_uploads)

    def forget(self, job_id: str) -> None:
        self._engine(job_id)[0].forget(job_id)
        with self._lock:
            self._owner.pop(job_id, None)

    # -- limits ------------------------------------------------------------------------------

    def set_rate_limit(self, rate: float | None) -> None:
        """One limit for every engine, in bytes per second (None lifts it)."""
        with self._lock:
            self._rate = rate
            engines = [engine for engine, _of in self._engines.values()]
        for engine in engines:
            engine.set_rate_limit(rate)

    def bandwidth_in_force(self) -> Limits:
        # an engine has one limiter for both directions
        with self._lock:
            return (self._rate, self._rate)
