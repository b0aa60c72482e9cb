"""Watching a private copy for saves by polling: size and mtime say something happened, a
hash says the content changed. A save is reported once the file has held still for `settle`
seconds, so an editor writing in several steps (truncate, write, rename) gives one upload."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # between an editor's delete and rename


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class FileWatcher:
    def __init__(
        self,
        path: Path,
        on_saved: Callable[[str], None],
        known_digest: str | None,
        *,
        interval: float = 0.2,
        settle: float = 0.5,
    ) -> None:
        """`on_saved(digest)` is called on the watcher's thread for each settled change of
        content away from the last known digest."""
        self.path = path
        self._on_saved = on_saved
        self._known = known_digest
        self._interval = interval
        self._settle = settle
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="eider-edit-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join()

    def set_known(self, digest: str | None) -> None:
        """The content now on disk is accounted for (uploaded, or replaced by Eider)."""
        with self._lock:
            self._known = digest

    def _run(self) -> None:
        stamp = _stamp(self.path)
        changed_at: float | None = None
        clock = 0.0
        while not self._stop.wait(self._interval):
            clock += self._interval
            now = _stamp(self.path)
            if now != stamp:
                stamp = now
                changed_at = clock
                continue
            if changed_at is None or clock - changed_at < self._settle or now is None:
                continue
            changed_at = None
            self._check()

    def check_now(self) -> None:
        """Report a pending change at once (before the editor exits and the edit closes)."""
        self._check()

    def _check(self) -> None:
        digest = file_digest(self.path)
        with self._lock:
            if digest is None or digest == self._known:
                return
            self._known = digest
        try:
            self._on_saved(digest)
        except Exception:
            log.exception("Uploading the saved %s failed", self.path.name)
