"""The settings file: written in the background, newest state last, read back by the next
store; an unreadable file is moved aside and the defaults are used."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from app.core.settings import (
    SCHEMA_VERSION,
    ColumnState,
    SettingsStore,
    TableLayout,
    TransferPreferences,
)
from app.core.transfers.limits import TransferLimits
from app.core.transfers.schedule import WEEKDAYS, BandwidthSchedule, ScheduleRule


def layout(width: int, hidden: bool = False) -> TableLayout:
    return TableLayout(
        ("Name", "Size", "Modified"),
        {
            "Name": ColumnState(None),
            "Size": ColumnState(width, hidden),
            "Modified": ColumnState(90),
        },
    )


def test_a_layout_is_written_and_read_back(isolated_environment: Path) -> None:
    store = SettingsStore()
    assert store.table("objects") is None
    for width in range(50, 90):  # many quick changes: the file ends with the last one
        store.set_table("objects", layout(width))
    store.set_table("objects", layout(123, hidden=True))
    assert store.set_table("objects", layout(123, hidden=True)) is None  # unchanged: no write
    store.flush()
    assert store.path.parent == isolated_environment / "config"
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["schema"] == SCHEMA_VERSION
    assert document["tables"]["objects"]["columns"]["Size"] == {"width": 123, "hidden": True}
    assert SettingsStore().table("objects") == layout(123, hidden=True)
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left


def test_an_unreadable_file_is_moved_aside_and_defaults_are_used(
    isolated_environment: Path,
) -> None:
    path = isolated_environment / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    store = SettingsStore()
    assert store.table("objects") is None
    assert "could not be read" in store.notice
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("settings.unreadable-")]
    assert aside.read_text(encoding="utf-8") == "{not json"
    assert not path.exists()


def test_wrong_entries_are_skipped_not_fatal(isolated_environment: Path) -> None:
    path = isolated_environment / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    bad_columns = {"Size": {"width": -4, "hidden": "yes"}, "Modified": 7, "ETag": {"width": 70}}
    document = {"schema": 1, "tables": {"objects": {"order": ["Size", 3], "columns": bad_columns}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    table = SettingsStore().table("objects")
    assert table == TableLayout(
        ("Size",), {"Size": ColumnState(None, False), "ETag": ColumnState(70, False)}
    )


def test_a_file_from_a_newer_eider_is_kept_aside(isolated_environment: Path) -> None:
    path = isolated_environment / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 99, "tables": {}}), encoding="utf-8")
    store = SettingsStore()
    assert "schema 99" in store.notice and store.table("objects") is None


def test_transfer_preferences_default_open_window_and_resume_after_a_click(
    isolated_environment: Path,
) -> None:
    store = SettingsStore()
    assert store.transfers() == TransferPreferences(True, False)
    store.set_transfers(TransferPreferences(open_window_on_start=False, resume_at_start=True))
    store.set_table("objects", TableLayout(("name",)))
    store.flush()
    again = SettingsStore()
    assert again.transfers() == TransferPreferences(False, True)
    assert again.table("objects") == TableLayout(("name",))


def test_wrong_transfer_preferences_fall_back_to_the_defaults(isolated_environment: Path) -> None:
    path = SettingsStore().path
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"schema": 1, "transfers": {"open_window_on_start": "no", "resume_at_start": True}}
    path.write_text(json.dumps(document))
    assert SettingsStore().transfers() == TransferPreferences(True, True)


def test_transfer_limits_and_their_schedule_are_written_and_read_back(
    isolated_environment: Path,
) -> None:
    store = SettingsStore()
    assert store.transfer_limits() == TransferLimits()
    rule = ScheduleRule(WEEKDAYS, time(8, 0), time(18, 0), upload=2 * 1024 * 1024)
    limits = TransferLimits(2, 3, None, 5_000_000.0, BandwidthSchedule((rule,)))
    store.set_transfer_limits(limits)
    assert store.set_transfer_limits(limits) is None  # unchanged: no write
    store.flush()
    assert SettingsStore().transfer_limits() == limits


@pytest.mark.parametrize(
    "saved",
    [
        {"max_running_jobs": 0},
        {"upload_rate": -5},
        {"upload_rate": "fast"},
        {"schedule": [{"days": [], "start": "08:00", "end": "18:00"}]},
        {"schedule": [{"days": [1], "start": "8 o'clock", "end": "18:00"}]},
        ["not", "an", "object"],
    ],
)
def test_wrong_transfer_limits_fall_back_to_the_defaults(
    isolated_environment: Path, saved: object
) -> None:
    path = SettingsStore().path
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"schema": 1, "transfer_limits": saved, "transfers": {"resume_at_start": True}}
    path.write_text(json.dumps(document))
    store = SettingsStore()
    assert store.transfer_limits() == TransferLimits()
    assert store.transfers().resume_at_start  # the rest of the file still counts
