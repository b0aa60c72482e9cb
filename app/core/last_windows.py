"""The browser windows open at the last quit, for General > "At start, open: the last
windows". Only windows on a bookmark are kept (a bookmark id and where the window was), never
anything that could hold a secret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OpenWindow:
    bookmark_id: str
    location: str  # s3://bucket/prefix/, or s3:// for the bucket list

    def to_json(self) -> dict[str, str]:
        return {"bookmark_id": self.bookmark_id, "location": self.location}


def windows_from_json(data: Any) -> list[OpenWindow]:
    """Tolerant: an entry that is not two strings is skipped."""
    if not isinstance(data, list):
        return []
    kept = []
    for entry in data:
        if isinstance(entry, dict):
            bookmark_id, location = entry.get("bookmark_id"), entry.get("location")
            if isinstance(bookmark_id, str) and isinstance(location, str):
                kept.append(OpenWindow(bookmark_id, location))
    return kept
