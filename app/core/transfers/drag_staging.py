"""Where objects dragged out to a file manager are downloaded first (`$cache/eider/drag`).

A file manager is handed `file://` URLs to this folder when the drag starts, before anything is
downloaded (see `app/ui/dnd/drag_out.py` and the research note on drag-out): a URL must never
name a partial file. So each drag gets its own folder, `<root>/<uuid>/`, and:

- a file is downloaded by the engine, which writes `<name>.eider-partial` and renames it to
  `<name>` only once complete and verified;
- a folder is downloaded into `<uuid>/.eider-work/<name>/` and moved to `<uuid>/<name>` by
  `publish` once its job is done, so a half-filled folder never appears under its name.

A failed or cancelled download leaves nothing under the final name. Folders older than an
hour are swept at the next drag (the file manager has copied them long before).
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from app.core import paths

WORK = ".eider-work"
MAX_AGE = 3600.0  # seconds a staging folder is kept


def staging_root() -> Path:
    return paths.cache_dir() / "drag"


def new_staging_folder(root: Path | None = None) -> Path:
    folder = (root or staging_root()) / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return folder


def object_name(key: str, bucket: str = "") -> str:
    """The local name of an object or folder (`key` ending in '/'); the bucket's for ''."""
    name = key.rstrip("/").rsplit("/", 1)[-1] or bucket
    return "_" if name in ("", ".", "..") else name.replace("\0", "_")


def final_path(folder: Path, key: str, bucket: str = "") -> Path:
    """Where a dragged object or folder appears once complete."""
    return folder / object_name(key, bucket)


def download_path(folder: Path, key: str, bucket: str = "") -> Path:
    """Where the engine downloads it: the final path for a file (the engine renames a partial
    file itself), a hidden work folder for a folder."""
    if key and not key.endswith("/"):
        return final_path(folder, key, bucket)
    return folder / WORK / object_name(key, bucket)


def publish(folder: Path, key: str, bucket: str = "") -> Path:
    """Move a completely downloaded folder to its final name (a file is there already)."""
    final = final_path(folder, key, bucket)
    work = download_path(folder, key, bucket)
    if work != final:
        if not work.exists():
            work.mkdir(parents=True)  # an empty folder downloads nothing
        work.replace(final)
    return final


def discard_work(folder: Path, key: str, bucket: str = "") -> None:
    """Forget what a failed or cancelled folder download left in the work folder."""
    work = download_path(folder, key, bucket)
    if work != final_path(folder, key, bucket):
        shutil.rmtree(work, ignore_errors=True)


def sweep(root: Path | None = None, max_age: float = MAX_AGE, now: float | None = None) -> int:
    """Delete staging folders older than `max_age` seconds; returns how many went."""
    root = root or staging_root()
    if not root.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for child in root.iterdir():
        try:
            old = now - child.stat().st_mtime > max_age
        except OSError:
            continue
        if old and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
            removed += 1
    return removed
