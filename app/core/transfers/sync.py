"""Carry out a sync plan: transfers through the engine's jobs, then the planned deletions.

A plan runs as one engine job (`TransferEngine.submit_items`): its uploads or downloads and
its deletions are journaled items of that job, so it is resumable, verified and observable
like every other transfer. Deletions run only after every transfer succeeded
(`sync_deletions`): remote ones in DeleteObjects batches, local ones only inside the folder
and only if the file is still the one planned (same size and modification time).
A two-way plan (`sync_mirror`) is an upload job whose items also download (`sync_steps`), its
conflicts' set-aside steps running before every transfer; after a run without failure its
record of the synchronised state is written again.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.core.cse.key_store import uses_cse
from app.core.s3.session import S3Session
from app.core.transfers import sync_steps
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.core.transfers.journal import ItemRecord
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.core.transfers.sync_deletions import LOCAL, REMOTE, deletion_record
from app.core.transfers.sync_mirror import record_after_run
from app.core.transfers.sync_plan import (
    ActionKind,
    CompareMode,
    Direction,
    SyncAction,
    SyncConflict,
    SyncError,
    SyncOptions,
    SyncPlan,
    SyncProblem,
    plan_sync,
)

__all__ = [
    "ActionKind",
    "CompareMode",
    "Direction",
    "SyncAction",
    "SyncConflict",
    "SyncError",
    "SyncOptions",
    "SyncPlan",
    "SyncProblem",
    "SyncResult",
    "plan_sync",
    "record_in_step",
    "run_sync",
    "sync",
]


@dataclass
class SyncResult:
    """What a run did; `jobs[0].progress` counts its deletions among the files done."""

    plan: SyncPlan
    jobs: list[JobSnapshot] = field(default_factory=list)  # the transfer job, if any
    remote_deleted: int = 0
    local_deleted: list[str] = field(default_factory=list)
    failures: list[SyncProblem] = field(default_factory=list)
    deletions_skipped: bool = False  # a transfer failed, so nothing was deleted
    conflicts_kept: int = 0  # two-way: conflicts whose older version was set aside

    @property
    def transferred(self) -> int:
        done = sum(j.progress.files_done for j in self.jobs)
        return done - self.remote_deleted - len(self.local_deleted) - self.conflicts_kept

    @property
    def ok(self) -> bool:
        return not self.failures and all(j.state is JobState.DONE for j in self.jobs)


def run_sync(
    engine: TransferEngine,
    plan: SyncPlan,
    transfer_options: TransferOptions | None = None,
    on_job: Callable[[str], None] | None = None,
    timeout: float | None = None,
) -> SyncResult:
    """Perform exactly the plan's actions, as one job, and wait for it. `on_job(job_id)` is
    called as soon as the job exists (to follow its progress or pause it)."""
    result = SyncResult(plan)
    if plan.empty:
        record_in_step(engine.session, plan, transfer_options)
        return result
    # The plan has decided what differs: the engine must not ask again or skip.
    transfer_options = replace(
        transfer_options or TransferOptions(), conflict=ConflictPolicy.OVERWRITE
    )
    started_ns = time.time_ns()
    job_id = _submit(engine, plan, transfer_options)
    if on_job is not None:
        on_job(job_id)
    snapshot = engine.wait(job_id, timeout)
    result.jobs.append(snapshot)
    if plan.direction is not Direction.UPLOAD:
        _date_downloads(plan, started_ns)
    for failure in snapshot.failures:
        result.failures.append(SyncProblem(failure.key or failure.local_path, failure.message))
    if snapshot.state is not JobState.DONE and snapshot.error and not snapshot.failures:
        result.failures.append(SyncProblem(plan.folder.as_posix(), snapshot.error))
    if snapshot.state not in (JobState.DONE, JobState.FAILED):
        # paused, cancelled, or its engine closed: no deletion ran (they follow the transfers)
        result.deletions_skipped = bool(plan.deletions)
        return result
    # The journal forgets a finished job's items: what the deletions did is told by the
    # failures (the engine runs them only when no transfer failed).
    failed = {(f.local_path, f.key) for f in snapshot.failures}
    deletions = {
        ("", a.key) if a.kind is ActionKind.DELETE_REMOTE else (a.local_path, a.key)
        for a in plan.deletions
    }
    if failed - deletions:  # a transfer (or a conflict's set-aside step) failed
        result.deletions_skipped = bool(plan.deletions)
        return result
    for action in plan.deletions:
        if action.kind is ActionKind.DELETE_REMOTE:
            result.remote_deleted += ("", action.key) not in failed
        elif (action.local_path, action.key) not in failed:
            result.local_deleted.append(action.local_path)
    result.conflicts_kept = len(plan.conflicts)
    if plan.direction is Direction.MIRROR and result.ok:
        record_after_run(engine.session, plan, uses_cse(transfer_options))
    return result


def record_in_step(
    session: S3Session, plan: SyncPlan, transfer_options: TransferOptions | None = None
) -> None:
    """A two-way plan with nothing to do: both sides are equal, and its record says so from
    now on (else a file deleted after this would look new to the next run, and come back)."""
    if plan.direction is Direction.MIRROR and plan.empty:
        record_after_run(session, plan, uses_cse(transfer_options or TransferOptions()))


def _submit(engine: TransferEngine, plan: SyncPlan, transfer_options: TransferOptions) -> str:
    if plan.direction is Direction.MIRROR:
        return _submit_two_way(engine, plan, transfer_options)
    upload = plan.direction is Direction.UPLOAD
    transfers = (
        ItemRecord("", 0, a.local_path, plan.bucket, a.key, a.size, a.mtime_ns)
        for a in plan.transfers
    )
    deletions = _deletion_records(plan)
    remote = f"s3://{plan.bucket}/{plan.prefix}"
    count = len(plan.transfers)
    deleting = f", {len(plan.deletions)} to delete" if plan.deletions else ""
    title = (
        f"Sync {plan.folder} to {remote} ({count} files{deleting})"
        if upload
        else f"Sync {remote} to {plan.folder} ({count} files{deleting})"
    )
    if not upload:
        plan.folder.mkdir(parents=True, exist_ok=True)
    return engine.submit_items(
        JobKind.UPLOAD if upload else JobKind.DOWNLOAD,
        plan.folder,
        plan.bucket,
        plan.prefix,
        itertools.chain(transfers, deletions),
        transfer_options,
        title,
    )


def _deletion_records(plan: SyncPlan) -> Iterator[ItemRecord]:
    for a in plan.deletions:
        where = REMOTE if a.kind is ActionKind.DELETE_REMOTE else LOCAL
        yield deletion_record(where, a.local_path, plan.bucket, a.key, a.size, a.mtime_ns)


def _step_record(plan: SyncPlan, action: SyncAction) -> ItemRecord:
    if action.kind is ActionKind.UPLOAD:
        return ItemRecord(
            "", 0, action.local_path, plan.bucket, action.key, action.size, action.mtime_ns
        )
    if action.kind is ActionKind.DOWNLOAD:
        return sync_steps.download_record(action.local_path, plan.bucket, action.key, action.size)
    if action.kind is ActionKind.RENAME_LOCAL:
        return sync_steps.rename_record(
            action.local_path,
            action.target,
            plan.bucket,
            action.key,
            action.size,
            action.mtime_ns,
        )
    if action.kind is ActionKind.COPY_REMOTE:
        return sync_steps.copy_record(
            plan.bucket, action.key, action.target, action.size, action.etag
        )
    raise ValueError(f"{action.kind} is not a transfer step")


def _submit_two_way(
    engine: TransferEngine, plan: SyncPlan, transfer_options: TransferOptions
) -> str:
    """One upload job whose items also download and set conflicts' older versions aside."""
    steps = [s for c in plan.conflicts for s in c.steps]
    records = itertools.chain(
        (_step_record(plan, a) for a in itertools.chain(plan.transfers, steps)),
        _deletion_records(plan),
    )
    parts = [f"{len(plan.transfers)} files"]
    if plan.conflicts:
        parts.append(f"{len(plan.conflicts)} conflicts kept both")
    if plan.deletions:
        parts.append(f"{len(plan.deletions)} to delete")
    title = f"Sync {plan.folder} ⇄ s3://{plan.bucket}/{plan.prefix} ({', '.join(parts)})"
    return engine.submit_items(
        JobKind.UPLOAD, plan.folder, plan.bucket, plan.prefix, records, transfer_options, title
    )


