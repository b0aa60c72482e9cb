"""Eider's settings: one versioned JSON file under the config folder. No secrets, ever.

Only what the windows remember lives here so far: each table's column layout (order, widths,
which are hidden), keyed by column name so a column added in a later version simply shows
with its defaults. Changes are kept in memory at once and written by one background thread,
newest state last, atomically (a temporary file renamed over the old one). A file that cannot
be read is moved aside and the defaults are used; nothing is lost and nothing crashes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.atomic_file import move_aside, write_atomically

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
SCHEMA_VERSION = 1

# MIGRATIONS[n] turns a schema-n document into schema n + 1 (none needed yet).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class ColumnState:
    width: int | None = None  # None: the table's default (a stretching column has none)
    hidden: bool = False


@dataclass(frozen=True)
class TableLayout:
    order: tuple[str, ...] = ()  # column names, left to right
    columns: dict[str, ColumnState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "order": list(self.order),
            "columns": {
                name: {"width": state.width, "hidden": state.hidden}
                for name, state in self.columns.items()
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> TableLayout:
        """Tolerant: a wrong entry is skipped, not fatal (the rest of the layout still counts)."""
        if not isinstance(data, dict):
            return cls()
        order = tuple(n for n in data.get("order", ()) if isinstance(n, str))
        columns: dict[str, ColumnState] = {}
        raw_columns = data.get("columns", {})
        for name, raw in raw_columns.items() if isinstance(raw_columns, dict) else ():
            if not isinstance(raw, dict):
                continue
            width = raw.get("width")
            valid_width = isinstance(width, int) and not isinstance(width, bool) and width > 0
            columns[name] = ColumnState(width if valid_width else None, raw.get("hidden") is True)
        return cls(order, columns)


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


class SettingsStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.notice = ""  # set when an unreadable file was moved aside
        self._tables: dict[str, TableLayout] = {}
        self._lock = threading.Lock()  # one write at a time, always of the newest state
        self._writer: ThreadPoolExecutor | None = None
        self._load()

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            log.warning("Cannot read the settings file %s: %s", self.path, exc)
            return
        try:
            data = _migrated(json.loads(raw))
        except (ValueError, TypeError) as exc:
            self._move_aside(str(exc))
            return
        tables = data.get("tables", {})
        for name, layout in tables.items() if isinstance(tables, dict) else ():
            self._tables[name] = TableLayout.from_json(layout)

    def _move_aside(self, reason: str) -> None:
        try:
            aside = move_aside(self.path, "unreadable")
        except OSError as exc:
            log.warning("Cannot move the unreadable settings file aside: %s", exc)
            return
        self.notice = f"The settings file could not be read ({reason}); it was kept as {aside}."
        log.warning("%s", self.notice)

    def table(self, name: str) -> TableLayout | None:
        return self._tables.get(name)

    # -- writing ---------------------------------------------------------------------------

    def set_table(self, name: str, layout: TableLayout) -> Future[None] | None:
        """Remember `layout` now; the file is written in the background (None: unchanged)."""
        if self._tables.get(name) == layout:
            return None
        self._tables[name] = layout
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eider-settings")
        document = self._document()
        return self._writer.submit(self._write, document)

    def _document(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "tables": {name: layout.to_json() for name, layout in self._tables.items()},
        }

    def _write(self, document: dict[str, Any]) -> None:
        with self._lock:
            try:
                write_atomically(self.path, json.dumps(document, indent=2))
            except OSError as exc:  # settings are a convenience: never break the window
                log.warning("Cannot write the settings file %s: %s", self.path, exc)

    def flush(self) -> None:
        """Wait for the writes asked for so far (tests, and the end of the program)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)


def _migrated(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    version = data.get("schema", 0)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ValueError(f"schema {version!r} is not one this Eider reads")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema {version}")
        data = step(data)
        version = data["schema"]
    migrated: dict[str, Any] = data
    return migrated
