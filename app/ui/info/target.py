"""What one Info window is about: a bucket, one object, or a selection of objects and folders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InfoTarget:
    bucket: str
    keys: tuple[str, ...] = ()  # objects' keys
    folders: tuple[str, ...] = ()  # prefixes ending in "/"; everything under them is meant

    @property
    def is_bucket(self) -> bool:
        return not self.keys and not self.folders

    @property
    def is_one_object(self) -> bool:
        return len(self.keys) == 1 and not self.folders

    @property
    def is_many(self) -> bool:
        return not self.is_bucket and not self.is_one_object

    @property
    def title(self) -> str:
        if self.is_bucket:
            return f"Info — bucket {self.bucket}"
        if self.is_one_object:
            return f"Info — {self.keys[0].rsplit('/', 1)[-1]}"
        if not self.keys and len(self.folders) == 1:
            return f"Info — folder {self.folders[0]}"
        return f"Info — {len(self.keys) + len(self.folders)} items in {self.bucket}"
