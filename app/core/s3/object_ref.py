"""What an action is aimed at: one object, folder or bucket, as the user selected it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectRef:
    """A selected row. `key` is an object's key, a folder's prefix (ending with `/`) or a
    bucket's name followed by `/` at the bucket list; folders and buckets have no size."""

    key: str
    version_id: str | None = None  # None: the current version
    etag: str = ""
    size: int | None = None
    is_folder: bool = False

    @classmethod
    def folder(cls, prefix: str) -> ObjectRef:
        return cls(prefix, is_folder=True)
