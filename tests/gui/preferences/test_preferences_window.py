"""Edit > Preferences: the window, what it saves, and the values it shares with the View menu
and the Transfers limits. Uploads from a window run with the saved transfer and S3 defaults."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.core.preferences.sections import (
    Preferences,
    S3Defaults,
    TransferPreferencesSection,
)
from app.core.settings import SCHEMA_VERSION, SettingsStore
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, ConflictPolicy
from app.ui.preferences.window import PreferencesWindow
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import open_at, random_file, upload, wait_jobs, wait_state

pytestmark = pytest.mark.gui


def open_preferences(qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str):
    window = open_at(qtbot, windows, seaweed, bucket)
    window.preferences_action.trigger()
    preferences = windows.window_set.show_preferences()  # the same one window, made by the trigger
    wait_for(qtbot, preferences.isVisible)
    return window, preferences


def click(window: PreferencesWindow, name: str) -> None:
    button = window.findChild(QAbstractButton, name)
    assert button is not None, name
    button.click()


def test_edit_preferences_opens_one_non_modal_window_with_its_sections(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    assert window.preferences_action.shortcut().toString() == "Ctrl+,"
    assert window.menuBar().findChild(QWidget, "editMenu") is not None
    assert not preferences.isModal()
    tabs = preferences.tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert titles == ["General", "Browser", "Transfers", "S3 Defaults", "Connection", "Prices"]
    window.preferences_action.trigger()
    assert windows.window_set.show_preferences() is preferences  # not a second one
    checked = []
    for page in (preferences.tabs.widget(i) for i in range(tabs.count())):
        for child in page.findChildren(QWidget):
            if child.focusPolicy() == Qt.FocusPolicy.NoFocus or child.objectName().startswith(
                "qt_"
            ):
                continue
            if child.parent() is not page:
                continue  # Qt's own parts (a spin box's line edit)
            assert child.objectName() and child.accessibleName(), child
            checked.append(child.objectName())
    assert {"proxyEdit", "partSizeBox", "doubleClickBox", "aclBox", "startWithBox"} <= set(checked)


def test_ok_saves_every_section_to_the_file(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    _window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    preferences.transfers.part_size.setValue(16)
    preferences.transfers.preserve.setChecked(False)
    preferences.s3.metadata.setText("team=storage, tier=gold")
    preferences.connection.read_timeout.setValue(12.5)
    preferences.connection.proxy.setText("http://127.0.0.1:3128")
    preferences.browser.cache_seconds.setValue(60)
    preferences.general.notifications.setChecked(False)
    click(preferences, "preferencesOkButton")
    assert not preferences.isVisible()
    windows.window_set.settings.flush()
    saved = SettingsStore().preferences()
    assert saved.transfers.part_size == 16 * MIB
    assert saved.transfers.preserve_timestamps is False
    assert saved.s3.metadata == {"team": "storage", "tier": "gold"}
    assert saved.connection.read_timeout == 12.5
    assert saved.connection.proxy == "http://127.0.0.1:3128"
    assert saved.browser.listing_cache_seconds == 60
    assert saved.general.notifications is False


def test_a_refused_value_is_named_and_nothing_is_saved(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    _window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    preferences.tabs.setCurrentIndex(0)
    preferences.s3.metadata.setText("no equals sign")
    preferences.connection.proxy.setText("socks5://127.0.0.1:1080")
    click(preferences, "preferencesApplyButton")
    error = preferences.findChild(QLabel, "preferencesError")
    assert error.isVisible()
    assert error.text() == "S3 Defaults: Metadata 'no equals sign' is not NAME=VALUE"
    assert preferences.tabs.currentWidget() is preferences.s3
    preferences.s3.metadata.clear()
    click(preferences, "preferencesApplyButton")
    assert "Connection: The proxy 'socks5://127.0.0.1:1080'" in error.text()
    assert windows.window_set.settings.preferences() == Preferences()  # nothing half-saved
    preferences.connection.proxy.clear()
    click(preferences, "preferencesApplyButton")
    assert not error.isVisible() and preferences.isVisible()  # Apply keeps it open


def test_values_the_file_could_not_use_are_listed(qtbot: QtBot, isolated_environment) -> None:
    path = SettingsStore().path
    document = {"schema": SCHEMA_VERSION, "preferences": {"connection": {"max_keys": 0}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    window = PreferencesWindow(SettingsStore())
    qtbot.addWidget(window)
    label = window.findChild(QLabel, "preferencesProblems")
    assert "connection.max_keys" in label.text() and "between 1 and 1,000" in label.text()
    assert window.connection.max_keys.value() == 1000


def test_show_hidden_is_one_value_with_the_view_menu(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    action = window.hidden_files.show_action
    assert not action.isChecked() and window.hidden_files.tabs.isHidden()
    preferences.browser.show_hidden.setChecked(True)
    click(preferences, "preferencesApplyButton")
    assert action.isChecked() and not window.hidden_files.tabs.isHidden()
    action.trigger()  # View > Show Hidden Files, off again
    assert windows.window_set.settings.preferences().browser.show_hidden is False
    windows.window_set.show_preferences()
    assert not preferences.browser.show_hidden.isChecked()


def test_transfer_limits_go_through_the_hub_to_the_running_service(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    hub = windows.window_set.transfers
    preferences.transfers.jobs.setValue(2)
    preferences.transfers.upload_rate.setValue(2.0)
    click(preferences, "preferencesApplyButton")
    limits = windows.window_set.settings.transfer_limits()
    assert (limits.max_running_jobs, limits.upload_rate) == (2, 2 * MIB)
    indicator = window.statusBar().findChild(QLabel, "bandwidthIndicator")
    wait_for(qtbot, indicator.isVisible)  # the service applies it: the window says so
    assert "uploads 2.0 MiB/s" in indicator.text()
    wait_for(qtbot, lambda: windows.window_set.shared_transfers.get().limits.max_running_jobs == 2)
    click(preferences, "scheduleButton")
    wait_for(qtbot, lambda: hub.limits_dialog is not None and hub.limits_dialog.isVisible())
    hub.limits_dialog.close()


def test_an_upload_from_the_window_uses_the_saved_defaults(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_at(qtbot, windows, seaweed, bucket)
    settings = windows.window_set.settings
    transfers = TransferPreferencesSection(
        multipart_threshold=5 * MIB, part_size=5 * MIB, conflict=ConflictPolicy.SKIP
    )
    s3 = S3Defaults(storage_class="STANDARD_IA", metadata={"team": "gui"})
    settings.set_preferences(replace(Preferences(), transfers=transfers, s3=s3))
    hub = windows.window_set.transfers
    big = random_file(tmp_path / "big.bin", 11 * MIB)
    upload(window, monkeypatch, big)
    [job] = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [job.id], JobState.DONE)
    head = seaweed_admin.head_object(Bucket=bucket, Key="big.bin")
    assert head["ETag"].strip('"').endswith("-3")  # a multipart upload of 5 + 5 + 1 MiB
    assert head["StorageClass"] == "STANDARD_IA" and head["Metadata"]["team"] == "gui"
    big.write_bytes(b"changed")  # the target exists: "skip" leaves it, no question asked
    upload(window, monkeypatch, big)
    jobs = wait_jobs(qtbot, hub, 2)
    wait_state(qtbot, hub, [jobs[-1].id], JobState.DONE)
    assert seaweed_admin.head_object(Bucket=bucket, Key="big.bin")["ContentLength"] == 11 * MIB


def test_the_transfers_window_shows_the_general_choices_made_here(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    _window, preferences = open_preferences(qtbot, windows, seaweed, bucket)
    hub = windows.window_set.transfers
    assert hub.window.open_on_start.isChecked() and not hub.window.resume_at_start.isChecked()
    preferences.general.open_transfers.setChecked(False)
    preferences.general.resume_queue.setChecked(True)
    click(preferences, "preferencesApplyButton")
    assert not hub.window.open_on_start.isChecked() and hub.window.resume_at_start.isChecked()
    hub.window.open_on_start.setChecked(True)  # and back, from the Transfers window
    general = windows.window_set.settings.preferences().general
    assert general.open_transfers_window and general.resume_queue_at_start
    windows.window_set.show_preferences()
    assert preferences.general.open_transfers.isChecked()


def test_a_duplicate_from_the_window_uses_the_copy_threshold(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="big.bin", Body=b"d" * (12 * MIB))
    window = open_at(qtbot, windows, seaweed, bucket)
    transfers = TransferPreferencesSection(multipart_copy_threshold=5 * MIB, part_size=5 * MIB)
    windows.window_set.settings.set_preferences(replace(Preferences(), transfers=transfers))
    controller = window.controller
    controller.bridge.spawn(
        window.object_actions.transfers.duplicate(controller.session, bucket, "big.bin"),
        "duplicating",
    )

    def etag_of_copy() -> str:
        listed = seaweed_admin.list_objects_v2(Bucket=bucket).get("Contents", [])
        return next((o["ETag"] for o in listed if o["Key"] == "big (1).bin"), "")

    wait_for(qtbot, lambda: bool(etag_of_copy()))
    assert etag_of_copy().strip('"').endswith("-3")  # copied in parts of 5 MiB
