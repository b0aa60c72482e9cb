"""The items of a recursive `cp`/`mv` that `--exclude`/`--include` let through.

Without rules the engine walks the folder or lists the prefix itself; with rules the command
chooses the items (as sync does) and hands them to `TransferEngine.submit_items`, so the job
is journaled with exactly these and resumes without choosing again.
"""

from __future__ import annotations

from pathlib import Path

from app.core.s3.session import S3Session
from app.core.transfers.download_plan import listed_download_items
from app.core.transfers.journal import ItemRecord
from app.core.transfers.name_filter import NameFilter
from app.core.transfers.upload_plan import upload_items as _upload_items


def upload_items(folder: Path, prefix: str, names: NameFilter) -> list[ItemRecord]:
    return list(_upload_items(folder.absolute(), "", prefix, names=names))


def download_items(
    session: S3Session, bucket: str, prefix: str, folder: Path, names: NameFilter
) -> list[ItemRecord]:
    """Keys whose names cannot be written here are refused items, as in a plain recursive
    download, unless a rule excludes them."""
    return list(listed_download_items(session, bucket, prefix, folder.absolute(), names=names))
