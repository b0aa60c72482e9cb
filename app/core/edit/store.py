"""The private folder of open edits: `<state>/edits/<id>/` (0700) with the copy (0600) and
`edit.json`. Each open edit is held by a `flock` on `<id>/.lock`; the kernel drops it when
the holder exits however it exits, so an edit nobody holds was left by a crash (or by a
window closed without closing its edits) and is offered again."""

from __future__ import annotations

import contextlib
import fcntl
import os
import posixpath
import shutil
import threading
import uuid
from pathlib import Path

from app.core import paths
from app.core.atomic_file import write_atomically
from app.core.edit.record import OpenEdit

RECORD = "edit.json"
_LOCK = ".lock"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR)  # mkdir's mode is filtered by the umask; an old folder too
    return path


def local_name(key: str) -> str:
    """The copy's file name: the key's last part (the editor picks its mode by it)."""
    name = posixpath.basename(key.rstrip("/")) or "object"
    return name if name not in (".", "..") else "object"


class EditStore:
    def __init__(self, root: Path | None = None) -> None:
        self.root = _private_dir(root or paths.state_dir() / "edits")
        self._held: dict[str, int] = {}
        self._lock = threading.Lock()

    def new_place(self, key: str) -> tuple[str, Path]:
        """A fresh id and the path its private copy goes to (its folder made, 0700)."""
        edit_id = uuid.uuid4().hex[:16]
        folder = _private_dir(self.root / edit_id)
        return edit_id, folder / local_name(key)

    def save(self, edit: OpenEdit) -> None:
        """Write the record (atomically; mkstemp makes it 0600)."""
        write_atomically(self._folder(edit.id) / RECORD, edit.to_json())

    def load(self, edit_id: str) -> OpenEdit:
        return OpenEdit.from_json((self._folder(edit_id) / RECORD).read_text("utf-8"))

    def hold(self, edit_id: str) -> bool:
        """Hold the edit for this process; False when a live process holds it already."""
        with self._lock:
            if edit_id in self._held:
                return True
            fd = os.open(self._folder(edit_id) / _LOCK, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            self._held[edit_id] = fd
            return True

    def release(self, edit_id: str) -> None:
        with self._lock:
            fd = self._held.pop(edit_id, None)
        if fd is not None:
            os.close(fd)

    def remove(self, edit_id: str) -> None:
        """Close the edit for good: its private copy and record are deleted."""
        self.release(edit_id)
        shutil.rmtree(self._folder(edit_id), ignore_errors=True)

    def edits(self) -> list[OpenEdit]:
        found = []
        for record in sorted(self.root.glob(f"*/{RECORD}")):
            with contextlib.suppress(OSError, ValueError, TypeError):
                found.append(OpenEdit.from_json(record.read_text("utf-8")))
        return sorted(found, key=lambda e: e.opened_at)

    def left_behind(self) -> list[OpenEdit]:
        """Edits no live process holds (a crash, a kill): to be offered again."""
        left = []
        for edit in self.edits():
            if edit.id in self._held:
                continue
            if self.hold(edit.id):
                self.release(edit.id)
                left.append(edit)
        return left

    def close(self) -> None:
        with self._lock:
            held = list(self._held.values())
            self._held.clear()
        for fd in held:
            os.close(fd)

    def _folder(self, edit_id: str) -> Path:
        if not edit_id or "/" in edit_id or edit_id.startswith("."):
            raise ValueError(f"Not an edit id: {edit_id!r}")
        return self.root / edit_id