def _downloads(plan: SyncPlan) -> Iterator[SyncAction]:
    for action in itertools.chain(plan.transfers, (s for c in plan.conflicts for s in c.steps)):
        if action.kind is ActionKind.DOWNLOAD:
            yield action


def _date_downloads(plan: SyncPlan, started_ns: int) -> None:
    """Give each downloaded file whose object stored no mtime its LastModified, as the AWS CLI
    does: otherwise the download time makes it look newer than the object, and a sync back
    would upload it again. (The engine already restored the stored mtime where there is one;
    a file dated before the job started is one of those.)"""
    for action in _downloads(plan):
        try:
            st = os.stat(action.local_path)  # noqa: PTH116
            if st.st_mtime_ns >= started_ns and st.st_size == action.size:
                os.utime(action.local_path, ns=(st.st_atime_ns, action.mtime_ns))
        except OSError:
            continue  # not downloaded (its failure is reported) or gone since


def sync(
    engine: TransferEngine,
    direction: Direction,
    folder: str | Path,
    bucket: str,
    prefix: str,
    options: SyncOptions | None = None,
    transfer_options: TransferOptions | None = None,
) -> SyncResult:
    """Plan, then carry out the plan (what `eider sync` without --dryrun does)."""
    plan = plan_sync(engine.session, direction, folder, bucket, prefix, options, transfer_options)
    return run_sync(engine, plan, transfer_options)
