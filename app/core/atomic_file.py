"""Files Eider keeps for itself (bookmarks, settings, issued links, imported profiles):
written so a crash leaves the old file or the new one, never a mix, and set aside rather than
overwritten when unreadable.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, text: str) -> None:
    _replace(path, lambda handle: handle.write(text.encode("utf-8")))


def copy_atomically(source: Path, target: Path) -> None:
    """`target` becomes a copy of `source`, whole or not at all."""
    with source.open("rb") as src:
        _replace(target, lambda handle: shutil.copyfileobj(src, handle))


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` to `<stem>.<label>-<UTC time><suffix>` (never over an earlier one)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.stem}.{label}-{stamp}-{counter}{path.suffix}")
        counter += 1
    path.replace(aside)
    return aside


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
