"""Carry out a sync plan: transfers through the engine's jobs, then the planned deletions.

Uploads and downloads run as one engine job each (`TransferEngine.submit_items`), so they are
journaled, resumable, verified and observable like every other transfer. Deletions run only
after every transfer succeeded: remote ones as an engine delete job (journaled, in batches),
local ones only inside the folder and only if the file is still the one planned (same size
and modification time).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.core.transfers.journal import ItemRecord
from app.core.transfers.local_names import ensure_inside
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.core.transfers.sync_plan import (
    ActionKind,
    CompareMode,
    Direction,
    SyncAction,
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
    "SyncError",
    "SyncOptions",
    "SyncPlan",
    "SyncProblem",
    "SyncResult",
    "plan_sync",
    "run_sync",
    "sync",
]

log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    plan: SyncPlan
    jobs: list[JobSnapshot] = field(default_factory=list)  # the transfer job, if any
    remote_deleted: int = 0
    local_deleted: list[str] = field(default_factory=list)
    failures: list[SyncProblem] = field(default_factory=list)
    deletions_skipped: bool = False  # a transfer failed, so nothing was deleted

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
    """Perform exactly the plan's actions and wait for them. `on_job(job_id)` is called as soon
    as the transfer job exists (to follow its progress or pause it)."""
    result = SyncResult(plan)
    # The plan has decided what differs: the engine must not ask again or skip.
    transfer_options = replace(
        transfer_options or TransferOptions(), conflict=ConflictPolicy.OVERWRITE
    )
    if plan.transfers:
        started_ns = time.time_ns()
        job_id = _submit(engine, plan, transfer_options)
        if on_job is not None:
            on_job(job_id)
        snapshot = engine.wait(job_id, timeout)
        result.jobs.append(snapshot)
        if plan.direction is Direction.DOWNLOAD:
            _date_downloads(plan, started_ns)
        for failure in snapshot.failures:
            result.failures.append(SyncProblem(failure.key or failure.local_path, failure.message))
        if snapshot.state is not JobState.DONE:
            if snapshot.error and not snapshot.failures:
                result.failures.append(SyncProblem(plan.folder.as_posix(), snapshot.error))
            if plan.deletions:
                result.deletions_skipped = True
            return result
    remote = [a for a in plan.deletions if a.kind is ActionKind.DELETE_REMOTE]
    local = [a for a in plan.deletions if a.kind is ActionKind.DELETE_LOCAL]
    if remote:
        snapshot = _delete_remote(engine, plan, remote)
        result.remote_deleted = snapshot.progress.files_done
        for failure in snapshot.failures:
            result.failures.append(SyncProblem(failure.key, f"not deleted: {failure.message}"))
        if snapshot.state is not JobState.DONE and not snapshot.failures:
            where = f"s3://{plan.bucket}/{plan.prefix}"
            result.failures.append(SyncProblem(where, snapshot.error or "not deleted"))
    for action in local:
        problem = _delete_local(plan, action)
        if problem is None:
            result.local_deleted.append(action.local_path)
        else:
            result.failures.append(problem)
    return result


def _submit(engine: TransferEngine, plan: SyncPlan, transfer_options: TransferOptions) -> str:
    upload = plan.direction is Direction.UPLOAD
    items = (
        ItemRecord("", 0, a.local_path, plan.bucket, a.key, a.size, a.mtime_ns)
        for a in plan.transfers
    )
    remote = f"s3://{plan.bucket}/{plan.prefix}"
    count = len(plan.transfers)
    title = (
        f"Sync {plan.folder} to {remote} ({count} files)"
        if upload
        else f"Sync {remote} to {plan.folder} ({count} files)"
    )
    if not upload:
        plan.folder.mkdir(parents=True, exist_ok=True)
    return engine.submit_items(
        JobKind.UPLOAD if upload else JobKind.DOWNLOAD,
        plan.folder,
        plan.bucket,
        plan.prefix,
        items,
        transfer_options,
        title,
    )


def _date_downloads(plan: SyncPlan, started_ns: int) -> None:
    """Give each downloaded file whose object stored no mtime its LastModified, as the AWS CLI
    does: otherwise the download time makes it look newer than the object, and a sync back
    would upload it again. (The engine already restored the stored mtime where there is one;
    a file dated before the job started is one of those.)"""
    for action in plan.transfers:
        try:
            st = os.stat(action.local_path)  # noqa: PTH116
            if st.st_mtime_ns >= started_ns and st.st_size == action.size:
                os.utime(action.local_path, ns=(st.st_atime_ns, action.mtime_ns))
        except OSError:
            continue  # not downloaded (its failure is reported) or gone since


def _delete_remote(
    engine: TransferEngine, plan: SyncPlan, actions: list[SyncAction]
) -> JobSnapshot:
    title = f"Sync: delete {len(actions):,} objects from s3://{plan.bucket}/{plan.prefix}"
    targets = [(a.key, None) for a in actions]
    job_id = engine.delete_chosen(plan.bucket, targets, title=title, prefix=plan.prefix)
    return engine.wait(job_id)


def _delete_local(plan: SyncPlan, action: SyncAction) -> SyncProblem | None:
    path = Path(action.local_path)
    try:
        ensure_inside(plan.folder, path)
        st = path.lstat()
    except FileNotFoundError:
        return None  # already gone: the mirror has what was asked
    except (ValueError, OSError) as exc:
        return SyncProblem(action.local_path, f"not deleted: {exc}")
    if (st.st_size, st.st_mtime_ns) != (action.size, action.mtime_ns):
        return SyncProblem(
            action.local_path, "not deleted: the file changed after the sync was planned."
        )
    try:
        os.unlink(path)  # noqa: PTH108
    except OSError as exc:
        return SyncProblem(action.local_path, f"not deleted: {exc}")
    log.info("Sync deleted %s", path)
    return None


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
