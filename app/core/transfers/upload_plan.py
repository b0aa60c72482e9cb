"""The items an upload of a local file or folder tree sends: one walk for every caller.

Files in a stable (sorted) order; keys in NFC, so a name spelt NFD on disk (macOS) gets the
same key as its NFC twin; a symlink whose target is gone is left out. `names` keeps only the
relative names its `--exclude`/`--include` rules let through.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from app.core.transfers.journal import ItemRecord
from app.core.transfers.local_names import nfc
from app.core.transfers.name_filter import NameFilter


def upload_items(
    local: str | Path,
    bucket: str,
    key: str,
    job_id: str = "",
    names: NameFilter | None = None,
) -> Iterator[ItemRecord]:
    root = Path(local)
    if root.is_file():
        if not key or key.endswith("/"):
            key = f"{key}{nfc(root.name)}"
        st = root.stat()
        yield ItemRecord(job_id, 0, str(root), bucket, key, st.st_size, st.st_mtime_ns)
        return
    prefix = key if not key or key.endswith("/") else f"{key}/"
    seq = 0
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() and not path.exists():
                continue
            relative = nfc(path.relative_to(root).as_posix())  # one key for NFD and NFC
            if names is not None and not names.includes(relative):
                continue
            st = path.stat()
            yield ItemRecord(
                job_id, seq, str(path), bucket, prefix + relative, st.st_size, st.st_mtime_ns
            )
            seq += 1
