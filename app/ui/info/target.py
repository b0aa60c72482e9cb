"""What one Info window is about: a bucket, one object, or a selection of objects and folders."""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.translation import translate


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
            return translate("InfoTarget", "Info — bucket {0}").format(self.bucket)
        if self.is_one_object:
            return translate("InfoTarget", "Info — {0}").format(self.keys[0].rsplit("/", 1)[-1])
        if not self.keys and len(self.folders) == 1:
            return translate("InfoTarget", "Info — folder {0}").format(self.folders[0])
        return translate("InfoTarget", "Info — {0} items in {1}").format(
            len(self.keys) + len(self.folders), self.bucket
        )
