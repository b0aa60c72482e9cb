"""Folder listings kept for a while (Preferences > Browser): going back to a folder listed a
moment ago shows it again without asking the server. Only complete listings are kept, the
newest `max_entries`, each for `max_age` seconds; Refresh always lists again."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from app.core.s3.session import ListingPage

Key = tuple[str, str]  # bucket, prefix


class ListingCache:
    def __init__(
        self,
        max_entries: int = 0,
        max_age: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[Key, tuple[float, list[ListingPage]]] = OrderedDict()
        self._clock = clock
        self.max_entries = max_entries
        self.max_age = max_age

    def configure(self, max_entries: int, max_age: float) -> None:
        with self._lock:
            self.max_entries, self.max_age = max_entries, max_age
            self._trim()

    def get(self, bucket: str, prefix: str) -> list[ListingPage] | None:
        """The pages of a listing kept and still fresh, else None."""
        with self._lock:
            entry = self._entries.get((bucket, prefix))
            if entry is None:
                return None
            stored, pages = entry
            if self._clock() - stored >= self.max_age:
                del self._entries[(bucket, prefix)]
                return None
            self._entries.move_to_end((bucket, prefix))
            return pages

    def forget(self, bucket: str, prefix: str | None = None) -> None:
        """Drop one folder's listing, or with no prefix every listing of the bucket."""
        with self._lock:
            for key in [k for k in self._entries if k[0] == bucket]:
                if prefix is None or key[1] == prefix:
                    del self._entries[key]

    def store(self, bucket: str, prefix: str, pages: list[ListingPage]) -> None:
        """Keep a complete listing (its last page last)."""
        key = (bucket, prefix)
        with self._lock:
            if self.max_entries <= 0 or self.max_age <= 0:
                return
            self._entries[key] = (self._clock(), pages)
            self._entries.move_to_end(key)
            self._trim()

    def _trim(self) -> None:
        if self.max_age <= 0:
            self._entries.clear()
        while len(self._entries) > max(self.max_entries, 0):
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
