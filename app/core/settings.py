"""Eider's settings: one versioned JSON file under the config folder. No secrets, ever.

What the windows remember: each table's column layout (order, widths, which are hidden),
keyed by column name so a column added in a later version simply shows with its defaults; the
Preferences (`app.core.preferences`); and the transfer limits (jobs at once, connections,
bandwidth and its weekly schedule). A value the file holds that cannot be used is named in
`problems` and its default holds. Changes are kept in memory at once and written by one
background thread, newest state last, atomically (a temporary file renamed over the old
one). A file that cannot be read is moved aside and the defaults are used; nothing is lost and
nothing crashes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.atomic_file import move_aside, write_atomically
from app.core.last_windows import OpenWindow, windows_from_json
from app.core.preferences.reading import Problem, preferences_from_json, preferences_to_json
from app.core.preferences.sections import Preferences
from app.core.transfers.limits import TransferLimits
from app.core.transfers.listeners import Listeners

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
SCHEMA_VERSION = 3


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept the Transfers window's two choices on their own; schema 2 keeps them in
    the Preferences' General section."""
    migrated = {k: v for k, v in data.items() if k != "transfers"}
    old = data.get("transfers")
    general: dict[str, Any] = {}
    if isinstance(old, dict):
        for was, now in (
            ("open_window_on_start", "open_transfers_window"),
            ("resume_at_start", "resume_queue_at_start"),
        ):
            if was in old:
                general[now] = old[was]
    migrated["preferences"] = {"general": general} if general else {}
    migrated["schema"] = 2
    return migrated


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 saved every preference, so the old default checksum, MD5, was written as if
    chosen; schema 3's default is "auto" (the connection's integrity policy: a cheap CRC where
    the provider keeps one), and a saved MD5 becomes it."""
    migrated = dict(data)
    preferences = migrated.get("preferences")
    if isinstance(preferences, dict) and isinstance(preferences.get("transfers"), dict):
        transfers = dict(preferences["transfers"])
        if transfers.get("checksum") == "md5":
            transfers["checksum"] = "auto"
        migrated["preferences"] = {**preferences, "transfers": transfers}
    migrated["schema"] = 3
    return migrated


# MIGRATIONS[n] turns a schema-n document into schema n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
}


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


@dataclass(frozen=True)
class TransferPreferences:
    open_window_on_start: bool = True  # the Transfers window opens when a transfer starts
    resume_at_start: bool = False  # jobs an earlier run left resume by themselves


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


class SettingsStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.notice = ""  # set when an unreadable file was moved aside
        self.problems: list[Problem] = []  # values of the file that could not be used
        self._tables: dict[str, TableLayout] = {}
        self._preferences = Preferences()
        self._limits = TransferLimits()
        self._last_windows: list[OpenWindow] = []
        self._preference_listeners: Listeners[Preferences] = Listeners()
        self._limits_listeners: Listeners[TransferLimits] = Listeners()
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
        self._preferences = preferences_from_json(data.get("preferences"), self.problems)
        for problem in self.problems:
            log.warning("Settings file %s: %s", self.path, problem)
        self._limits = _limits_from(data.get("transfer_limits"))
        self._last_windows = windows_from_json(data.get("last_windows"))

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

    def transfers(self) -> TransferPreferences:
        general = self._preferences.general
        return TransferPreferences(general.open_transfers_window, general.resume_queue_at_start)

    def preferences(self) -> Preferences:
        return self._preferences

    def last_windows(self) -> list[OpenWindow]:
        return list(self._last_windows)

    def set_last_windows(self, windows: list[OpenWindow]) -> Future[None] | None:
        if self._last_windows == windows:
            return None
        self._last_windows = list(windows)
        return self._save()

    def subscribe_preferences(self, listener: Callable[[Preferences], None]) -> Callable[[], None]:
        """Call `listener(preferences)` after each change; returns unsubscribe."""
        return self._preference_listeners.subscribe(listener)

    def subscribe_limits(self, listener: Callable[[TransferLimits], None]) -> Callable[[], None]:
        return self._limits_listeners.subscribe(listener)

    def transfer_limits(self) -> TransferLimits:
        return self._limits

    # -- writing ---------------------------------------------------------------------------

    def set_transfers(self, preferences: TransferPreferences) -> Future[None] | None:
        general = replace(
            self._preferences.general,
            open_transfers_window=preferences.open_window_on_start,
            resume_queue_at_start=preferences.resume_at_start,
        )
        return self.set_preferences(replace(self._preferences, general=general))

    def set_preferences(self, preferences: Preferences) -> Future[None] | None:
        if self._preferences == preferences:
            return None
        self._preferences = preferences
        future = self._save()
        self._preference_listeners.notify(preferences, "A preferences listener failed")
        return future

    def set_transfer_limits(self, limits: TransferLimits) -> Future[None] | None:
        if self._limits == limits:
            return None
        self._limits = limits
        future = self._save()
        self._limits_listeners.notify(limits, "A transfer-limits listener failed")
        return future

    def set_table(self, name: str, layout: TableLayout) -> Future[None] | None:
        """Remember `layout` now; the file is written in the background (None: unchanged)."""
        if self._tables.get(name) == layout:
            return None
        self._tables[name] = layout
        return self._save()

    def _save(self) -> Future[None]:
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eider-settings")
        document = self._document()
        return self._writer.submit(self._write, document)

    def _document(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "tables": {name: layout.to_json() for name, layout in self._tables.items()},
            "preferences": preferences_to_json(self._preferences),
            "transfer_limits": self._limits.to_json(),
            "last_windows": [window.to_json() for window in self._last_windows],
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


def _limits_from(data: Any) -> TransferLimits:
    """The saved limits; the defaults when there are none or they make no sense."""
    if data is None:
        return TransferLimits()
    try:
        return TransferLimits.from_json(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("Ignoring the saved transfer limits (%s); the defaults hold", exc)
        return TransferLimits()


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
