"""The SSE-C key a bookmark's request needs: its ring (when its upload encryption is SSE-C),
the object's own key for reads, the current key for writes. Blocking (keyring, HEAD)."""

from __future__ import annotations

from typing import Any

from app.core.bookmarks import BookmarkError, BookmarkStore, upload_encryption
from app.core.s3.session import S3Session
from app.core.sse_c.presign_headers import SseCHeaders
from app.core.sse_c.rings import ring_for


def presign_headers(
    session: S3Session, bookmark_id: str | None, bucket: str, key: str, reading: bool
) -> SseCHeaders | None:
    """None for a bookmark without an SSE-C key ring (or no bookmark)."""
    if not bookmark_id:
        return None
    try:
        bookmark = BookmarkStore().get(bookmark_id)
        choice, _ = upload_encryption.parse(bookmark.encryption)
    except (BookmarkError, ValueError):
        return None
    if not choice.needs_key_ring:
        return None
    ring = ring_for(upload_encryption.ring_owner(bookmark))
    if not reading:
        return SseCHeaders(ring.current)

    def head(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = session.call(
            bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **extra)
        )
        return answer

    return SseCHeaders(ring.key_for((bucket, key, None), head)[0])
