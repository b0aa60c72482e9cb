"""The items of a recursive `cp`/`mv` that `--exclude`/`--include` let through.

Without rules the engine walks the folder or lists the prefix itself; with rules the command
chooses the items (as sync does) and hands them to `TransferEngine.submit_items`, so the job
is journaled with exactly these and resumes without choosing again.
"""

from __future__ import annotations

from pathlib import Path

from app.core.s3.session import S3Session
from app.core.transfers.journal import ItemRecord
from app.core.transfers.name_filter import NameFilter
from app.core.transfers.names import DownloadPlanner
from app.core.transfers.upload_plan import upload_items as _upload_items


def upload_items(folder: Path, prefix: str, names: NameFilter) -> list[ItemRecord]:
    return list(_upload_items(folder.absolute(), "", prefix, names=names))


def download_items(
    session: S3Session, bucket: str, prefix: str, folder: Path, names: NameFilter
) -> list[ItemRecord]:
    """Keys whose names cannot be written here are left out: a plain recursive download
    reports them as refused, and so does a filtered one when no rule excludes them."""
    planner = DownloadPlanner(folder.absolute(), prefix)
    items = []
    for page in session.list_prefix(bucket, prefix, delimiter=None):
        for entry in page.objects:
            relative = entry.key[len(prefix) :]
            if not relative or not names.includes(relative):
                continue
            decision = planner.add(entry.key)
            if decision.is_folder and not decision.skipped:
                continue  # folder markers carry no data
            if decision.skipped or decision.path is None:
                message = " ".join(decision.messages)
                items.append(
                    ItemRecord("", 0, "", bucket, entry.key, 0, state="refused", error=message)
                )
            else:
                items.append(ItemRecord("", 0, str(decision.path), bucket, entry.key, entry.size))
    return items
