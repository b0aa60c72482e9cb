"""Running a point-in-time restore plan (`app.core.s3.point_in_time`) as an engine job.

The plan's steps are the job's items, journaled when it is submitted: the job runs exactly
what the preview showed, and a resumed one runs what is left. Each step first looks whether it
is done already (its "done" lost to a kill), so none is applied twice:
- restoring a version: the key's latest is no longer the one planned and carries the
  restored version's ETag: done. Else the version is copied on top (`copy.copy_item`).
- adding a delete marker: the key reads as absent: done.
- removing a delete marker: a marker already gone is done.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.point_in_time import RestoreStep, StepKind
from app.core.transfers import digests
from app.core.transfers.copy import copy_item
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.worker_context import WorkerContext, sse_args

_ABSENT = ("404", "NoSuchKey", "NotFound")
_NO_VERSION = ("NoSuchVersion", "404", "NoSuchKey", "NotFound")


def step_records(bucket: str, steps: Iterable[RestoreStep]) -> Iterable[ItemRecord]:
    for step in steps:
        extra: dict[str, Any] = {"step": step.kind.value}
        if step.kind is StepKind.RESTORE_VERSION:
            extra.update(
                source_bucket=bucket,
                source_key=step.key,
                source_version_id=step.version_id,
                etag=step.etag,
                latest_version_id=step.latest_version_id,
            )
        elif step.kind is StepKind.REMOVE_DELETE_MARKER:
            extra["version_id"] = step.version_id
        where = f"s3://{bucket}/{step.key}"
        if step.version_id:
            where += f"?versionId={step.version_id}"
        yield ItemRecord("", 0, where, bucket, step.key, step.size, extra=extra)


def run_step(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    kind = StepKind(item.extra["step"])
    client = rt.session.client_for_bucket(item.bucket)
    bucket, key = item.bucket, item.key
    if kind is StepKind.REMOVE_DELETE_MARKER:
        marker = item.extra["version_id"]
        try:
            rt.request(job, lambda: client.delete_object(Bucket=bucket, Key=key, VersionId=marker))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in _NO_VERSION:
                raise
    else:
        head = _head(rt, job, client, bucket, key)
        if kind is StepKind.ADD_DELETE_MARKER:
            if head is not None:
                rt.request(job, lambda: client.delete_object(Bucket=bucket, Key=key))
        elif not _restored_already(item, head):
            copy_item(rt, job, item, move=False)
        else:
            job.progress.add_bytes(item.id or 0, item.size)
    rt.journal.update_item(item, state="done")  # at once: no step is applied twice


def _head(rt: WorkerContext, job: Job, client: Any, bucket: str, key: str) -> Any:
    """The key's HeadObject, or None when it reads as absent (no object, or a delete marker)."""
    read = sse_args(job.options, for_read=True)
    try:
        return rt.request(job, lambda: client.head_object(Bucket=bucket, Key=key, **read))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _ABSENT:
            return None
        raise


def _restored_already(item: ItemRecord, head: Any) -> bool:
    if head is None:
        return False
    current = head.get("VersionId")
    if current in (None, item.extra.get("latest_version_id"), item.extra["source_version_id"]):
        return bool(current == item.extra["source_version_id"])
    return digests.etag_hex(head.get("ETag")) == digests.etag_hex(item.extra.get("etag"))
