"""Is the transfer journal consistent? Read from outside, as a second process would.

A consistent journal: SQLite's own checks pass; every item and part belongs to a job and an
item; job and item states are ones the engine writes; a part lies inside its item; no job is
left `running` once no process runs it; every multipart upload the server holds for the
campaign's bucket is one an unfinished item knows (else it is orphaned: stored, billed, and
forgotten by Eider).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app.core.transfers.jobs import JobState

JOB_STATES = {s.value for s in JobState}
ITEM_STATES = {
    "queued",
    "running",
    "done",
    "failed",
    "skipped",
    "superseded",
    "refused",
    "cancelled",
    "copied",  # a moved object copied, its source not deleted yet
}


def _read(path: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def journal_problems(path: Path, idle: bool = True) -> list[str]:
    """What is wrong with the journal at `path` (none if it does not exist). `idle`: no
    process runs a job now, so none may be `running` (after a kill, one may)."""
    if not path.exists():
        return []
    problems = []
    integrity = _read(path, "PRAGMA integrity_check")
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity}")
    if _read(path, "PRAGMA foreign_key_check"):
        problems.append("an item or part whose job or item is gone")
    for job_id, state in _read(path, "SELECT id, state FROM jobs"):
        if state not in JOB_STATES:
            problems.append(f"job {job_id[:8]} in unknown state {state!r}")
        if idle and state == JobState.RUNNING.value:
            problems.append(f"job {job_id[:8]} left running with no process running it")
    for item_id, state in _read(path, "SELECT id, state FROM items"):
        if state not in ITEM_STATES:
            problems.append(f"item {item_id} in unknown state {state!r}")
    outside = _read(
        path,
        "SELECT parts.item_id, parts.number FROM parts JOIN items ON items.id = parts.item_id "
        "WHERE parts.offset < 0 OR parts.offset + parts.size > MAX(items.size, 1)",
    )
    problems += [f"part {n} of item {i} lies outside its item" for i, n in outside]
    return problems


def unfinished_jobs(path: Path) -> list[tuple[str, str]]:
    """(id, state) of every job the journal still holds."""
    return [] if not path.exists() else _read(path, "SELECT id, state FROM jobs")


def known_upload_ids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {
        row[0] for row in _read(path, "SELECT upload_id FROM items WHERE upload_id IS NOT NULL")
    }


def server_uploads(admin: Any, bucket: str) -> list[tuple[str, str]]:
    """(key, upload id) of every multipart upload open on the server in `bucket`."""
    found = admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    return [(u["Key"], u["UploadId"]) for u in found]


def orphaned_uploads(admin: Any, bucket: str, path: Path) -> list[str]:
    known = known_upload_ids(path)
    return [
        f"{key} ({upload_id})"
        for key, upload_id in server_uploads(admin, bucket)
        if upload_id not in known
    ]
