"""The Preferences model: defaults, reading value by value, the file's migration, overrides."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.bookmarks import Bookmark
from app.core.preferences.overrides import with_overrides
from app.core.preferences.reading import (
    overrides_from_json,
    preferences_from_json,
    preferences_to_json,
)
from app.core.preferences.sections import (
    ConnectionPreferences,
    DoubleClick,
    Encryption,
    Preferences,
    S3Defaults,
    StartWith,
)
from app.core.settings import SCHEMA_VERSION, SettingsStore, TransferPreferences
from app.core.transfers.options import MIB, ChecksumAlgorithm, ConflictPolicy

# A settings file as Eider wrote it before the Preferences (schema 1).
SCHEMA_1 = {
    "schema": 1,
    "tables": {"objects": {"order": ["Name", "Size"], "columns": {"Size": {"width": 90}}}},
    "transfers": {"open_window_on_start": False, "resume_at_start": True},
    "transfer_limits": {"max_running_jobs": 2, "connections_per_job": 3, "schedule": []},
}


def test_every_value_round_trips_through_the_file() -> None:
    changed = Preferences(
        general=replace(Preferences().general, start_with=StartWith.LAST_WINDOWS),
        browser=replace(Preferences().browser, double_click=DoubleClick.DOWNLOAD),
        transfers=replace(
            Preferences().transfers, part_size=16 * MIB, conflict=ConflictPolicy.SKIP
        ),
        s3=S3Defaults(acl="public-read", encryption=Encryption.S3, metadata={"team": "a"}),
        connection=ConnectionPreferences(read_timeout=7.5, proxy="http://127.0.0.1:3128"),
    )
    problems: list = []
    text = json.dumps(preferences_to_json(changed))
    assert preferences_from_json(json.loads(text), problems) == changed
    assert problems == []


def test_a_schema_2_files_md5_the_old_default_becomes_the_automatic_checksum(
    isolated_environment,
) -> None:
    store = SettingsStore()
    saved = {"schema": 2, "preferences": {"transfers": {"checksum": "md5", "part_size": 8 * MIB}}}
    store.path.write_text(json.dumps(saved), encoding="utf-8")
    transfers = SettingsStore().preferences().transfers
    assert transfers.checksum is ChecksumAlgorithm.AUTO and transfers.part_size == 8 * MIB
    saved["preferences"]["transfers"]["checksum"] = "crc32c"  # a real choice stays
    store.path.write_text(json.dumps(saved), encoding="utf-8")
    assert SettingsStore().preferences().transfers.checksum is ChecksumAlgorithm.CRC32C


def test_a_schema_1_file_is_migrated_and_nothing_in_it_is_lost(isolated_environment) -> None:
    store = SettingsStore()
    store.path.write_text(json.dumps(SCHEMA_1), encoding="utf-8")
    store = SettingsStore()
    general = store.preferences().general
    assert (general.open_transfers_window, general.resume_queue_at_start) == (False, True)
    assert store.transfers() == TransferPreferences(False, True)
    assert store.transfer_limits().connections_per_job == 3
    assert store.table("objects").columns["Size"].width == 90
    assert store.problems == [] and store.notice == ""

    store.set_preferences(
        replace(store.preferences(), general=replace(general, notifications=False))
    )
    store.flush()
    written = json.loads(store.path.read_text(encoding="utf-8"))
    assert written["schema"] == SCHEMA_VERSION == 3
    assert "transfers" not in written  # moved, not copied: one place for each value
    assert written["preferences"]["general"]["resume_queue_at_start"] is True
    assert written["preferences"]["general"]["notifications"] is False


@pytest.mark.parametrize(
    ("section", "name", "value", "words"),
    [
        ("connection", "read_timeout", "soon", "'soon' is not a number"),
        ("connection", "read_timeout", -1, "must be more than 0"),
        ("connection", "max_keys", 5000, "between 1 and 1,000"),
        ("connection", "proxy", "socks5://x:1", "must be an http:// or https:// URL"),
        ("transfers", "part_size", 1024, "The part size (bytes) must be between"),
        ("transfers", "checksum", "md4", "'md4' is not one of md5, crc32"),
        ("s3", "acl", "everyone", "'everyone' is not a canned ACL"),
        ("s3", "metadata", {"a": 1}, "expected an object of text values"),
        ("browser", "show_hidden", "yes", "'yes' is not true or false"),
        ("general", "start_with", "nothing", "is not one of bookmarks, last_windows"),
    ],
)
def test_a_bad_value_names_itself_and_its_default_holds(
    isolated_environment, section: str, name: str, value: object, words: str
) -> None:
    store = SettingsStore()
    preferences: dict = {section: {name: value}}
    preferences.setdefault("connection", {})["connect_timeout"] = 4
    document = {"schema": SCHEMA_VERSION, "preferences": preferences}
    store.path.write_text(json.dumps(document), encoding="utf-8")
    store = SettingsStore()
    default = getattr(getattr(Preferences(), section), name)
    assert getattr(getattr(store.preferences(), section), name) == default
    assert store.preferences().connection.connect_timeout == 4.0  # the rest still counts
    [problem] = store.problems
    assert problem.where == f"{section}.{name}"
    assert words in str(problem) and f"{default!r} is used instead" in str(problem)
    assert store.notice == ""  # the file is kept: nothing was wrong with it as a whole


def test_unknown_names_and_global_tls_off_are_reported_not_obeyed() -> None:
    problems: list = []
    data = {"connection": {"verify_tls": False, "colour": "red"}, "plugins": {}}
    preferences = preferences_from_json(data, problems)
    assert preferences.connection.verify_tls is True
    assert {p.where for p in problems} == {"connection.verify_tls", "connection.colour", "plugins"}
    assert "one bookmark only" in str(next(p for p in problems if "verify" in p.where))


def test_a_broken_file_is_moved_aside_and_the_defaults_hold(isolated_environment) -> None:
    store = SettingsStore()
    store.path.write_text("{not json", encoding="utf-8")
    store = SettingsStore()
    assert store.preferences() == Preferences()
    assert "could not be read" in store.notice
    assert list(Path(store.path.parent).glob("settings.unreadable-*"))


def test_listeners_hear_each_change_once() -> None:
    store = SettingsStore()
    heard: list[Preferences] = []
    unsubscribe = store.subscribe_preferences(heard.append)
    changed = replace(Preferences(), connection=ConnectionPreferences(max_attempts=2))
    store.set_preferences(changed)
    store.set_preferences(changed)  # unchanged: nobody told, nothing written
    unsubscribe()
    store.set_preferences(Preferences())
    store.flush()
    assert heard == [changed]


def test_bookmark_overrides_are_checked_and_laid_over_the_preferences() -> None:
    problems: list = []
    raw = {
        "transfers": {"part_size": 8 * MIB, "checksum": "sha256", "multipart": "sometimes"},
        "s3": {"storage_class": "STANDARD_IA"},
        "connection": {"verify_tls": False, "max_attempts": 2},
        "browser": {"show_hidden": True},  # not a bookmark's to change
    }
    checked = overrides_from_json(raw, "bookmark 'Lab'", problems)
    assert checked == {
        "transfers": {"part_size": 8 * MIB, "checksum": "sha256"},
        "s3": {"storage_class": "STANDARD_IA"},
        "connection": {"verify_tls": False, "max_attempts": 2},
    }
    assert sorted(p.where for p in problems) == [
        "bookmark 'Lab': browser",
        "bookmark 'Lab': transfers.multipart",
    ]
    base = replace(Preferences(), s3=S3Defaults(acl="private"))
    merged = with_overrides(base, checked)
    assert merged.transfers.part_size == 8 * MIB
    assert merged.transfers.checksum is ChecksumAlgorithm.SHA256
    assert merged.s3 == S3Defaults(acl="private", storage_class="STANDARD_IA")  # both count
    assert merged.connection.verify_tls is False and merged.connection.max_attempts == 2


def test_a_bookmark_keeps_its_overrides_through_its_json_and_drops_bad_ones() -> None:
    bookmark = Bookmark("Lab", "s3-http", overrides={"connection": {"read_timeout": 9.0}})
    again = Bookmark.from_json(json.loads(json.dumps(bookmark.to_json())))
    assert again.overrides == {"connection": {"read_timeout": 9.0}}
    data = bookmark.to_json() | {"overrides": {"connection": {"read_timeout": "long"}}}
    assert Bookmark.from_json(data).overrides == {}  # read, not refused: the rest still works
    assert Bookmark.from_json(bookmark.to_json() | {"overrides": None}).overrides == {}
