"""Duplicating an object or folder next to itself: the engine picks the free 'name (n)'.

The name is chosen when the job is planned, on the engine's thread, and lives on in the
journaled items and spec: a resumed duplicate continues into the same name, it does not start
a second copy under the next one.
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from app.core.s3.session import S3Session
from app.core.transfers.jobs import Job
from app.core.transfers.numbered import first_free
from app.core.transfers.worker_context import sse_args

_ABSENT = ("404", "NoSuchKey", "NotFound")


def duplicate_target(session: S3Session, job: Job) -> str:
    """The first 'name (n)' of the job's source under which nothing exists yet."""
    bucket, key = job.spec["source_bucket"], job.spec["source_key"]
    extra = sse_args(job.options, for_read=True)

    def taken(candidate: str) -> bool:
        if candidate.endswith("/"):
            page = next(session.list_prefix(bucket, candidate, delimiter=None, max_keys=1))
            return bool(page.objects)
        try:
            session.call(bucket, lambda c: c.head_object(Bucket=bucket, Key=candidate, **extra))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _ABSENT:
                return False
            raise
        return True

    return first_free(key, taken)
