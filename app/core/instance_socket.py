"""Where the running Eider listens for later starts (`app/ui/single_instance.py`), and the
checks that make that place safe to use.

One socket per user and Eider home: under the user's runtime folder ($XDG_RUNTIME_DIR, else a
`eider-<uid>` folder in the temporary folder), in a folder only the user may enter (0700). A
folder or socket owned by someone else is refused, never used or removed: another user could
otherwise receive the files this user opens, or feed this user's Eider requests. An Eider home
of its own (`EIDER_HOME`, as the tests use) gets a socket of its own.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core import paths
from app.core.explained import ExplainedError


class UnsafeInstanceSocket(RuntimeError, ExplainedError):
    """The socket's folder or file belongs to another user or is open to others."""


def _home_tag() -> str:
    return hashlib.sha256(str(paths.config_dir().resolve()).encode()).hexdigest()[:12]


def socket_name() -> str:
    """The name for Windows' named pipes (per user and home; pipes have no folder)."""
    return f"eider-{getpass.getuser()}-{_home_tag()}"


def runtime_folder() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        return Path(runtime) / "eider"
    return Path(tempfile.gettempdir()) / f"eider-{os.getuid()}"


def private_folder(folder: Path) -> Path:
    """`folder`, made 0700 if missing; refused unless it is a real folder of this user that
    nobody else may enter."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise UnsafeInstanceSocket(
            f"Cannot make {folder} for Eider's instance socket: {exc.strerror or exc}"
        ) from exc
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeInstanceSocket(f"{folder} is not a folder (a link?): not used for the socket")
    if info.st_uid != os.getuid():
        raise UnsafeInstanceSocket(
            f"{folder} belongs to another user (uid {info.st_uid}): not used for Eider's socket"
        )
    if info.st_mode & 0o077:
        raise UnsafeInstanceSocket(
            f"{folder} is open to other users (mode {stat.S_IMODE(info.st_mode):o}): "
            "not used for Eider's socket; make it 0700 or remove it"
        )
    return folder


def socket_path() -> Path:
    return private_folder(runtime_folder()) / f"instance-{_home_tag()}.sock"


def check_socket_owner(path: Path) -> bool:
    """True when `path` exists and is this user's socket; False when it does not exist.
    Anything else (another user's socket, a plain file) is refused."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if info.st_uid != os.getuid():
        raise UnsafeInstanceSocket(
            f"{path} belongs to another user (uid {info.st_uid}): Eider does not connect to it"
        )
    if not stat.S_ISSOCK(info.st_mode):
        raise UnsafeInstanceSocket(f"{path} is not a socket: Eider leaves it alone")
    return True


@contextmanager
def start_lock(socket: Path) -> Iterator[None]:
    """Held while a starting Eider looks for a running one and, finding none, listens: two
    Eiders started at once cannot both decide to be the first one."""
    if sys.platform == "win32":  # named pipes need no lock file
        yield
        return
    import fcntl

    # One lock file for the folder (never removed: unlinking a lock file races with its
    # takers), so homes that come and go (tests) leave no files behind but their sockets.
    fd = os.open(str(socket.parent / "start.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
