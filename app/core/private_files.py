"""Files and folders only this user may read: Eider's own folders, the journal, the logs and
downloads still in progress (`*.eider-partial`).

A finished download gets the mode the user's umask gives any new file; until its bytes are
verified it is private, so another local account never reads half an object.
"""

from __future__ import annotations

import functools
import os
import stat
import threading
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_umask_lock = threading.Lock()


def make_private_folder(path: Path) -> None:
    """Create `path` (and its parents) if missing; `path` itself ends up user-only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    _tighten(path, PRIVATE_FOLDER)


def make_private_file(path: Path) -> None:
    """Create `path` empty and user-only if missing, or take group and others' rights away."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, PRIVATE_FILE)
    except FileExistsError:
        _tighten(path, PRIVATE_FILE)
    else:
        os.close(fd)


def _tighten(path: Path, mode: int) -> None:
    current = stat.S_IMODE(os.lstat(path).st_mode)
    if current & ~mode:
        os.chmod(path, current & mode)  # noqa: PTH101


@functools.cache
def finished_file_mode() -> int:
    """0o666 less the process's umask: what an ordinary new file would get.

    The umask can only be read by setting it; it is set to the strictest value for that
    instant, so a file another thread creates meanwhile comes out private, never open.
    """
    with _umask_lock:
        umask = os.umask(0o077)
        os.umask(umask)
    return 0o666 & ~umask


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
