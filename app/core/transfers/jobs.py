"""Jobs as the engine's subscribers see them: kinds, states, snapshots and events."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.core.transfers.bandwidth import BandwidthLimiter
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.core.transfers.progress import Progress, Sample
from app.core.transfers.slots import ResizableSlots


class JobKind(StrEnum):
    UPLOAD = "upload"
    DOWNLOAD = "download"
    COPY = "copy"  # server-side, within one connection
    MOVE = "move"  # a copy, then the source deleted
    DELETE = "delete"
    REWRITE = "rewrite"  # objects copied in place with changed metadata, class, encryption...
    POINT_IN_TIME = "point-in-time"  # a folder or bucket brought back to an earlier moment


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"  # progress kept: `retry` continues where it stopped
    CANCELLED = "cancelled"


UNFINISHED = (JobState.QUEUED, JobState.RUNNING, JobState.PAUSED, JobState.FAILED)


class EventType(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    FINISHED = "finished"  # done, failed or cancelled; the snapshot says which
    REMOVED = "removed"


@dataclass(frozen=True)
class ItemFailure:
    local_path: str
    bucket: str
    key: str
    message: str


@dataclass(frozen=True)
class JobSnapshot:
    id: str
    kind: JobKind
    state: JobState
    title: str
    progress: Sample
    error: str | None = None
    failures: tuple[ItemFailure, ...] = ()
    skipped: tuple[str, ...] = ()  # keys or paths left alone by a conflict decision
    where: JobPlace | None = None
    interrupted: bool = False  # loaded from an earlier run and not started again since
    notes: tuple[str, ...] = ()  # how items were checked when it is worth saying (MD5)


@dataclass(frozen=True)
class JobPlace:
    """Where a job reads and writes: what a Transfers list shows as source and target.

    `bookmark_id` names the bookmark the job belongs to (None for a job started without one,
    e.g. from the command line with explicit keys); never a secret.
    """

    bookmark_id: str | None
    local: str
    bucket: str
    key: str
    source_bucket: str = ""
    source_key: str = ""

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> JobPlace:
        return cls(
            bookmark_id=spec.get("bookmark_id"),
            local=str(spec.get("local", "")),
            bucket=str(spec.get("bucket", "")),
            key=str(spec.get("key", "")),
            source_bucket=str(spec.get("source_bucket", "")),
            source_key=str(spec.get("source_key", "")),
        )


@dataclass(frozen=True)
class JobEvent:
    type: EventType
    job: JobSnapshot


Listener = Callable[[JobEvent], None]


@dataclass(frozen=True)
class Conflict:
    """The target of one item exists already; the resolver decides what happens."""

    job_id: str
    kind: JobKind
    local_path: str
    bucket: str
    key: str
    existing_size: int
    new_size: int


@dataclass(frozen=True)
class Decision:
    policy: ConflictPolicy  # never ASK
    apply_to_all: bool = False


ConflictResolver = Callable[[Conflict], Decision]


@dataclass
class Job:
    """The engine's live record of one job. Subscribers get `JobSnapshot`s, never this."""

    id: str
    kind: JobKind
    spec: dict[str, Any]
    options: TransferOptions
    title: str
    state: JobState = JobState.QUEUED
    error: str | None = None
    progress: Progress = field(default_factory=Progress)
    failures: list[ItemFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    cancel_requested: bool = False
    keep_uploads: bool = False
    pause_requested: bool = False
    sticky_decision: ConflictPolicy | None = None
    integrity_retries: int = 0  # whole-file retries after a checksum mismatch
    limiter: BandwidthLimiter | None = None  # this job's rate, chained to the engine's
    slots: ResizableSlots | None = None  # this job's share of the engine's connections
    asking: threading.Lock = field(default_factory=threading.Lock)  # one question at a time
    thread: threading.Thread | None = None
    finished: threading.Event = field(default_factory=threading.Event)
    real_local: str | None = None  # the download folder with its symlinks resolved, once
    interrupted: bool = False  # loaded from the journal of an earlier run, not started since
    notes: list[str] = field(default_factory=list)  # appended by workers, read by snapshots

    def snapshot(self, force_sample: bool = True) -> JobSnapshot:
        sample = self.progress.sample(force=force_sample)
        assert sample is not None
        return self.snapshot_of(sample)

    def snapshot_of(self, sample: Sample) -> JobSnapshot:
        """The job as it stands, with progress `sample` (taken by the caller)."""
        return JobSnapshot(
            self.id,
            self.kind,
            self.state,
            self.title,
            sample,
            self.error,
            tuple(self.failures),
            tuple(self.skipped),
            JobPlace.from_spec(self.spec),
            self.interrupted,
            tuple(self.notes),
        )
