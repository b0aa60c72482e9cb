"""Fetch a small object whole into a local file, for previewing it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.core.explained import ExplainedError
from app.core.s3.session import S3Session

PREVIEW_LIMIT = 2 * 1024 * 1024
_CHUNK = 256 * 1024


class TooLargeToPreview(ValueError, ExplainedError):
    pass


def fetch_for_preview(
    session: S3Session, bucket: str, key: str, folder: Path, limit: int = PREVIEW_LIMIT
) -> Path:
    """Download `key` into a new file in `folder`; refuse objects larger than `limit` bytes.

    The size is checked from the response headers before the body is read, and again while
    reading (a server may not send Content-Length).
    """
    response = session.call(bucket, lambda c: c.get_object(Bucket=bucket, Key=key))
    body = response["Body"]
    size = int(response.get("ContentLength") or 0)
    name = key.rstrip("/").rsplit("/", 1)[-1] or "object"
    try:
        if size > limit:
            raise TooLargeToPreview(_too_large(key, size, limit))
        handle, path = tempfile.mkstemp(prefix="preview-", suffix=f"-{name}", dir=folder)
        read = 0
        with os.fdopen(handle, "wb") as out:
            for chunk in iter(lambda: body.read(_CHUNK), b""):
                read += len(chunk)
                if read > limit:
                    out.close()
                    Path(path).unlink()
                    raise TooLargeToPreview(_too_large(key, read, limit))
                out.write(chunk)
        return Path(path)
    finally:
        body.close()


def _too_large(key: str, size: int, limit: int) -> str:
    return (
        f"'{key}' is too large to preview ({size:,} bytes; the limit is {limit:,}). "
        "Download it instead."
    )
