"""Which Eider process runs a journaled job: a claim that dies with its holder.

Each running job holds an exclusive `flock` on `<folder>/<job id>.lock`, with the holder's
pid written inside for people and `eider jobs list`. The kernel drops the lock when the
holder exits, however it exits (a crash, `kill -9`), so a dead holder's job can be taken
over at once and no stale claim needs cleaning. flock locks belong to an open file, so even
two engines of one process exclude each other.

The claim is taken when a job starts running and released when it stops; the journal itself
stays shared (SQLite serialises its writers).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path


class JobClaims:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._held: dict[str, int] = {}  # job id -> file descriptor holding the lock
        self._lock = threading.Lock()

    @classmethod
    def beside(cls, journal_path: Path) -> JobClaims:
        """The claims of the jobs in the journal at `journal_path`."""
        return cls(journal_path.parent / f"{journal_path.stem}-claims")

    def _path(self, job_id: str) -> Path:
        if not job_id or "/" in job_id or job_id.startswith("."):
            raise ValueError(f"Not a job id: {job_id!r}")
        return self.folder / f"{job_id}.lock"

    def claim(self, job_id: str) -> bool:
        """Take the job for this process; False when another (live) holder has it."""
        with self._lock:
            if job_id in self._held:
                return True
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._path(job_id), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            except BaseException:
                os.close(fd)
                raise
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            self._held[job_id] = fd
            return True

    def release(self, job_id: str, finished: bool = False) -> None:
        """Let go of the job; `finished` (done or cancelled: gone from the journal) also
        removes its lock file."""
        with self._lock:
            fd = self._held.pop(job_id, None)
            if fd is None:
                return
            try:
                if finished:
                    with contextlib.suppress(FileNotFoundError):
                        self._path(job_id).unlink()
            finally:
                os.close(fd)  # drops the lock

    def holds(self, job_id: str) -> bool:
        with self._lock:
            return job_id in self._held

    def holder(self, job_id: str) -> int | None:
        """The pid of another process running the job, None when nobody else holds it."""
        with self._lock:
            if job_id in self._held:
                return None
        path = self._path(job_id)
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                text = os.pread(fd, 32, 0).decode(errors="replace").strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def forget(self, job_id: str) -> None:
        """Remove the lock file of a job gone from the journal, unless someone holds it."""
        if self.claim(job_id):
            self.release(job_id, finished=True)

    def release_all(self) -> None:
        with self._lock:
            held = list(self._held.values())
            self._held.clear()
        for fd in held:
            os.close(fd)


def held_elsewhere_message(pid: int | None) -> str:
    who = f"Eider process {pid}" if pid and pid > 0 else "another Eider process"
    return f"This job is running in {who}; it is left to that process until it stops or quits."
