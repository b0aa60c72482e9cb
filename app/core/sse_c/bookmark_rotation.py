"""Rotation for a window's bookmark: its key ring (a shared ring, else its own), surveyed
and queued as the command line's `eider rekey` does. Blocking: run on a worker."""

from __future__ import annotations

import threading

from app.core.bookmarks import BookmarkError, BookmarkStore, upload_encryption
from app.core.s3.session import S3Session
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.key_ring import KeyRing
from app.core.sse_c.rekey import Survey, survey
from app.core.sse_c.rings import ring_for


def bookmark_ring(bookmark_id: str | None) -> tuple[str, KeyRing]:
    """(the ring's reference, the ring) of a bookmark; KeyFileError when it has none."""
    if not bookmark_id:
        raise KeyFileError("of this connection", None, "does not exist: open a bookmark")
    try:
        owner = upload_encryption.ring_owner(BookmarkStore().get(bookmark_id))
    except BookmarkError as exc:
        raise KeyFileError("of this connection", None, str(exc)) from None
    return owner, ring_for(owner)


def survey_bookmark(
    session: S3Session, bookmark_id: str | None, bucket: str, prefix: str, stop: threading.Event
) -> tuple[str, KeyRing, Survey]:
    ref, ring = bookmark_ring(bookmark_id)
    return ref, ring, survey(session, ring, bucket, prefix, stop=stop)
