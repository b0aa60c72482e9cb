"""The journal reads its schema version: it migrates older journals forward step by step and
refuses, untouched, a journal written by a newer Eider.

Older journals are built here from the DDL their release used (tests/fixtures/journal_schemas/),
never from today's code, so a change to today's schema cannot hide a missing migration.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from app.core.errors import describe
from app.core.transfers.journal import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ItemRecord,
    Journal,
    JournalTooNew,
    migrate,
)

SCHEMAS = Path(__file__).parents[3] / "fixtures" / "journal_schemas"


def _version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _v1_journal(path: Path) -> Path:
    """A journal as the first release left it: an upload half done (one part sent)."""
    db = sqlite3.connect(path)
    db.executescript((SCHEMAS / "v1.sql").read_text())
    spec = {"local_root": "/data", "bucket": "b", "prefix": "in/"}  # no "bookmark_id" then
    db.execute(
        "INSERT INTO jobs VALUES ('job-1', 'upload', 'http://127.0.0.1:1', 'paused', ?, '{}',"
        " NULL, 1.0, 2.0)",
        (json.dumps(spec),),
    )
    db.execute(
        "INSERT INTO items (job_id, seq, local_path, bucket, key, size, state, upload_id,"
        " part_size) VALUES ('job-1', 0, '/data/big', 'b', 'in/big', 12, 'running', 'up-1', 6)"
    )
    db.execute("INSERT INTO parts VALUES (1, 1, 0, 6, '\"etag-1\"', NULL)")
    db.commit()
    db.close()
    return path


def test_a_new_journal_is_created_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    assert _version(path) == SCHEMA_VERSION == len(MIGRATIONS)
    assert "extra" in _columns(path, "items")


def test_a_journal_of_the_first_release_opens_with_its_jobs(tmp_path: Path) -> None:
    path = _v1_journal(tmp_path / "journal.sqlite3")

    journal = Journal(path)
    try:
        [job] = journal.jobs()
        assert (job.id, job.kind, job.state) == ("job-1", "upload", "paused")
        assert "bookmark_id" not in job.spec  # read with a default by the service
        [item] = journal.items("job-1")
        assert (item.key, item.upload_id, item.part_size, item.extra) == ("in/big", "up-1", 6, {})
        assert journal.parts(item)[1].etag == '"etag-1"'
        assert [i.key for i in journal.uploads_for_key("http://127.0.0.1:1", "b", "in/big")] == [
            "in/big"
        ]
        # And it is written as today's Eider writes.
        journal.set_job_spec("job-1", {**job.spec, "bookmark_id": "bm"})
        journal.add_items([ItemRecord("job-1", 1, "/data/small", "b", "in/small", 1)])
    finally:
        journal.close()
    assert _version(path) == SCHEMA_VERSION


def test_a_file_whose_creation_stopped_before_its_version_was_written_is_completed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.sqlite3"
    first_release = (SCHEMAS / "v1.sql").read_text().replace("PRAGMA user_version=1;", "")
    with sqlite3.connect(path) as db:  # tables made, user_version never set (still 0)
        db.executescript(first_release)
        db.execute("INSERT INTO jobs VALUES ('j', 'delete', 'e', 'queued', '{}', '{}', NULL, 1, 1)")
    journal = Journal(path)
    try:
        assert [j.id for j in journal.jobs()] == ["j"]
    finally:
        journal.close()
    assert _version(path) == SCHEMA_VERSION
    assert "checksum" in _columns(path, "parts")


# A next version as a future release might add it: a column with a default. The chain below
# is today's steps plus this one, to show each step runs once, in order, from the version found.
def _add_priority(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")


def _broken(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE items ADD COLUMN note TEXT")
    raise sqlite3.OperationalError("a step that fails halfway")


def test_migration_steps_run_in_order_from_the_version_found(tmp_path: Path) -> None:
    path = _v1_journal(tmp_path / "journal.sqlite3")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        assert migrate(db, path, (*MIGRATIONS, _add_priority)) == 1
        assert migrate(db, path, (*MIGRATIONS, _add_priority)) == 2  # nothing left to do
    finally:
        db.close()
    assert _version(path) == 2
    assert _columns(path, "jobs")[-1] == "priority"
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT id, priority FROM jobs").fetchall() == [("job-1", 0)]


def test_a_step_that_fails_leaves_the_journal_as_it_was(tmp_path: Path) -> None:
    path = _v1_journal(tmp_path / "journal.sqlite3")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="halfway"):
            migrate(db, path, (*MIGRATIONS, _add_priority, _broken))
    finally:
        db.close()
    assert _version(path) == 1
    assert "priority" not in _columns(path, "jobs")
    assert "note" not in _columns(path, "items")


def test_a_journal_of_a_newer_eider_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = _v1_journal(tmp_path / "journal.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE jobs ADD COLUMN from_the_future TEXT")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    files_before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(JournalTooNew) as caught:
        Journal(path)

    message = str(caught.value)
    assert str(path) in message
    assert f"journal version {SCHEMA_VERSION + 1}" in message
    assert f"up to {SCHEMA_VERSION}" in message and "Update Eider" in message
    assert describe(caught.value).message == message  # told as written, not as "unexpected"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no WAL file either
    assert _version(path) == SCHEMA_VERSION + 1
