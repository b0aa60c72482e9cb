"""Deleting objects in batches of up to 1,000 keys: a key or prefix, a selection of them, chosen
versions and delete markers, or a whole bucket (then, on request, the bucket itself).

With `versions`, every version and delete marker of what is named goes: nothing can be
restored. Without, a versioned bucket keeps the versions and gains delete markers. Chosen
items (`TransferEngine.delete_chosen`) are journaled with the job, a plan is journaled before
the first batch: a resumed job deletes what is left, never re-lists what it already did.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from botocore.exceptions import ClientError

from app.core.errors import describe
from app.core.s3 import buckets
from app.core.s3.session import S3Session
from app.core.transfers.delete_targets import delete_targets
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.worker_context import WorkerContext, checkpoint

BATCH = 1000  # DeleteObjects' limit


def delete_record(
    job_id: str, bucket: str, key: str, version: str | None, size: int = 0
) -> ItemRecord:
    """One key, or one version of it (a version id names a delete marker as well)."""
    extra: dict[str, Any] = {"object_size": size}
    if version:
        extra["version_id"] = version
    return ItemRecord(job_id, 0, "", bucket, key, 0, extra=extra)


def plan_delete(session: S3Session, job: Job) -> Iterator[ItemRecord]:
    """One item per object, or per version and delete marker when `versions` is set, for each
    key or prefix the job names (`keys`, else `key`)."""
    bucket = job.spec["bucket"]
    names = job.spec.get("keys") or [job.spec["key"]]
    seq = 0
    for name in names:
        for record in _plan_one(session, job, bucket, name):
            record.seq = seq
            seq += 1
            yield record


def _plan_one(session: S3Session, job: Job, bucket: str, key: str) -> Iterator[ItemRecord]:
    versions = bool(job.spec.get("versions"))
    for target in delete_targets(session, bucket, key, versions):
        yield delete_record(job.id, bucket, target.key, target.version_id, target.size)


def delete_batch(rt: WorkerContext, job: Job, items: list[ItemRecord]) -> dict[int, str]:
    """Delete up to 1,000 items in one request; returns item id -> error for those refused."""
    bucket = items[0].bucket
    client = rt.session.client_for_bucket(bucket)
    objects = []
    for item in items:
        entry: dict[str, str] = {"Key": item.key}
        if item.extra.get("version_id"):
            entry["VersionId"] = item.extra["version_id"]
        objects.append(entry)
    response = rt.request(
        job,
        lambda: client.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True}),
    )
    by_name = {(i.key, i.extra.get("version_id")): i for i in items}
    by_key: dict[str, list[ItemRecord]] = {}
    for item in items:
        by_key.setdefault(item.key, []).append(item)
    refused: dict[int, str] = {}
    for error in response.get("Errors", []):
        key = error.get("Key", "")
        named = by_name.get((key, error.get("VersionId")))
        if named is None and len(by_key.get(key, ())) == 1:
            # Some servers leave VersionId out of an error: the batch held one entry for it.
            named = by_key[key][0]
        if named is not None and named.id is not None:
            refused[named.id] = _in_words(error, bucket, named)
    return refused


def _in_words(error: dict[str, Any], bucket: str, item: ItemRecord) -> str:
    """One key's refusal in a DeleteObjects answer, in the words `app.core.errors` gives a
    failed DeleteObject of that key."""
    answer = {"Error": {"Code": error.get("Code", "Error"), "Message": error.get("Message", "")}}
    version = item.extra.get("version_id")
    what = f"{item.key} (version {version})" if version else item.key
    return str(describe(ClientError(answer, "DeleteObject"), "DeleteObject", bucket, what))


def delete_bucket_after(rt: WorkerContext, job: Job) -> None:
    """The last step of emptying a bucket with `delete_bucket`: the bucket goes too, if it is
    empty now. A bucket that still holds versions (a plain delete of a versioned one) stays,
    and the job fails saying so."""
    checkpoint(job)
    buckets.delete_bucket(rt.session, job.spec["bucket"])  # checks emptiness first
