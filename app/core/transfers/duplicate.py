"""Duplicating an object or folder next to itself: the engine picks the free 'name (n)'.

The name is chosen when the job is planned, on the engine's thread, and lives on in the
journaled items and spec: a resumed duplicate continues into the same name, it does not start
a second copy under the next one.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.session import S3Session
from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.reads import read_and_head
from app.core.transfers.jobs import Job
from app.core.transfers.numbered import first_free

_ABSENT = ("404", "NoSuchKey", "NotFound")


def duplicate_target(session: S3Session, job: Job) -> str:
    """The first 'name (n)' of the job's source under which nothing exists yet."""
    bucket, key = job.spec["source_bucket"], job.spec["source_key"]

    def taken(candidate: str) -> bool:
        if candidate.endswith("/"):
            page = next(session.list_prefix(bucket, candidate, delimiter=None, max_keys=1))
            return bool(page.objects)

        def head(extra: dict[str, Any]) -> dict[str, Any]:
            answer: dict[str, Any] = session.call(
                bucket, lambda c: c.head_object(Bucket=bucket, Key=candidate, **extra)
            )
            return answer

        try:
            read_and_head(job.options, bucket, candidate, head)
        except KeyNotInRing:
            return True  # there, under a key this ring lacks
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _ABSENT:
                return False
            raise
        return True

    return first_free(key, taken)
