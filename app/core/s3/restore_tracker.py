"""The archive restore tracker: restores the user asked for, kept across restarts, polled with
backoff until each is ready, with listeners told when one changes.

Requests live in a small JSON file under the state folder (no secrets: the bookmark id, the
bucket, key, version, tier and days). Each is polled with HeadObject; the first poll comes
after the tier's usual shortest wait, later ones wait twice as long each time up to the tier's
cap, so a Bulk restore is not asked about every minute for two days. A poll that fails (no
network, a removed bookmark) is retried on the same backoff and its error kept for display.

Threads: `start()` runs a poller thread; `poll_due()` is what it calls, and tests call it with
their own clock. Listeners are called on the poller thread (or the caller's, for `request`) and
must return quickly.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.atomic_file import write_atomically
from app.core.errors import describe
from app.core.s3.archive_restore import (
    RestoreState,
    RestoreTier,
    request_restore,
    restore_status,
)
from app.core.s3.session import S3Session
from app.core.transfers.listeners import Listeners

log = logging.getLogger(__name__)

FORMAT = 1
# Seconds before the first poll and the longest wait between polls, per tier.
BACKOFF: dict[RestoreTier, tuple[float, float]] = {
    RestoreTier.EXPEDITED: (60.0, 300.0),
    RestoreTier.STANDARD: (15 * 60.0, 3600.0),
    RestoreTier.BULK: (3600.0, 3 * 3600.0),
}

SessionFor = Callable[[str | None], S3Session]  # bookmark id -> its session (LookupError: gone)
Clock = Callable[[], float]


@dataclass(frozen=True)
class TrackedRestore:
    id: str
    bookmark_id: str | None
    bucket: str
    key: str
    version_id: str | None
    tier: RestoreTier
    days: int
    requested_at: float
    state: RestoreState = RestoreState.ONGOING
    expiry: str | None = None  # ISO 8601, once ready
    next_poll: float = 0.0
    wait: float = 0.0  # the last wait between polls
    polls: int = 0
    error: str | None = None  # the last poll's failure, in words

    @property
    def finished(self) -> bool:
        return self.state is not RestoreState.ONGOING

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tier"], data["state"] = self.tier.value, self.state.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrackedRestore:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["tier"], known["state"] = RestoreTier(data["tier"]), RestoreState(data["state"])
        return cls(**known)


RestoreListener = Callable[[TrackedRestore], None]


def default_path() -> Path:
    return paths.state_dir() / "archive-restores.json"


class RestoreTracker:
    def __init__(
        self,
        session_for: SessionFor,
        path: Path | None = None,
        *,
        clock: Clock = time.time,
        backoff: dict[RestoreTier, tuple[float, float]] | None = None,
        tick: float = 5.0,
    ) -> None:
        self._session_for = session_for
        self.path = path or default_path()
        self._clock = clock
        self._backoff = backoff or BACKOFF
        self._tick = tick
        self._lock = threading.RLock()
        self._listeners: Listeners[TrackedRestore] = Listeners()
        self._restores: dict[str, TrackedRestore] = self._load()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- listening and reading ---------------------------------------------------------------------

    def subscribe(self, listener: RestoreListener) -> Callable[[], None]:
        """Call `listener` with a restore each time it is added or its state changes."""
        return self._listeners.subscribe(listener)

    def restores(self) -> list[TrackedRestore]:
        with self._lock:
            return sorted(self._restores.values(), key=lambda r: r.requested_at)

    # -- changing ----------------------------------------------------------------------------------

    def request(
        self,
        bookmark_id: str | None,
        bucket: str,
        key: str,
        days: int,
        tier: RestoreTier = RestoreTier.STANDARD,
        version_id: str | None = None,
    ) -> TrackedRestore:
        """Send RestoreObject and track the restore. Blocking: call it off the GUI thread."""
        session = self._session_for(bookmark_id)
        request_restore(session, bucket, key, days, tier, version_id)
        now = self._clock()
        first, _cap = self._backoff[tier]
        tracked = TrackedRestore(
            uuid.uuid4().hex,
            bookmark_id,
            bucket,
            key,
            version_id,
            tier,
            days,
            now,
            next_poll=now + first,
            wait=first,
        )
        self._put(tracked)
        return tracked

    def forget(self, restore_id: str) -> None:
        with self._lock:
            self._restores.pop(restore_id, None)
            self._save()

    # -- polling -----------------------------------------------------------------------------------

    def poll_due(self) -> list[TrackedRestore]:
        """Poll every unfinished restore whose time has come; returns those polled."""
        now = self._clock()
        with self._lock:
            due = [r for r in self._restores.values() if not r.finished and r.next_poll <= now]
        return [self.poll(r.id) for r in due]

    def poll(self, restore_id: str) -> TrackedRestore:
        """Ask the server now, whatever the schedule says."""
        with self._lock:
            tracked = self._restores[restore_id]
        try:
            session = self._session_for(tracked.bookmark_id)
            status = restore_status(session, tracked.bucket, tracked.key, tracked.version_id)
        except Exception as exc:
            error = str(describe(exc, "HeadObject", tracked.bucket, tracked.key))
            return self._put(self._later(tracked, error=error))
        if status.state is RestoreState.ONGOING:
            return self._put(self._later(tracked))
        expiry = status.expiry.isoformat() if status.expiry else None
        done = replace(
            tracked, state=status.state, expiry=expiry, polls=tracked.polls + 1, error=None
        )
        return self._put(done)

    def _later(self, tracked: TrackedRestore, error: str | None = None) -> TrackedRestore:
        _first, cap = self._backoff[tracked.tier]
        wait = min(cap, max(tracked.wait, 1.0) * 2)
        return replace(
            tracked,
            next_poll=self._clock() + wait,
            wait=wait,
            polls=tracked.polls + 1,
            error=error,
        )

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._loop, name="eider-restore-tracker", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(self._tick):
            try:
                self.poll_due()
            except Exception:
                log.exception("The archive restore tracker's poll failed")

    # -- the store ---------------------------------------------------------------------------------

    def _put(self, tracked: TrackedRestore) -> TrackedRestore:
        with self._lock:
            before = self._restores.get(tracked.id)
            self._restores[tracked.id] = tracked
            self._save()
        changed = before is None or (before.state, before.error) != (tracked.state, tracked.error)
        if changed:
            self._listeners.notify(tracked, "A restore listener failed on %s", tracked.key)
        return tracked

    def _load(self) -> dict[str, TrackedRestore]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("The archive restore list %s could not be read; starting empty", self.path)
            return {}
        if data.get("format", 0) > FORMAT:
            log.warning("The archive restore list %s is from a newer Eider", self.path)
            return {}
        found = {}
        for entry in data.get("restores", []):
            try:
                tracked = TrackedRestore.from_json(entry)
            except (KeyError, TypeError, ValueError):
                continue
            found[tracked.id] = tracked
        return found

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {"format": FORMAT, "restores": [r.to_json() for r in self._restores.values()]}
        write_atomically(self.path, json.dumps(body, indent=1, sort_keys=True))
