"""Progress: workers add to counters, a sampler turns them into snapshots at a steady pace.

Nothing here knows about Qt. The engine's sampler thread calls `Progress.sample()` a few times
a second and emits one event per job that moved; a GUI model only translates those events.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum


class PartState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class ItemProgress:
    """One file or object of a job that is in flight, with its parts when it has several."""

    local_path: str
    bucket: str
    key: str
    bytes_done: int
    bytes_total: int
    parts: tuple[tuple[int, PartState], ...] = ()
    verifying: bool = False  # its bytes have moved; its integrity check is under way


@dataclass(frozen=True)
class Sample:
    bytes_done: int
    bytes_total: int
    files_done: int
    files_total: int
    files_failed: int
    files_skipped: int
    rate: float  # bytes per second, rolling average
    eta: float | None  # seconds, None when unknown
    items: tuple[ItemProgress, ...] = ()
    files_verifying: int = 0


@dataclass
class _Active:
    local_path: str
    bucket: str
    key: str
    total: int
    done: int = 0
    parts: dict[int, PartState] = field(default_factory=dict)
    verifying: bool = False


class Progress:
    """Thread-safe counters for one job."""

    WINDOW = 5.0  # seconds of history behind the rate

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.bytes_done = 0
        self.bytes_total = 0
        self.files_done = 0
        self.files_total = 0
        self.files_failed = 0
        self.files_skipped = 0
        self._active: dict[int, _Active] = {}
        self._history: deque[tuple[float, int]] = deque()
        self._version = 0
        self._sampled_version = -1

    # -- writers (worker threads) ----------------------------------------------------------------

    def add_total(self, nbytes: int, files: int = 1) -> None:
        with self._lock:
            self.bytes_total += nbytes
            self.files_total += files
            self._version += 1

    def add_bytes(self, item_id: int, nbytes: int) -> None:
        with self._lock:
            self.bytes_done += nbytes
            active = self._active.get(item_id)
            if active is not None:
                active.done += nbytes
            self._version += 1

    def start_item(
        self, item_id: int, local_path: str, bucket: str, key: str, total: int, done: int = 0
    ) -> None:
        with self._lock:
            self._active[item_id] = _Active(local_path, bucket, key, total, done)
            self._version += 1

    def part_state(self, item_id: int, number: int, state: PartState) -> None:
        with self._lock:
            active = self._active.get(item_id)
            if active is not None:
                active.parts[number] = state
                self._version += 1

    @contextmanager
    def verifying(self, item_id: int) -> Iterator[None]:
        """The item's bytes have all moved and its integrity check runs inside this block.

        The mark goes when the block ends, whether the check passed or raised.
        """
        self._mark_verifying(item_id, True)
        try:
            yield
        finally:
            self._mark_verifying(item_id, False)

    def _mark_verifying(self, item_id: int, verifying: bool) -> None:
        with self._lock:
            active = self._active.get(item_id)
            if active is not None and active.verifying != verifying:
                active.verifying = verifying
                self._version += 1

    def finish_item(self, item_id: int, outcome: str) -> None:
        with self._lock:
            self._active.pop(item_id, None)
            if outcome == "done":
                self.files_done += 1
            elif outcome == "skipped":
                self.files_skipped += 1
            else:
                self.files_failed += 1
            self._version += 1

    def rewind(self, item_id: int, nbytes: int) -> None:
        """Take back bytes that must be sent again (a failed attempt, a restarted file)."""
        self.add_bytes(item_id, -nbytes)

    # -- reader (the sampler) --------------------------------------------------------------------

    def sample(self, now: float | None = None, force: bool = False) -> Sample | None:
        """A snapshot, or None when nothing changed since the last one (unless `force`)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._history.append((now, self.bytes_done))
            while len(self._history) > 2 and now - self._history[0][0] > self.WINDOW:
                self._history.popleft()
            if not force:
                if self._version == self._sampled_version:
                    return None
                self._sampled_version = self._version
            first_t, first_b = self._history[0]
            elapsed = now - first_t
            rate = max(0.0, (self.bytes_done - first_b) / elapsed) if elapsed > 0 else 0.0
            remaining = max(0, self.bytes_total - self.bytes_done)
            eta = remaining / rate if rate > 0 else None
            items = tuple(
                ItemProgress(
                    a.local_path,
                    a.bucket,
                    a.key,
                    a.done,
                    a.total,
                    tuple(sorted(a.parts.items())),
                    a.verifying,
                )
                for a in self._active.values()
            )
            return Sample(
                self.bytes_done,
                self.bytes_total,
                self.files_done,
                self.files_total,
                self.files_failed,
                self.files_skipped,
                rate,
                eta,
                items,
                sum(1 for item in items if item.verifying),
            )
