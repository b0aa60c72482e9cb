"""The lifecycle editor on moto's server: every element of a rule set through the form, and a
rule the editor cannot show kept exactly as it was when another rule is edited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QTableWidget
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.info.bucket import bucket_tabs
from app.ui.info.bucket.lifecycle_tab import LifecycleTab
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.info.bucket_tabs import WAIT_MS, new_bucket, opened, save

pytestmark = pytest.mark.gui


@pytest.fixture
def session(moto: RunningS3) -> S3Session:
    return S3Session(connection_for(moto))


@pytest.fixture
def mbucket(moto_admin: Any) -> str:
    return new_bucket(moto_admin)


def type_into(qtbot: QtBot, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def choose_class(qtbot: QtBot, table: QTableWidget, row: int, storage_class: str) -> None:
    """Pick a storage class the way a user does: the cell's combo box, then another cell."""
    table.setCurrentCell(row, 2)
    table.editItem(table.item(row, 2))
    box = table.findChild(QComboBox, "storageClassEditor")
    assert box is not None and box.findText(storage_class) >= 0  # offered, not just typed
    box.setCurrentIndex(box.findText(storage_class))
    table.setCurrentCell(row, 0)  # leaving the cell commits the editor
    assert table.item(row, 2).text() == storage_class


def test_a_full_rule_built_in_the_form(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, LifecycleTab(bridge, session, mbucket))
    assert tab.rule_list.count() == 0
    tab.add_button.click()
    editor = tab.rule_editor
    type_into(qtbot, editor.id_edit, "archive-logs")
    qtbot.keyClicks(editor.prefix_edit, "logs/")
    editor.tags.add_row(["kind", "log"])
    # Size bounds are tested on SeaweedFS (test_bucket_tabs_seaweed): moto drops them.
    editor.transitions.add_row(["30", "", ""])
    choose_class(qtbot, editor.transitions.table, 0, "STANDARD_IA")
    editor.transitions.add_row(["", "2030-01-01", "GLACIER"])
    editor.transitions.set_cell(1, 2, "GLACIER")  # a typed cell, as the user would
    qtbot.keyClicks(editor.expire_days_edit, "365")
    editor.noncurrent_transitions.add_row(["10", "3", "GLACIER"])
    editor.noncurrent_transitions.set_cell(0, 1, "3")
    qtbot.keyClicks(editor.noncurrent_days_edit, "40")
    # Newer versions to keep on expiration: tested on SeaweedFS, moto drops it.
    assert save(qtbot, tab)

    (rule,) = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]
    assert rule["ID"] == "archive-logs" and rule["Status"] == "Enabled"
    assert rule["Filter"] == {
        "And": {
            "Prefix": "logs/",
            "Tags": [{"Key": "kind", "Value": "log"}],
        }
    }
    assert rule["Transitions"] == [
        {"Days": 30, "StorageClass": "STANDARD_IA"},
        {"Date": datetime(2030, 1, 1, tzinfo=UTC), "StorageClass": "GLACIER"},
    ]
    assert rule["Expiration"] == {"Days": 365}
    assert rule["NoncurrentVersionTransitions"] == [
        {"NoncurrentDays": 10, "NewerNoncurrentVersions": 3, "StorageClass": "GLACIER"}
    ]
    assert rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 40}
    # Read back into the form.
    assert tab.rule_list.item(0).text() == "archive-logs"
    assert editor.transitions.rows() == [["30", "", "STANDARD_IA"], ["", "2030-01-01", "GLACIER"]]


def test_delete_markers_abort_uploads_disable_and_remove(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, LifecycleTab(bridge, session, mbucket))
    tab.add_button.click()
    editor = tab.rule_editor
    editor.delete_markers_box.click()
    qtbot.keyClicks(editor.abort_days_edit, "7")
    editor.enabled_box.click()  # disabled
    assert save(qtbot, tab)
    (rule,) = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]
    assert rule["Status"] == "Disabled"
    assert rule["Expiration"] == {"ExpiredObjectDeleteMarker": True}
    assert rule["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 7}
    assert rule["ID"] == "rule-1"

    tab.remove_button.click()
    assert tab.rule_list.count() == 0
    assert save(qtbot, tab)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchLifecycleConfiguration"):
        moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)


