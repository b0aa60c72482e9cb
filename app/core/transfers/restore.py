"""Restoring a version: the old version is copied over its key and becomes the latest.

Nothing is deleted; the version that was the latest stays in the history. The copy is the
engine's own (`copy.copy_item` with `source_version_id`), so a large version is copied part by
part and resumes like any other copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.core.s3.session import S3Session
from app.core.sse_c.reads import read_and_head
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord


def plan_restore(session: S3Session, job: Job) -> Iterator[ItemRecord]:
    bucket, key = job.spec["source_bucket"], job.spec["source_key"]
    version = job.spec["source_version_id"]

    def head_with(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = session.call(
            bucket, lambda c: c.head_object(Bucket=bucket, Key=key, VersionId=version, **extra)
        )
        return answer

    head = read_and_head(job.options, bucket, key, head_with, version)[1]
    yield ItemRecord(
        job.id,
        0,
        f"s3://{bucket}/{key}?versionId={version}",
        job.spec["bucket"],
        job.spec["key"],
        int(head["ContentLength"]),
        extra={"source_bucket": bucket, "source_key": key, "source_version_id": version},
    )
