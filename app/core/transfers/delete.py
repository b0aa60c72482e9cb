"""Deleting objects (and, on request, every version of them) in batches of up to 1,000 keys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.runtime import Runtime

BATCH = 1000  # DeleteObjects' limit


def plan_delete(session: S3Session, job: Job) -> Iterator[ItemRecord]:
    """One item per object, or per version and delete marker when `versions` is set."""
    bucket, key = job.spec["bucket"], job.spec["key"]
    recursive = not key or key.endswith("/")
    seq = 0

    def record(name: str, version: str | None, size: int) -> ItemRecord:
        extra: dict[str, Any] = {"object_size": size}
        if version:
            extra["version_id"] = version
        return ItemRecord(job.id, seq, "", bucket, name, 0, extra=extra)

    if not job.spec.get("versions"):
        if not recursive:
            yield record(key, None, 0)
            return
        for page in session.list_prefix(bucket, key, delimiter=None):
            for entry in page.objects:
                yield record(entry.key, None, entry.size)
                seq += 1
        return
    params: dict[str, Any] = {"Bucket": bucket, "Prefix": key}
    while True:
        page = session.call(bucket, lambda c, p=dict(params): c.list_object_versions(**p))
        entries = [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
        for entry in entries:
            if not recursive and entry["Key"] != key:
                continue
            yield record(entry["Key"], entry.get("VersionId"), entry.get("Size", 0))
            seq += 1
        if not page.get("IsTruncated"):
            return
        params["KeyMarker"] = page.get("NextKeyMarker", "")
        params["VersionIdMarker"] = page.get("NextVersionIdMarker", "")


def delete_batch(rt: Runtime, job: Job, items: list[ItemRecord]) -> dict[int, str]:
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
    refused: dict[int, str] = {}
    for error in response.get("Errors", []):
        item = by_name.get((error.get("Key"), error.get("VersionId"))) or by_name.get(
            (error.get("Key"), None)
        )
        if item is not None and item.id is not None:
            refused[item.id] = f"{error.get('Code', 'Error')}: {error.get('Message', '')}".strip()
    return refused
