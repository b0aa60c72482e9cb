"""A sync's planned deletions, carried by its transfer job as items of their own.

They are journaled with the job's transfers, so a sync is one job that resumes as a whole;
the engine runs them only after every transfer of the job succeeded (`TransferEngine`):
remote ones in DeleteObjects batches, local ones only inside the job's folder and only if
the file is still the one planned (same size and modification time).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.core.transfers.journal import ItemRecord
from app.core.transfers.local_names import ensure_inside

SYNC_DELETE = "sync_delete"  # item.extra key: "remote" or "local"
REMOTE = "remote"
LOCAL = "local"

log = logging.getLogger(__name__)


def deletion_record(
    where: str, local_path: str, bucket: str, key: str, size: int, mtime_ns: int
) -> ItemRecord:
    """An item that deletes; its size counts no bytes (nothing is transferred)."""
    return ItemRecord(
        "", 0, local_path, bucket, key, 0, mtime_ns, extra={SYNC_DELETE: where, "object_size": size}
    )


def is_sync_deletion(item: ItemRecord) -> bool:
    return SYNC_DELETE in item.extra


def is_remote(item: ItemRecord) -> bool:
    return item.extra.get(SYNC_DELETE) == REMOTE


def delete_local_file(folder: Path, item: ItemRecord) -> str | None:
    """Delete the planned file; None when it is gone, else why it was left."""
    path = Path(item.local_path)
    try:
        ensure_inside(folder, path)
        st = path.lstat()
    except FileNotFoundError:
        return None  # already gone: the mirror has what was asked
    except (ValueError, OSError) as exc:
        return f"not deleted: {exc}"
    if (st.st_size, st.st_mtime_ns) != (item.extra.get("object_size"), item.mtime_ns):
        return "not deleted: the file changed after the sync was planned."
    try:
        os.unlink(path)  # noqa: PTH108
    except OSError as exc:
        return f"not deleted: {exc}"
    log.info("Sync deleted %s", path)
    return None
