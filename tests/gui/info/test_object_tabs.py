"""The Info window's object tabs on moto's server and on SeaweedFS: each setting is changed
through the widgets, then read back with the test's own boto3 client."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.s3.info_context import InfoContext
from app.core.s3.info_section import Feature
from app.ui.info.info_tab import NOT_SUPPORTED, InfoTab
from app.ui.info.permissions_tab import ACLS_DISABLED, GRANTEE_CHOICES
from app.ui.info.target import InfoTarget
from tests.conftest import admin_client
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for
from tests.gui.info.helpers import allow_acls, confirm, info_window, new_bucket, wait_loaded

pytestmark = pytest.mark.gui


@pytest.fixture(params=["moto", "seaweed"])
def server(request: pytest.FixtureRequest) -> RunningS3:
    running: RunningS3 = request.getfixturevalue(request.param)
    return running


@pytest.fixture
def admin(server: RunningS3) -> Any:
    return admin_client(server)


@pytest.fixture
def obj(admin: Any) -> tuple[str, str]:
    bucket = new_bucket(admin)
    admin.put_object(
        Bucket=bucket,
        Key="docs/report.txt",
        Body=b"hello world",
        ContentType="text/plain",
        CacheControl="max-age=60",
        Metadata={"author": "ada", "team": "ops"},
        Tagging="stage=draft",
    )
    return bucket, "docs/report.txt"


def click(qtbot: QtBot, button: Any) -> None:
    """Click `button` as a user would: its tab is brought to the front first."""
    tab = button
    while tab is not None and not isinstance(tab, InfoTab):
        tab = tab.parentWidget()
    tab.window().tabs.setCurrentWidget(tab)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_object_tab_shows_what_the_server_holds(
    qtbot: QtBot, server: RunningS3, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        general = window.general.values  # type: ignore[attr-defined]
        assert general["infoKey"].text() == key
        assert "11 bytes" in general["infoSize"].text()
        assert "MD5 of the content" in general["infoEtag"].text()
        assert general["infoStorageClass"].text() == "STANDARD"
        assert window.metadata.fields["content_type"].text() == "text/plain"
        assert window.metadata.fields["cache_control"].text() == "max-age=60"
        assert window.metadata.user_metadata() == {"author": "ada", "team": "ops"}
        assert [(t.key, t.value) for t in window.tags.tags()] == [("stage", "draft")]
        assert window.storage_class.current.text() == "STANDARD"
        assert window.encryption.current.text().startswith(("none", "SSE-S3"))


def test_metadata_is_saved_after_the_rewrite_warning_keeping_untouched_values(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        tab = window.metadata
        tab.fields["content_type"].setText("text/markdown")
        tab.fields["content_language"].setText("en")
        tab.user_table.item(0, 1).setText("grace")  # author: ada -> grace
        tab.add_user("reviewed", "yes")
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, tab.save_button)
            question = confirm(qtbot, window)
        assert "new ETag" in question and "new version" in question
    head = admin.head_object(Bucket=bucket, Key=key)
    assert head["ContentType"] == "text/markdown"
    assert head["ContentLanguage"] == "en"
    assert head["CacheControl"] == "max-age=60"  # untouched, kept
    assert head["Metadata"] == {"author": "grace", "team": "ops", "reviewed": "yes"}
    assert admin.get_object(Bucket=bucket, Key=key)["Body"].read() == b"hello world"
    tags = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
    assert tags == [{"Key": "stage", "Value": "draft"}]


def test_tags_are_validated_as_s3_does_then_saved(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        tab = window.tags
        tab.add_tag("aws:owner", "x")
        assert not tab.save_button.isEnabled()
        assert "reserved" in tab.problems.text()
        tab.table.item(1, 0).setText("owner")
        tab.table.item(1, 1).setText("team a")
        assert tab.save_button.isEnabled() and tab.problems.text() == ""
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, tab.save_button)
    tags = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [
        ("owner", "team a"),
        ("stage", "draft"),
    ]


def test_storage_class_change_copies_in_place(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    classes = ("STANDARD", "STANDARD_IA", "GLACIER_IR")
    with info_window(
        qtbot, server, InfoTarget(bucket, (key,)), InfoContext(storage_classes=classes)
    ) as window:
        wait_loaded(qtbot, window)
        tab = window.storage_class
        offered = [tab.choice.itemText(i) for i in range(tab.choice.count())]
        assert offered == list(classes)
        tab.choice.setCurrentText("STANDARD_IA")
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, tab.apply_button)
            confirm(qtbot, window)
        wait_for(qtbot, lambda: tab.current.text() == "STANDARD_IA")  # read again after saving
    head = admin.head_object(Bucket=bucket, Key=key)
    assert head["StorageClass"] == "STANDARD_IA"
    assert head["Metadata"] == {"author": "ada", "team": "ops"}


def test_encryption_change_to_sse_s3(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        tab = window.encryption
        assert not tab.buttons["SSE-C"].isEnabled()  # no bookmark key
        assert "SSE-C key" in tab.sse_c_note.text()
        tab.buttons["SSE-S3"].setChecked(True)
        assert not tab.kms_key.isEnabled()
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, tab.apply_button)
            confirm(qtbot, window)
    head = admin.head_object(Bucket=bucket, Key=key)
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "text/plain"


def test_grants_are_edited_with_groups_and_the_five_permissions(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    allow_acls(admin, bucket)
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        tab = window.permissions
        assert tab.save_button.isEnabled()
        before = tab.table.rowCount()
        owner_id = tab.grants()[0].grantee.value
        click(qtbot, tab.add_button)
        row = tab.table.rowCount() - 1
        all_users = next(i for i, c in enumerate(GRANTEE_CHOICES) if "All users" in c[0])
        tab.table.cellWidget(row, 0).setCurrentIndex(all_users)
        tab.table.cellWidget(row, 2).setCurrentText("READ")
        click(qtbot, tab.add_button)
        tab.table.item(row + 1, 1).setText(owner_id)
        tab.table.cellWidget(row + 1, 2).setCurrentText("READ_ACP")
        assert tab.table.rowCount() == before + 2
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, tab.save_button)
    grants = admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    found = {(g["Grantee"].get("URI") or g["Grantee"].get("ID"), g["Permission"]) for g in grants}
    assert ("http://acs.amazonaws.com/groups/global/AllUsers", "READ") in found
    assert (owner_id, "READ_ACP") in found


def test_a_canned_acl_is_applied(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    allow_acls(admin, bucket)
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        window.permissions.canned.setCurrentText("public-read")
        with qtbot.waitSignal(window.changeFinished, timeout=30_000):
            click(qtbot, window.permissions.canned_button)
    grants = admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert any(
        g["Grantee"].get("URI") == "http://acs.amazonaws.com/groups/global/AllUsers"
        and g["Permission"] == "READ"
        for g in grants
    )


def test_acls_disabled_by_object_ownership_are_said_and_not_editable(
    qtbot: QtBot, server: RunningS3, admin: Any, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    admin.put_bucket_ownership_controls(
        Bucket=bucket,
        OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
    )
    with info_window(qtbot, server, InfoTarget(bucket, (key,))) as window:
        wait_loaded(qtbot, window)
        tab = window.permissions
        assert tab.note.text() == ACLS_DISABLED
        assert not tab.save_button.isEnabled() and not tab.add_button.isEnabled()
        assert not tab.canned_button.isEnabled()


def test_a_feature_the_profile_rules_out_says_not_supported_in_its_tab(
    qtbot: QtBot, server: RunningS3, obj: tuple[str, str]
) -> None:
    bucket, key = obj
    context = InfoContext(unsupported=frozenset({Feature.TAGS, Feature.ACL}))
    with info_window(qtbot, server, InfoTarget(bucket, (key,)), context) as window:
        wait_loaded(qtbot, window)
        assert window.tags.showing_message == f"Tags: {NOT_SUPPORTED}"
        assert window.permissions.showing_message == f"Permissions (ACL): {NOT_SUPPORTED}"
        assert window.error_banner.isHidden()  # said in the tab, not as an error
        assert window.metadata.showing_message is None  # the rest shows as usual