def test_problems_are_told_before_anything_is_sent(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, LifecycleTab(bridge, session, mbucket))
    tab.add_button.click()
    tab.save_button.click()
    assert "does nothing" in tab.status.text()
    qtbot.keyClicks(tab.rule_editor.expire_date_edit, "next tuesday")
    tab.save_button.click()
    assert "is not a date" in tab.status.text()
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchLifecycleConfiguration"):
        moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)


def test_a_rule_the_editor_cannot_show_survives_an_edit_of_another(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    # A legacy rule-level Prefix (no Filter): the model cannot reproduce it, so it is raw.
    legacy = {"Expiration": {"Days": 9}, "ID": "legacy", "Prefix": "old/", "Status": "Enabled"}
    untouched = {
        "ID": "keep-me",
        "Status": "Enabled",
        "Filter": {"Tag": {"Key": "tier", "Value": "cold"}},
        "Transitions": [{"Days": 60, "StorageClass": "GLACIER"}],
    }
    moto_admin.put_bucket_lifecycle_configuration(
        Bucket=mbucket,
        LifecycleConfiguration={
            "Rules": [
                legacy,
                {
                    "ID": "tmp",
                    "Status": "Enabled",
                    "Filter": {"Prefix": "tmp/"},
                    "Expiration": {"Days": 1},
                },
                untouched,
            ]
        },
    )
    before = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]

    tab = opened(qtbot, LifecycleTab(bridge, session, mbucket))
    assert [tab.rule_list.item(i).text() for i in range(3)] == [
        "legacy (read-only)",
        "tmp",
        "keep-me",
    ]
    tab.rule_list.setCurrentRow(0)
    assert tab.pages.currentWidget() is tab._raw_page
    assert '"Prefix": "old/"' in tab.raw_view.toPlainText()
    assert tab.raw_view.isReadOnly()

    tab.rule_list.setCurrentRow(1)
    type_into(qtbot, tab.rule_editor.expire_days_edit, "30")
    type_into(qtbot, tab.rule_editor.prefix_edit, "scratch/")
    tab.rule_list.setCurrentRow(2)  # look at another rule, change nothing there
    assert save(qtbot, tab)

    after = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]
    assert after[0] == before[0] == legacy
    assert after[2] == before[2]
    assert after[1] == {
        "ID": "tmp",
        "Status": "Enabled",
        "Filter": {"Prefix": "scratch/"},
        "Expiration": {"Days": 30},
    }
    assert before[1] != after[1]


def test_an_edited_rule_keeps_the_parts_the_form_shows_the_same_way(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    # An empty prefix ("every object") looks like no prefix in the form; editing the
    # expiration must not turn one into the other.
    moto_admin.put_bucket_lifecycle_configuration(
        Bucket=mbucket,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "all",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "Expiration": {"Days": 10},
                }
            ]
        },
    )
    before = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"][0]
    tab = opened(qtbot, LifecycleTab(bridge, session, mbucket))
    type_into(qtbot, tab.rule_editor.expire_days_edit, "20")
    assert save(qtbot, tab)
    after = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"][0]
    assert after["Filter"] == before["Filter"]
    assert after["Expiration"] == {"Days": 20}


def test_transitions_offer_the_classes_the_profile_lists(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, mbucket: str
) -> None:
    tabs = dict(bucket_tabs(bridge, session, mbucket, (), ("STANDARD", "GLACIER_IR", "GLACIER")))
    for widget in tabs.values():
        qtbot.addWidget(widget)
    tab = tabs["Lifecycle"]
    qtbot.waitUntil(lambda: tab.page == "content", timeout=WAIT_MS)
    tab.add_button.click()
    table = tab.rule_editor.transitions.table
    tab.rule_editor.transitions.add_row(["30", "", ""])
    table.editItem(table.item(0, 2))
    box = table.findChild(QComboBox, "storageClassEditor")
    # STANDARD is where objects start, never a transition's target.
    assert [box.itemText(i) for i in range(box.count())] == ["GLACIER_IR", "GLACIER"]
    qtbot.waitUntil(lambda: all(w.page != "loading" for w in tabs.values()), timeout=WAIT_MS)
