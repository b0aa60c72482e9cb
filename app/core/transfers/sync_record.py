"""The record of a two-way sync: each name as both sides held it when the last run left them
equal, kept per (local folder, endpoint and account, bucket, prefix) in Eider's state folder.

A two-way sync tells "deleted here" from "new there" by it: a name in the record and gone from
one side was deleted on that side. With no record (a first run, or an unreadable one) nothing
is ever deleted. The file is replaced atomically after a successful run, so a crash leaves the
previous record or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.atomic_file import move_aside, write_atomically
from app.core.s3.session import S3Session
from app.core.transfers.sync_plan import SyncedState

SCHEMA = 1
log = logging.getLogger(__name__)


def record_key(session: S3Session, folder: Path, bucket: str, prefix: str) -> str:
    """Which pair a record belongs to (no secret: the access key id names the account)."""
    conn = session.connection
    endpoint = f"{conn.endpoint_url or 'aws'}|{conn.credentials.access_key_id}"
    return json.dumps([str(folder.absolute()), endpoint, bucket, prefix])


def record_path(key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return paths.state_dir() / "sync" / f"{digest}.json"


def load_record(key: str) -> dict[str, SyncedState] | None:
    """The names of the last two-way run of this pair, or None when there was none."""
    path = record_path(key)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("The sync record %s cannot be read (%s); set aside", path, exc)
        _set_aside(path)
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("key") != key:
        log.warning("The sync record %s is not one this Eider reads; set aside", path)
        _set_aside(path)
        return None
    entries: dict[str, SyncedState] = {}
    for name, row in dict(data.get("names", {})).items():
        try:
            local_size, mtime_ns, remote_size, etag = row
            entries[str(name)] = SyncedState(int(local_size), int(mtime_ns), int(remote_size), etag)
        except (TypeError, ValueError):
            continue  # a damaged row: that name is treated as never synced (nothing deleted)
    return entries


def save_record(key: str, entries: dict[str, SyncedState]) -> None:
    document = {
        "schema": SCHEMA,
        "key": key,
        "names": {name: list(state) for name, state in sorted(entries.items())},
    }
    write_atomically(record_path(key), json.dumps(document, separators=(",", ":")))


def _set_aside(path: Path) -> None:
    try:
        move_aside(path, "unreadable")
    except OSError:
        log.warning("The sync record %s could not be set aside", path)
