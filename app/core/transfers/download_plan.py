"""The items a download of every key under a prefix fetches: one plan for every caller.

Keys are taken in listing order and placed by `DownloadPlanner` (the first key wins a name).
Folder markers (the prefix's own among them) carry no data and are left out. A key that cannot
be written here (a clash, a name the local file system refuses) becomes a "refused" item whose
error says why, so the job reports it rather than dropping it silently. `names` keeps only the
keys (relative to the prefix) that `--exclude`/`--include` rules let through, before any of
them claims a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from app.core.s3.session import ObjectEntry, S3Session
from app.core.transfers.journal import ItemRecord
from app.core.transfers.local_names import DownloadPlanner
from app.core.transfers.name_filter import NameFilter


def download_items(
    entries: Iterable[ObjectEntry],
    bucket: str,
    prefix: str,
    folder: Path,
    job_id: str = "",
    names: NameFilter | None = None,
) -> Iterator[ItemRecord]:
    planner = DownloadPlanner(folder, prefix)
    seq = 0
    for entry in entries:
        if entry.key == prefix:
            continue  # the marker of the folder downloaded into
        if names is not None and not names.includes(entry.key[len(prefix) :]):
            continue
        decision = planner.add(entry.key)
        if decision.is_folder and not decision.skipped:
            continue  # folder markers carry no data
        if decision.skipped or decision.path is None:
            message = " ".join(decision.messages)
            yield ItemRecord(job_id, seq, "", bucket, entry.key, 0, state="refused", error=message)
        else:
            extra = {"renamed": list(decision.messages)} if decision.messages else {}
            yield ItemRecord(
                job_id, seq, str(decision.path), bucket, entry.key, entry.size, extra=extra
            )
        seq += 1


def listed_download_items(
    session: S3Session,
    bucket: str,
    prefix: str,
    folder: Path,
    job_id: str = "",
    names: NameFilter | None = None,
) -> Iterator[ItemRecord]:
    """`download_items` of every key the server lists under `prefix`, page by page."""
    entries = (
        entry
        for page in session.list_prefix(bucket, prefix, delimiter=None)
        for entry in page.objects
    )
    return download_items(entries, bucket, prefix, folder, job_id, names)
