"""The transfer journal: what was asked, what is done, so a crash loses no finished work.

SQLite in WAL mode under the state directory. One connection, one writer (a lock), short
transactions: a job row, its items (one per file or object), each item's multipart upload id
and each finished part or downloaded range.

`synchronous=NORMAL`: in WAL mode a commit survives the process being killed (`kill -9`); only
a power loss can drop the last few commits, never corrupt the file. Everything the journal
holds can be re-learnt at a cost: a lost part record means the part is sent again (ListParts
reconciliation accepts only parts the journal knows), a lost upload id is found again with
ListMultipartUploads, and a lost download range is fetched again. A range or part recorded
before its bytes reached the disk is caught before the target is replaced: a resumed download
re-reads its finished parts against their recorded MD5s (refetching only those that differ),
and a ranged download is hashed as a whole. FULL would add an fsync to every part record for no
extra safety.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.explained import ExplainedError
from app.core.private_files import make_private_file

Step = Callable[[sqlite3.Connection], None]

# The schema of the first release (journal version 1). Never edit it: a change is a new step.
_V1 = (
    """CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    state TEXT NOT NULL,
    spec TEXT NOT NULL,
    options TEXT NOT NULL,
    error TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_path TEXT NOT NULL,
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    upload_id TEXT,
    upload_started REAL,
    part_size INTEGER,
    remote_etag TEXT,
    error TEXT,
    extra TEXT NOT NULL DEFAULT '{}'
)""",
    "CREATE INDEX IF NOT EXISTS items_job ON items(job_id, seq)",
    "CREATE INDEX IF NOT EXISTS items_key ON items(bucket, key)",
    """CREATE TABLE IF NOT EXISTS parts (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT,
    checksum TEXT,
    PRIMARY KEY (item_id, number)
)""",
)


def _create_version_1(db: sqlite3.Connection) -> None:
    """An empty file (version 0), or one whose first creation stopped midway: the tables.
    IF NOT EXISTS, because before versions were read a crash could leave tables at 0."""
    for statement in _V1:
        db.execute(statement)


# Step n takes a journal from version n to n + 1, inside the one transaction that opens it.
# Journal versions so far: 1, the first release's tables (job specs have since gained optional
# keys such as "bookmark_id", read with defaults; claims live in files beside the journal), so
# nothing to migrate yet. A change to the tables appends a step and never edits a released one;
# tests/unit/core/transfers/test_journal_schema.py keeps each released schema to migrate from.
MIGRATIONS: tuple[Step, ...] = (_create_version_1,)
SCHEMA_VERSION = len(MIGRATIONS)


class JournalTooNew(ExplainedError):
    """The journal was written by a newer Eider; it is left untouched."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            f"The transfer journal {path} is from a newer Eider (journal version {version}; "
            f"this one reads up to {SCHEMA_VERSION}) and was left as it is. Update Eider to "
            "resume its jobs, or move the file aside to start an empty journal."
        )
        self.path = path
        self.version = version


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, path: Path, steps: Sequence[Step] = MIGRATIONS) -> int:
    """Bring the journal open in `db` (outside a transaction) to `len(steps)`, one step at a
    time in one transaction: a failed step leaves the file as it was. Returns the version found.

    Raises JournalTooNew, changing nothing, for a journal of a newer version."""
    db.execute("BEGIN IMMEDIATE")  # one process migrates; another waits, then finds it done
    try:
        found = schema_version(db)
        if found > len(steps):
            raise JournalTooNew(path, found)
        for version in range(found, len(steps)):
            steps[version](db)
            db.execute(f"PRAGMA user_version={version + 1}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found


@dataclass
class JobRecord:
    id: str
    kind: str
    endpoint: str
    state: str
    spec: dict[str, Any]
    options: str
    error: str | None
    created: float
    updated: float


@dataclass
class ItemRecord:
    job_id: str
    seq: int
    local_path: str
    bucket: str
    key: str
    size: int
    mtime_ns: int = 0
    state: str = "queued"
    upload_id: str | None = None
    upload_started: float | None = None
    part_size: int | None = None
    remote_etag: str | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass(frozen=True)
class PartRecord:
    number: int
    offset: int
    size: int
    etag: str | None
    checksum: str | None


_ITEM_COLUMNS = (
    "job_id",
    "seq",
    "local_path",
    "bucket",
    "key",
    "size",
    "mtime_ns",
    "state",
    "upload_id",
    "upload_started",
    "part_size",
    "remote_etag",
    "error",
    "extra",
)
_UPDATABLE = frozenset(_ITEM_COLUMNS) - {"job_id", "seq"}


def default_path() -> Path:
    return paths.state_dir() / "transfers.sqlite3"


class Journal:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # SQLite gives its -wal and -shm files the database file's mode: all user-only.
        make_private_file(self.path)
        self._lock = threading.Lock()
        self._pending: list[tuple[str, int | None]] = []
        self._pending_lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            self._db.execute("PRAGMA busy_timeout=5000")
            # Refused before anything is set on a newer Eider's file (WAL mode included).
            found = schema_version(self._db)
            if found > SCHEMA_VERSION:
                raise JournalTooNew(self.path, found)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            if found < SCHEMA_VERSION:  # a current journal opens without taking the write lock
                migrate(self._db, self.path)
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self.flush()
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    # -- jobs ------------------------------------------------------------------------------------

    def create_job(
        self, job_id: str, kind: str, endpoint: str, spec: dict[str, Any], options: str
    ) -> None:
        now = time.time()
        with self._tx() as db:
            db.execute(
                "INSERT INTO jobs (id, kind, endpoint, state, spec, options, created, updated)"
                " VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
                (job_id, kind, endpoint, json.dumps(spec), options, now, now),
            )

    def create_job_with_items(
        self,
        job_id: str,
        kind: str,
        endpoint: str,
        spec: dict[str, Any],
        options: str,
        items: list[ItemRecord],
    ) -> None:
        """A job and its items in one transaction: after a crash either both exist or neither,
        so a job whose items were chosen by the caller can never be found empty and re-planned."""
        now = time.time()
        with self._tx() as db:
            db.execute(
                "INSERT INTO jobs (id, kind, endpoint, state, spec, options, created, updated)"
                " VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
                (job_id, kind, endpoint, json.dumps(spec), options, now, now),
            )
            for item in items:
                cursor = db.execute(
                    f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)})"  # noqa: S608
                    f" VALUES ({', '.join('?' * len(_ITEM_COLUMNS))})",
                    [
                        json.dumps(item.extra) if c == "extra" else getattr(item, c)
                        for c in _ITEM_COLUMNS
                    ],
                )
                item.id = cursor.lastrowid

    def set_job_state(self, job_id: str, state: str, error: str | None = None) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state = ?, error = ?, updated = ? WHERE id = ?",
                (state, error, time.time(), job_id),
            )

    def set_job_place(self, job_id: str, endpoint: str, spec: dict[str, Any]) -> None:
        """Point a job at another connection (its bookmark was removed or changed)."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET endpoint = ?, spec = ?, updated = ? WHERE id = ?",
                (endpoint, json.dumps(spec), time.time(), job_id),
            )

    def job(self, job_id: str) -> JobRecord | None:
        rows = self._query("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return _job(rows[0]) if rows else None

    def jobs(self, states: Iterable[str] | None = None) -> list[JobRecord]:
        if states is None:
            rows = self._query("SELECT * FROM jobs ORDER BY created")
        else:
            wanted = list(states)
            marks = ",".join("?" * len(wanted))
            rows = self._query(
                f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY created",  # noqa: S608
                wanted,
            )
        return [_job(r) for r in rows]

    def delete_job(self, job_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def set_job_spec(self, job_id: str, spec: dict[str, Any]) -> None:
        """Record what planning decided (a duplicate's free name), so a resume keeps it."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET spec = ?, updated = ? WHERE id = ?",
                (json.dumps(spec), time.time(), job_id),
            )

    # -- items -----------------------------------------------------------------------------------

    def add_items(self, items: list[ItemRecord]) -> None:
        """Insert items (in one transaction) and fill in their ids."""
        with self._tx() as db:
            for item in items:
                cursor = db.execute(
                    f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)})"  # noqa: S608
                    f" VALUES ({', '.join('?' * len(_ITEM_COLUMNS))})",
                    [
                        json.dumps(item.extra) if c == "extra" else getattr(item, c)
                        for c in _ITEM_COLUMNS
                    ],
                )
                item.id = cursor.lastrowid

    def update_item(self, item: ItemRecord, **changes: Any) -> None:
        """Set fields on `item` and persist them in one statement."""
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"Not an item field: {sorted(unknown)}")
        for name, value in changes.items():
            setattr(item, name, value)
        columns = ", ".join(f"{name} = ?" for name in changes)
        values = [json.dumps(v) if k == "extra" else v for k, v in changes.items()]
        with self._tx() as db:
            db.execute(
                f"UPDATE items SET {columns} WHERE id = ?",  # noqa: S608
                [*values, item.id],
            )

    def set_items_state(
        self, items: list[ItemRecord], state: str, errors: dict[int, str] | None = None
    ) -> None:
        """One transaction for many items (a delete batch); `errors` by item id."""
        errors = errors or {}
        with self._tx() as db:
            for item in items:
                item.state = "failed" if item.id in errors else state
                item.error = errors.get(item.id or -1)
                db.execute(
                    "UPDATE items SET state = ?, error = ? WHERE id = ?",
                    (item.state, item.error, item.id),
                )

    def mark_later(self, item: ItemRecord, state: str) -> None:
        """Record `state` for `item` with the next `flush()` (one transaction for many).

        For marks whose loss costs little: a small file whose "done" is lost in a crash is
        sent again (after the conflict check), and one commit per small file was the engine's
        main cost on trees of many small files.
        """
        item.state = state
        with self._pending_lock:
            self._pending.append((state, item.id))

    def flush(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, []
        if pending:
            with self._tx() as db:
                db.executemany("UPDATE items SET state = ? WHERE id = ?", pending)

    def items(self, job_id: str) -> list[ItemRecord]:
        rows = self._query("SELECT * FROM items WHERE job_id = ? ORDER BY seq", (job_id,))
        return [_item(r) for r in rows]

    def uploads_for_key(self, endpoint: str, bucket: str, key: str) -> list[ItemRecord]:
        """Unfinished multipart uploads the journal knows for one key (any job)."""
        rows = self._query(
            "SELECT items.* FROM items JOIN jobs ON jobs.id = items.job_id"
            " WHERE jobs.endpoint = ? AND items.bucket = ? AND items.key = ?"
            " AND items.upload_id IS NOT NULL AND items.state != 'done'"
            " AND jobs.kind = 'upload'",
            (endpoint, bucket, key),
        )
        return [_item(r) for r in rows]

    # -- parts -----------------------------------------------------------------------------------

    def record_part(
        self,
        item: ItemRecord,
        number: int,
        offset: int,
        size: int,
        etag: str | None = None,
        checksum: str | None = None,
    ) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO parts (item_id, number, offset, size, etag, checksum)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (item.id, number, offset, size, etag, checksum),
            )

    def parts(self, item: ItemRecord) -> dict[int, PartRecord]:
        rows = self._query(
            "SELECT number, offset, size, etag, checksum FROM parts WHERE item_id = ?"
            " ORDER BY number",
            (item.id,),
        )
        return {r["number"]: PartRecord(*r) for r in rows}

    def forget_parts(self, item: ItemRecord, numbers: Iterable[int] | None = None) -> None:
        with self._tx() as db:
            if numbers is None:
                db.execute("DELETE FROM parts WHERE item_id = ?", (item.id,))
            else:
                db.executemany(
                    "DELETE FROM parts WHERE item_id = ? AND number = ?",
                    [(item.id, n) for n in numbers],
                )


def _job(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=row["id"],
        kind=row["kind"],
        endpoint=row["endpoint"],
        state=row["state"],
        spec=json.loads(row["spec"]),
        options=row["options"],
        error=row["error"],
        created=row["created"],
        updated=row["updated"],
    )


def _item(row: sqlite3.Row) -> ItemRecord:
    data = {c: row[c] for c in _ITEM_COLUMNS}
    data["extra"] = json.loads(data["extra"] or "{}")
    return ItemRecord(id=row["id"], **data)
