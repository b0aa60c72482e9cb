"""A secret in a file only the user can read (0600, in a 0700 folder).

For secrets that are no more secret than the folder they sit in: the local sandbox's key,
which its server's own data folder holds anyway. Refused when others could read it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.atomic_file import write_atomically
from app.core.secrets.errors import KeyFileUnreadable, KeyFileUnsafe

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def write_key_file(path: Path, value: str) -> None:
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    path.parent.chmod(FOLDER_MODE)
    write_atomically(path, value + "\n")  # mkstemp makes the temp file 0600
    path.chmod(FILE_MODE)


def read_key_file(path: Path) -> str | None:
    """The secret, or None when the file does not exist."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileUnreadable(path, exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileUnsafe(path, "it is not a plain file")
    if info.st_mode & 0o077:
        raise KeyFileUnsafe(path, "other users can read or change it")
    if info.st_uid != os.getuid():
        raise KeyFileUnsafe(path, "it belongs to another user")
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or type(exc).__name__
        raise KeyFileUnreadable(path, why) from None
