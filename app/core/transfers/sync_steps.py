"""A two-way sync's items that its (upload) job runs other than uploads: downloads, and the
steps that set a conflict's older version aside before any transfer runs.

The engine runs the set-aside steps first (`runs_first`) and the transfers only once they all
succeeded, so a version is never overwritten before its copy exists: a local rename, or a
server-side copy (`copy.py`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.core.transfers.digests import etag_hex
from app.core.transfers.journal import ItemRecord
from app.core.transfers.local_names import ensure_inside

SYNC_STEP = "sync_step"  # item.extra key
DOWNLOAD = "download"
RENAME_LOCAL = "rename-local"
COPY_REMOTE = "copy-remote"

log = logging.getLogger(__name__)


def download_record(local_path: str, bucket: str, key: str, size: int) -> ItemRecord:
    return ItemRecord("", 0, local_path, bucket, key, size, extra={SYNC_STEP: DOWNLOAD})


def rename_record(
    local_path: str, target: str, bucket: str, key: str, size: int, mtime_ns: int
) -> ItemRecord:
    """Renames `local_path` to `target`; counts no bytes."""
    extra = {SYNC_STEP: RENAME_LOCAL, "target": target, "object_size": size}
    return ItemRecord("", 0, local_path, bucket, key, 0, mtime_ns, extra=extra)


def copy_record(bucket: str, source_key: str, target_key: str, size: int, etag: str) -> ItemRecord:
    """Pinned to the planned version; if the object was replaced since, the copy (`copy.py`)
    starts over with the version there now, so what is set aside is always what the upload
    will overwrite."""
    extra = {SYNC_STEP: COPY_REMOTE, "source_bucket": bucket, "source_key": source_key}
    source = f"s3://{bucket}/{source_key}"
    return ItemRecord(
        "", 0, source, bucket, target_key, size, remote_etag=etag_hex(etag) or None, extra=extra
    )


def step_of(item: ItemRecord) -> str:
    return str(item.extra.get(SYNC_STEP, ""))


def is_download(item: ItemRecord) -> bool:
    return step_of(item) == DOWNLOAD


def runs_first(item: ItemRecord) -> bool:
    return step_of(item) in (RENAME_LOCAL, COPY_REMOTE)


class SetAsideError(Exception):
    """The older version could not be set aside; the transfers of the sync do not run."""


def rename_local(folder: Path, item: ItemRecord) -> None:
    """Rename the planned file to its conflict name, never over another file; done already
    (a resumed job) when the file is gone and the new name holds a file of its size."""
    source, target = Path(item.local_path), Path(str(item.extra["target"]))
    try:
        ensure_inside(folder, source)
        ensure_inside(folder, target)
    except ValueError as exc:
        raise SetAsideError(f"not renamed: {exc}") from None
    size = item.extra.get("object_size")
    if not source.exists():
        if target.is_file() and target.stat().st_size == size:
            return
        raise SetAsideError(f"not renamed: {source} is gone since the sync was planned.")
    st = source.stat()
    if (st.st_size, st.st_mtime_ns) != (size, item.mtime_ns):
        raise SetAsideError(f"not renamed: {source} changed after the sync was planned.")
    if os.path.lexists(target):
        raise SetAsideError(f"not renamed: {target} exists.")
    source.rename(target)
    log.info("Sync kept the older %s as %s", source, target)
