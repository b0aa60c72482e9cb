"""Synchronising a local folder and a prefix: the plan (what would change, and why).

The same planner serves the dry run and the real job, so the two cannot disagree. Names are
compared in Unicode NFC, so a macOS (NFD) file name and its key are one entry.

Comparison by size and time: an upload is skipped when the object has the file's size and
was stored after the file last changed; a download is skipped when the file has the object's
size and is not older than the object (downloads by sync take the object's time as their
mtime, so the next sync sees them as current). By checksum: the file's MD5 against a plain
ETag, or against a multipart ETag rebuilt with the job's part size; any doubt transfers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from app.core.s3.session import ObjectEntry, S3Session
from app.core.transfers import digests
from app.core.transfers.names import DownloadPlanner, nfc
from app.core.transfers.options import ChecksumAlgorithm, TransferOptions, choose_part_size

# Listings give LastModified in whole seconds: a file changed within the second of its
# upload looks current (the price every size-and-time sync pays; use CHECKSUM to be exact).
LISTING_PRECISION = 1.0


class SyncDirection(StrEnum):
    UP = "up"  # the prefix becomes like the folder
    DOWN = "down"  # the folder becomes like the prefix


class SyncCompare(StrEnum):
    SIZE_TIME = "size-time"
    CHECKSUM = "checksum"


class ActionKind(StrEnum):
    UPLOAD = "upload"
    DOWNLOAD = "download"
    DELETE_REMOTE = "delete-remote"
    DELETE_LOCAL = "delete-local"


@dataclass(frozen=True)
class SyncAction:
    kind: ActionKind
    relative: str  # the name under both roots, '/'-separated, NFC
    local_path: str
    key: str
    size: int
    reason: str  # "new", "size differs", "newer", "checksum differs", "extra"


@dataclass(frozen=True)
class SyncRequest:
    local: str
    bucket: str
    prefix: str
    direction: SyncDirection
    delete_extras: bool = False
    compare: SyncCompare = SyncCompare.SIZE_TIME


def _local_files(root: Path) -> dict[str, tuple[Path, os.stat_result]]:
    """NFC relative name -> (the path as spelt on disk, its stat)."""
    found: dict[str, tuple[Path, os.stat_result]] = {}
    if not root.exists():
        return found
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            path = Path(folder) / name
            if name.endswith(".eider-partial") or (path.is_symlink() and not path.exists()):
                continue
            found[nfc(path.relative_to(root).as_posix())] = (path, path.stat())
    return found


def _remote_objects(session: S3Session, bucket: str, prefix: str) -> dict[str, ObjectEntry]:
    found: dict[str, ObjectEntry] = {}
    for page in session.list_prefix(bucket, prefix, delimiter=None):
        for entry in page.objects:
            relative = entry.key[len(prefix) :]
            if relative and not relative.endswith("/"):
                found[nfc(relative)] = entry
    return found


def _timestamp(last_modified: str) -> float:
    return datetime.fromisoformat(last_modified.replace("Z", "+00:00")).timestamp()


def _same_content(path: Path, size: int, etag: str, options: TransferOptions) -> bool:
    etag = digests.etag_hex(etag)
    if digests.is_plain_md5_etag(etag):
        hasher = digests.hash_file_range(str(path), 0, size, [ChecksumAlgorithm.MD5])
        return hasher.hex(ChecksumAlgorithm.MD5) == etag
    suffix = etag.rpartition("-")[2]
    if "-" not in etag or not suffix.isdigit():
        return False
    part = choose_part_size(size, options.part_size)
    md5 = ChecksumAlgorithm.MD5
    md5s = [
        digests.hash_file_range(str(path), offset, min(part, size - offset), [md5]).hex(md5)
        for offset in range(0, size, part)
    ]
    return len(md5s) == int(suffix) and digests.multipart_etag(md5s) == etag


def plan_sync(
    session: S3Session, request: SyncRequest, options: TransferOptions
) -> Iterator[SyncAction]:
    root = Path(request.local)
    prefix = (
        request.prefix
        if not request.prefix or request.prefix.endswith("/")
        else (f"{request.prefix}/")
    )
    local = _local_files(root)
    remote = _remote_objects(session, request.bucket, prefix)
    checksum = request.compare is SyncCompare.CHECKSUM
    if request.direction is SyncDirection.UP:
        for relative, (path, st) in sorted(local.items()):
            entry = remote.get(relative)
            reason = "new"
            if entry is not None:
                if entry.size != st.st_size:
                    reason = "size differs"
                elif checksum:
                    if _same_content(path, st.st_size, entry.etag, options):
                        continue
                    reason = "checksum differs"
                elif st.st_mtime < _timestamp(entry.last_modified) + LISTING_PRECISION:
                    continue
                else:
                    reason = "newer"
            yield SyncAction(
                ActionKind.UPLOAD, relative, str(path), prefix + relative, st.st_size, reason
            )
        if request.delete_extras:
            for relative, entry in sorted(remote.items()):
                if relative not in local:
                    yield SyncAction(
                        ActionKind.DELETE_REMOTE, relative, "", entry.key, entry.size, "extra"
                    )
        return
    planner = DownloadPlanner(root, prefix)
    for relative, entry in sorted(remote.items()):
        target = planner.add(entry.key)
        if target.skipped or target.path is None:
            continue  # unsafe or colliding names are the download job's to report
        found = local.get(relative)
        reason = "new"
        if found is not None:
            path, st = found
            if st.st_size != entry.size:
                reason = "size differs"
            elif checksum:
                if _same_content(path, entry.size, entry.etag, options):
                    continue
                reason = "checksum differs"
            elif st.st_mtime >= _timestamp(entry.last_modified):
                continue
            else:
                reason = "newer"
        yield SyncAction(
            ActionKind.DOWNLOAD, relative, str(target.path), entry.key, entry.size, reason
        )
    if request.delete_extras:
        for relative, (path, st) in sorted(local.items()):
            if relative not in remote:
                yield SyncAction(
                    ActionKind.DELETE_LOCAL, relative, str(path), "", st.st_size, "extra"
                )
