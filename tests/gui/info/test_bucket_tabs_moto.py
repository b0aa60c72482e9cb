"""Every bucket tab on moto's server: each setting changed through the widgets, then read back
from the server with the test's own boto3 client."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.info.bucket import bucket_tabs
from app.ui.info.bucket.cors_tab import CorsTab
from app.ui.info.bucket.encryption_tab import EncryptionTab
from app.ui.info.bucket.logging_tab import LoggingTab
from app.ui.info.bucket.object_lock_tab import ObjectLockTab
from app.ui.info.bucket.policy_tab import PolicyTab
from app.ui.info.bucket.public_access_tab import PublicAccessTab
from app.ui.info.bucket.switches_tab import AccelerationTab
from app.ui.info.bucket.tags_tab import TagsTab
from app.ui.info.bucket.versioning_tab import VersioningTab
from app.ui.info.bucket.website_tab import WebsiteTab
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


def test_all_tabs_load_with_names(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, mbucket: str
) -> None:
    tabs = bucket_tabs(bridge, session, mbucket)
    for _, widget in tabs:
        qtbot.addWidget(widget)
    titles = [title for title, _ in tabs]
    assert titles == [
        "Versioning",
        "Default encryption",
        "Object Lock",
        "Lifecycle",
        "Policy",
        "CORS",
        "Website",
        "Public access",
        "Access logging",
        "Tags",
        "Requester pays",
        "Transfer acceleration",
    ]
    qtbot.waitUntil(lambda: all(w.page != "loading" for _, w in tabs), timeout=WAIT_MS)
    assert [w.page for _, w in tabs] == ["content"] * len(tabs)
    assert all(w.objectName() and w.accessibleName() for _, w in tabs)
    assert not bridge.errors  # type: ignore[attr-defined]


def test_versioning_enable_then_suspend(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, VersioningTab(bridge, session, mbucket))
    assert tab.state_label.text().startswith("Never enabled")
    assert "root account" in tab.findChild(type(tab.status), "versioningMfaNote").text()
    tab.enabled_radio.click()
    assert save(qtbot, tab)
    assert moto_admin.get_bucket_versioning(Bucket=mbucket)["Status"] == "Enabled"
    assert tab.state_label.text() == "Enabled"
    tab.suspended_radio.click()
    assert save(qtbot, tab)
    assert moto_admin.get_bucket_versioning(Bucket=mbucket)["Status"] == "Suspended"


def test_default_encryption_kms_then_sse_s3(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, EncryptionTab(bridge, session, mbucket))
    assert not tab.key_edit.isEnabled()
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("aws:kms"))
    assert tab.key_edit.isEnabled()
    key = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
    tab.key_edit.setText(key)
    tab.bucket_key_box.setChecked(True)
    assert save(qtbot, tab)
    rule = moto_admin.get_bucket_encryption(Bucket=mbucket)["ServerSideEncryptionConfiguration"][
        "Rules"
    ][0]
    assert rule["ApplyServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": key,
    }
    assert rule["BucketKeyEnabled"] is True
    assert tab.key_edit.text() == key  # read back into the form

    tab.kind_box.setCurrentIndex(tab.kind_box.findData("AES256"))
    assert save(qtbot, tab)
    rule = moto_admin.get_bucket_encryption(Bucket=mbucket)["ServerSideEncryptionConfiguration"][
        "Rules"
    ][0]
    assert rule["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}


def given(retention: dict[str, Any]) -> dict[str, Any]:
    """moto reports the unit not chosen as 0; S3 leaves it out."""
    return {k: v for k, v in retention.items() if v != 0}


def test_object_lock_retention_on_a_locked_bucket(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any
) -> None:
    locked = new_bucket(moto_admin, ObjectLockEnabledForBucket=True)
    tab = opened(qtbot, ObjectLockTab(bridge, session, locked))
    assert tab.state_label.text() == "Object Lock is enabled on this bucket."
    tab.mode_box.setCurrentIndex(tab.mode_box.findData("GOVERNANCE"))
    tab.unit_box.setCurrentText("years")
    tab.period_spin.setValue(2)
    assert save(qtbot, tab)
    config = moto_admin.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"]
    assert given(config["Rule"]["DefaultRetention"]) == {"Mode": "GOVERNANCE", "Years": 2}
    assert (tab.unit_box.currentText(), tab.period_spin.value()) == ("years", 2)

    tab.mode_box.setCurrentIndex(tab.mode_box.findData("COMPLIANCE"))
    tab.unit_box.setCurrentText("days")
    tab.period_spin.setValue(30)
    assert save(qtbot, tab)
    config = moto_admin.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"]
    assert given(config["Rule"]["DefaultRetention"]) == {"Mode": "COMPLIANCE", "Days": 30}


def test_object_lock_tab_explains_a_bucket_without_it(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, mbucket: str
) -> None:
    tab = opened(qtbot, ObjectLockTab(bridge, session, mbucket))
    assert tab.page == "content"
    assert "not enabled on this bucket" in tab.state_label.text()
    assert tab.save_button.isHidden() and tab.mode_box.isHidden()


def test_policy_checked_before_saving_then_saved_and_deleted(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, PolicyTab(bridge, session, mbucket))
    tab.text_edit.setPlainText('{"Version": "2012-10-17", "Statement": [')
    assert "not valid JSON" in tab.problems_label.text()
    assert not tab.save_button.isEnabled()
    tab.text_edit.setPlainText('{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe"}]}')
    assert '"Effect" is "Maybe"' in tab.problems_label.text()
    assert not tab.save_button.isEnabled()

    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicRead",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{mbucket}/*",
            }
        ],
    }
    tab.text_edit.setPlainText(json.dumps(policy))
    assert tab.problems_label.text() == ""
    assert save(qtbot, tab)
    assert json.loads(moto_admin.get_bucket_policy(Bucket=mbucket)["Policy"]) == policy
    assert json.loads(tab.text_edit.toPlainText()) == policy

    assert save(qtbot, tab, tab.delete_button)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchBucketPolicy"):
        moto_admin.get_bucket_policy(Bucket=mbucket)
    assert tab.text_edit.toPlainText() == ""


def test_cors_rules_added_and_removed(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, CorsTab(bridge, session, mbucket))
    tab.rows.add_row(["web", "get, head", "https://example.com", "*", "ETag", "600"])
    tab.rows.add_row(["", "PUT", "*", "", "", ""])
    assert save(qtbot, tab)
    assert moto_admin.get_bucket_cors(Bucket=mbucket)["CORSRules"] == [
        {
            "ID": "web",
            "AllowedMethods": ["GET", "HEAD"],
            "AllowedOrigins": ["https://example.com"],
            "AllowedHeaders": ["*"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 600,
        },
        {"AllowedMethods": ["PUT"], "AllowedOrigins": ["*"]},
    ]
    assert tab.rows.table.rowCount() == 2

    tab.rows.add_row(["", "FETCH", "", "", "", "soon"])
    tab.save_button.click()  # refused before anything is sent
    assert "not a whole number" in tab.status.text()
    tab.rows.set_cell(2, 5, "")
    tab.save_button.click()
    assert "FETCH is not a method" in tab.status.text()
    assert "allows no origin" in tab.status.text()

    tab.rows.set_rows([])
    assert save(qtbot, tab)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchCORSConfiguration"):
        moto_admin.get_bucket_cors(Bucket=mbucket)


def test_website_hosting_then_redirect_then_off(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, WebsiteTab(bridge, session, mbucket))
    assert tab.off_radio.isChecked()
    tab.host_radio.click()
    tab.save_button.click()  # checked before anything is sent
    assert "needs an index document" in tab.status.text()
    qtbot.keyClicks(tab.index_edit, "index.html")
    qtbot.keyClicks(tab.error_edit, "404.html")
    assert save(qtbot, tab)
    site = moto_admin.get_bucket_website(Bucket=mbucket)
    assert site["IndexDocument"] == {"Suffix": "index.html"}
    assert site["ErrorDocument"] == {"Key": "404.html"}

    tab.redirect_radio.click()
    qtbot.keyClicks(tab.host_edit, "www.example.com")
    tab.protocol_box.setCurrentIndex(tab.protocol_box.findData("https"))
    assert save(qtbot, tab)
    site = moto_admin.get_bucket_website(Bucket=mbucket)
    assert site["RedirectAllRequestsTo"] == {"HostName": "www.example.com", "Protocol": "https"}
    assert "IndexDocument" not in site

    tab.off_radio.click()
    assert save(qtbot, tab)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchWebsiteConfiguration"):
        moto_admin.get_bucket_website(Bucket=mbucket)


def test_website_routing_rules_are_kept_when_the_error_document_changes(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    rules = [
        {
            "Condition": {"KeyPrefixEquals": "docs/"},
            "Redirect": {"ReplaceKeyPrefixWith": "documents/"},
        }
    ]
    moto_admin.put_bucket_website(
        Bucket=mbucket,
        WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": rules},
    )
    tab = opened(qtbot, WebsiteTab(bridge, session, mbucket))
    assert tab.host_radio.isChecked()
    assert "1 routing rule(s)" in tab.rules_view.toPlainText()
    qtbot.keyClicks(tab.error_edit, "oops.html")
    assert save(qtbot, tab)
    site = moto_admin.get_bucket_website(Bucket=mbucket)
    assert site["RoutingRules"] == rules
    assert site["ErrorDocument"] == {"Key": "oops.html"}


def test_public_access_block_switches(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    tab = opened(qtbot, PublicAccessTab(bridge, session, mbucket))
    assert not tab.remove_button.isEnabled()
    tab.switches["block_public_acls"].click()
    tab.switches["block_public_policy"].click()
    assert save(qtbot, tab)
    assert moto_admin.get_public_access_block(Bucket=mbucket)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": False,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": False,
    }
    assert tab.remove_button.isEnabled()
    assert save(qtbot, tab, tab.remove_button)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchPublicAccessBlock"):
        moto_admin.get_public_access_block(Bucket=mbucket)


def test_access_logging_on_and_off(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    logs = new_bucket(moto_admin)
    # S3 (and moto) want the log delivery group to be able to write to the target.
    moto_admin.put_bucket_acl(Bucket=logs, ACL="log-delivery-write")
    tab = opened(qtbot, LoggingTab(bridge, session, mbucket))
    assert not tab.enabled_box.isChecked() and not tab.target_edit.isEnabled()
    tab.enabled_box.click()
    tab.save_button.click()
    assert "Name the bucket that receives the logs" in tab.status.text()
    qtbot.keyClicks(tab.target_edit, logs)
    qtbot.keyClicks(tab.prefix_edit, "access/")
    assert save(qtbot, tab)
    assert moto_admin.get_bucket_logging(Bucket=mbucket)["LoggingEnabled"] == {
        "TargetBucket": logs,
        "TargetPrefix": "access/",
    }
    tab.enabled_box.click()
    assert save(qtbot, tab)
    assert "LoggingEnabled" not in moto_admin.get_bucket_logging(Bucket=mbucket)


def test_bucket_tags_replaced_validated_and_removed(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    moto_admin.put_bucket_tagging(
        Bucket=mbucket, Tagging={"TagSet": [{"Key": "old", "Value": "1"}]}
    )
    tab = opened(qtbot, TagsTab(bridge, session, mbucket))
    assert tab.rows.rows() == [["old", "1"]]
    tab.rows.add_row(["team", "data eng"])
    assert save(qtbot, tab)
    tag_set = moto_admin.get_bucket_tagging(Bucket=mbucket)["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tag_set) == [("old", "1"), ("team", "data eng")]

    tab.rows.add_row(["aws:reserved", "x"])
    tab.save_button.click()
    assert "reserved for AWS" in tab.status.text()
    tab.rows.set_rows([])
    assert save(qtbot, tab)
    with pytest.raises(moto_admin.exceptions.ClientError, match="NoSuchTagSet"):
        moto_admin.get_bucket_tagging(Bucket=mbucket)


def test_transfer_acceleration(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    # Requester pays has no test on a server: moto does not implement it (its answer to the
    # GET carries no Payer) and SeaweedFS's profile rules it out.
    fast = opened(qtbot, AccelerationTab(bridge, session, mbucket))
    fast.switch.click()
    assert save(qtbot, fast)
    assert moto_admin.get_bucket_accelerate_configuration(Bucket=mbucket)["Status"] == "Enabled"
    fast.switch.click()
    assert save(qtbot, fast)
    assert moto_admin.get_bucket_accelerate_configuration(Bucket=mbucket)["Status"] == "Suspended"


def inside(control: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = control.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_a_stable_and_an_accessible_name(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, mbucket: str
) -> None:
    tabs = bucket_tabs(bridge, session, mbucket)
    for _, widget in tabs:
        qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: all(w.page != "loading" for _, w in tabs), timeout=WAIT_MS)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QSpinBox)
    unnamed = [
        f"{title}: {type(control).__name__} {getattr(control, 'text', lambda: '')()!r}"
        for title, widget in tabs
        for control in widget.findChildren(QWidget)
        if isinstance(control, kinds)
        # Qt's own inner parts (headers, a table's corner button, a combo box's popup list).
        and not inside(control, (QAbstractSpinBox, QComboBox, QAbstractItemView))
        and not (control.objectName() and control.accessibleName())
    ]
    assert unnamed == [], "\n".join(unnamed)


def test_a_read_that_fails_shows_why_in_the_tab_and_retry_reads_again(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, moto_admin: Any
) -> None:
    missing = f"missing-{uuid.uuid4().hex[:12]}"
    tab = opened(qtbot, VersioningTab(bridge, session, missing))
    assert tab.page == "error"
    assert missing in tab.error_text
    assert not bridge.errors  # type: ignore[attr-defined]  (no dialog, no banner)
    moto_admin.create_bucket(Bucket=missing)
    retry = tab.findChild(QPushButton, "versioningTabRetry")
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        retry.click()
    assert tab.page == "content"


def test_a_tab_closed_while_its_read_is_under_way_is_left_alone(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, mbucket: str
) -> None:
    tab = VersioningTab(bridge, session, mbucket)
    tab.load()
    shiboken6.delete(tab)  # the Info window closed before the server answered
    qtbot.waitUntil(lambda: bridge.pending == 0, timeout=WAIT_MS)
    assert not bridge.errors  # type: ignore[attr-defined]
