"""Object versions and delete markers (shown only when hidden files are shown).

Restoring a version and deleting versions or delete markers are transfer-engine jobs
(`TransferEngine.restore_version`, `TransferEngine.delete_chosen`); this only lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.core.s3.implausible_answers import RepeatGuard
from app.core.s3.session import S3Session


class VersionEntry(NamedTuple):
    key: str
    version_id: str
    last_modified: str  # raw ISO 8601 text, as in ObjectEntry
    size: int  # 0 for a delete marker
    etag: str
    storage_class: str
    is_latest: bool
    is_delete_marker: bool


@dataclass(frozen=True)
class VersionPage:
    bucket: str
    prefix: str
    folders: tuple[str, ...]
    versions: tuple[VersionEntry, ...]  # by key, newest first within a key
    is_last: bool


def list_versions(
    session: S3Session,
    bucket: str,
    prefix: str = "",
    delimiter: str | None = "/",
    max_keys: int | None = None,
) -> Iterator[VersionPage]:
    """Yield pages of ListObjectVersions lazily; nothing is requested before a page is asked for."""
    page_size = max_keys or session.connection.max_keys
    key_marker: str | None = None
    version_marker: str | None = None
    repeats = RepeatGuard(bucket, prefix)
    while True:
        params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size}
        if delimiter:
            params["Delimiter"] = delimiter
        if key_marker is not None:
            params["KeyMarker"] = key_marker
            if version_marker:
                params["VersionIdMarker"] = version_marker
        response = session.call(bucket, lambda c, p=params: c.list_object_versions(**p), raw=True)
        entries = [
            VersionEntry(
                v["Key"],
                v.get("VersionId") or "null",
                v.get("LastModified", ""),
                v.get("Size", 0),
                v.get("ETag", ""),
                v.get("StorageClass", "STANDARD"),
                bool(v.get("IsLatest")),
                False,
            )
            for v in response.get("Versions", ())
        ]
        entries += [
            VersionEntry(
                m["Key"],
                m.get("VersionId") or "null",
                m.get("LastModified", ""),
                0,
                "",
                "",
                bool(m.get("IsLatest")),
                True,
            )
            for m in response.get("DeleteMarkers", ())
        ]
        # Newest first within a key (timestamps are ISO text: they sort as strings), then by key.
        entries.sort(key=lambda e: (e.last_modified, e.is_latest), reverse=True)
        entries.sort(key=lambda e: e.key)
        folders = tuple(p["Prefix"] for p in response.get("CommonPrefixes", ()))
        truncated = bool(response.get("IsTruncated"))
        key_marker = response.get("NextKeyMarker")
        version_marker = response.get("NextVersionIdMarker")
        last = not truncated or key_marker is None
        if not last:
            repeats.check(f"{key_marker}\n{version_marker}")
        yield VersionPage(bucket, prefix, folders, tuple(entries), last)
        if last:
            return


def versioning_status(session: S3Session, bucket: str) -> str | None:
    """'Enabled', 'Suspended', or None for a bucket that never had versioning.

    A bucket with either status may hold old versions, so the delete dialog offers the
    permanent choice for both.
    """
    response = session.call(bucket, lambda c: c.get_bucket_versioning(Bucket=bucket))
    return response.get("Status") or None
