"""How far a journaled job got, read from the journal alone (no engine, no server)."""

from __future__ import annotations

from app.core.transfers.journal import JobRecord, Journal
from app.core.transfers.progress import Sample

DONE_ITEMS = frozenset({"done", "skipped", "superseded", "refused"})


def journal_progress(journal: Journal, record: JobRecord) -> Sample:
    """Bytes and files done of a job an earlier run (or another process) left in the journal;
    a multipart upload or copy counts its journaled parts."""
    done = total = files_done = failed = skipped = 0
    items = journal.items(record.id)
    for item in items:
        total += item.size
        if item.state in DONE_ITEMS:
            files_done += 1
            if item.state == "skipped":
                skipped += 1
            elif item.state == "refused":
                failed += 1
            else:
                done += item.size
        elif item.state == "failed":
            failed += 1
        elif record.kind != "download":  # multipart uploads and copies journal their parts
            done += sum(p.size for p in journal.parts(item).values())
    return Sample(done, total, files_done, len(items), failed, skipped, 0.0, None)
