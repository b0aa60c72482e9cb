"""Counting what a change would touch, for the question asked before it (no change is made).

Deleting, moving and copying are transfer-engine jobs (`app.core.transfers`); this only lists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import NamedTuple

from app.core.s3.session import S3Session
from app.core.s3.versions import list_versions


class PrefixCount(NamedTuple):
    objects: int
    bytes: int


def count_objects(
    session: S3Session,
    bucket: str,
    prefix: str,
    versions: bool = False,
    cancel: threading.Event | None = None,
    progress: Callable[[PrefixCount], None] | None = None,
) -> PrefixCount:
    """How many objects (with `versions`: versions and delete markers) lie under `prefix`.

    Streams the listing page by page, calling `progress` with the running count after each;
    returns what was counted so far if `cancel` is set.
    """
    count = size = 0
    if versions:
        for vpage in list_versions(session, bucket, prefix, delimiter=None):
            count += len(vpage.versions)
            size += sum(v.size for v in vpage.versions)
            if progress is not None:
                progress(PrefixCount(count, size))
            if cancel is not None and cancel.is_set():
                break
    else:
        for page in session.list_prefix(bucket, prefix, delimiter=None):
            count += len(page.objects)
            size += sum(o.size for o in page.objects)
            if progress is not None:
                progress(PrefixCount(count, size))
            if cancel is not None and cancel.is_set():
                break
    return PrefixCount(count, size)


def count_key_versions(session: S3Session, bucket: str, key: str) -> int:
    """Versions and delete markers of exactly `key` (not of keys that start with it)."""
    return sum(
        1
        for page in list_versions(session, bucket, key, delimiter=None)
        for v in page.versions
        if v.key == key
    )
