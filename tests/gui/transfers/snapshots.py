"""Job snapshots as the engine makes them, for tests of what only adapts them."""

from __future__ import annotations

from app.core.transfers.jobs import JobKind, JobPlace, JobSnapshot, JobState
from app.core.transfers.progress import ItemProgress, PartState, Sample


def snapshot(
    job_id: str,
    state: JobState = JobState.RUNNING,
    kind: JobKind = JobKind.UPLOAD,
    done: int = 0,
    total: int = 1000,
    items: int = 0,
    bookmark_id: str | None = "bm-1",
    error: str | None = None,
    interrupted: bool = False,
    rate: float = 0.0,
) -> JobSnapshot:
    live = tuple(
        ItemProgress(
            f"/tmp/{job_id}/f{n}",
            "bucket",
            f"dir/f{n}",
            n * 10,
            100,
            ((1, PartState.DONE), (2, PartState.SENDING)) if n % 2 else (),
        )
        for n in range(items)
    )
    sample = Sample(done, total, 0, 1, 0, 0, rate, (total - done) / rate if rate else None, live)
    where = JobPlace(bookmark_id, f"/tmp/{job_id}", "bucket", f"dir/{job_id}")
    return JobSnapshot(
        job_id, kind, state, f"Job {job_id}", sample, error, where=where, interrupted=interrupted
    )
