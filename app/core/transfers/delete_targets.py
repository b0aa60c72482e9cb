"""What deleting a key or a prefix removes: one answer for the engine's delete jobs and for
`eider rm` (its dry run and its `--exclude`/`--include` selection)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.name_filter import NameFilter


@dataclass(frozen=True)
class DeleteTarget:
    key: str
    version_id: str | None  # None: the key itself (a delete marker where versioning is on)
    size: int = 0


def is_prefix(key: str) -> bool:
    """'' (a whole bucket) and keys ending in '/' name everything under them."""
    return not key or key.endswith("/")


def delete_targets(
    session: S3Session,
    bucket: str,
    key: str,
    versions: bool = False,
    names: NameFilter | None = None,
) -> Iterator[DeleteTarget]:
    """The key itself, or every object under a prefix, in listing order; with `versions`,
    every version and delete marker of them instead. Under a prefix, `names` keeps the names
    (relative to the prefix) its rules let through. Lists lazily, page by page."""
    recursive = is_prefix(key)

    def wanted(name: str) -> bool:
        if not recursive:
            return name == key
        return names is None or names.includes(name[len(key) :])

    if not versions:
        if not recursive:
            yield DeleteTarget(key, None)
            return
        for page in session.list_prefix(bucket, key, delimiter=None):
            for entry in page.objects:
                if wanted(entry.key):
                    yield DeleteTarget(entry.key, None, entry.size)
        return
    params: dict[str, Any] = {"Bucket": bucket, "Prefix": key}
    while True:
        page = session.call(bucket, lambda c, p=dict(params): c.list_object_versions(**p))
        for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
            if wanted(entry["Key"]):
                yield DeleteTarget(entry["Key"], entry.get("VersionId"), entry.get("Size", 0))
        if not page.get("IsTruncated"):
            return
        params["KeyMarker"] = page.get("NextKeyMarker", "")
        params["VersionIdMarker"] = page.get("NextVersionIdMarker", "")
