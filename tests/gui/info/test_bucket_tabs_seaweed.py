"""The bucket tabs on SeaweedFS: what it lacks says "not supported by this server" in the tab
(no dialog, nothing in the error callback), and what it has still saves."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.profiles import all_profiles
from app.core.profiles.model import Profile
from app.core.profiles.settings import storage_classes
from app.core.s3.info_features import unsupported_features
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.info.bucket import bucket_tabs
from app.ui.info.bucket.lifecycle_tab import LifecycleTab
from app.ui.info.bucket.policy_tab import PolicyTab
from app.ui.info.bucket.public_access_tab import PublicAccessTab
from app.ui.info.bucket.section_tab import UNSUPPORTED_TEXT
from app.ui.info.bucket.tags_tab import TagsTab
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.info.bucket_tabs import WAIT_MS, opened, save

pytestmark = pytest.mark.gui


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


@pytest.fixture
def seaweed_profile() -> Profile:
    return next(e.profile for e in all_profiles() if e.profile.vendor == "seaweedfs")


def test_public_access_block_is_not_supported_in_the_tab(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, bucket: str
) -> None:
    # No profile: the server's own answer (NotImplemented) is what says so.
    tab = opened(qtbot, PublicAccessTab(bridge, session, bucket))
    assert tab.page == "unsupported"
    assert UNSUPPORTED_TEXT in tab.unsupported_text
    assert not bridge.errors  # type: ignore[attr-defined]


def test_the_whole_set_on_seaweed_with_its_profile(
    qtbot: QtBot,
    bridge: AsyncBridge,
    session: S3Session,
    bucket: str,
    seaweed_profile: Profile,
) -> None:
    tabs = dict(
        bucket_tabs(
            bridge,
            session,
            bucket,
            unsupported_features(seaweed_profile),
            storage_classes(seaweed_profile),
        )
    )
    for widget in tabs.values():
        qtbot.addWidget(widget)
    # The profile rules out requester pays and acceleration: those tabs are left out.
    assert "Requester pays" not in tabs and "Transfer acceleration" not in tabs
    qtbot.waitUntil(lambda: all(w.page != "loading" for w in tabs.values()), timeout=WAIT_MS)
    pages = {title: w.page for title, w in tabs.items()}
    for title in ("Public access", "Website", "Access logging"):
        assert pages[title] == "unsupported", title
        assert UNSUPPORTED_TEXT in tabs[title].unsupported_text
    for title in ("Versioning", "Default encryption", "Lifecycle", "Policy", "CORS", "Tags"):
        assert pages[title] == "content", title
    assert not bridge.errors  # type: ignore[attr-defined]


def test_lifecycle_transitions_are_not_supported_but_expirations_save(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    """This SeaweedFS keeps lifecycle expirations but answers NotImplemented for transitions:
    the tab says so where the user pressed Save, and keeps the form for another try."""
    tab = opened(qtbot, LifecycleTab(bridge, session, bucket))
    assert tab.page == "content"
    tab.add_button.click()
    editor = tab.rule_editor
    editor.id_edit.clear()
    qtbot.keyClicks(editor.id_edit, "cold")
    row = editor.transitions.add_row(["30", "", "GLACIER"])
    editor.transitions.set_cell(row, 0, "30")  # an edit, as typing does
    assert not save(qtbot, tab)
    assert UNSUPPORTED_TEXT in tab.status.text()
    assert "lifecycle rules of this kind" in tab.status.text()
    assert tab.page == "content" and not bridge.errors  # type: ignore[attr-defined]
    with pytest.raises(seaweed_admin.exceptions.ClientError):
        seaweed_admin.get_bucket_lifecycle_configuration(Bucket=bucket)

    editor.transitions.table.selectRow(0)
    editor.transitions.remove_button.click()
    qtbot.keyClicks(editor.expire_days_edit, "7")
    assert save(qtbot, tab)
    rules = seaweed_admin.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [(r["ID"], r["Expiration"]) for r in rules] == [("cold", {"Days": 7})]


def test_lifecycle_size_bounds_and_prefix_on_seaweed(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    tab = opened(qtbot, LifecycleTab(bridge, session, bucket))
    tab.add_button.click()
    editor = tab.rule_editor
    qtbot.keyClicks(editor.prefix_edit, "media/")
    qtbot.keyClicks(editor.size_min_edit, "1024")
    qtbot.keyClicks(editor.size_max_edit, "1048576")
    qtbot.keyClicks(editor.expire_days_edit, "3")
    qtbot.keyClicks(editor.noncurrent_days_edit, "40")
    qtbot.keyClicks(editor.noncurrent_keep_edit, "5")
    assert save(qtbot, tab)
    (rule,) = seaweed_admin.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert rule["Filter"] == {
        "And": {
            "Prefix": "media/",
            "ObjectSizeGreaterThan": 1024,
            "ObjectSizeLessThan": 1048576,
        }
    }
    assert rule["Expiration"] == {"Days": 3}
    assert rule["NoncurrentVersionExpiration"] == {
        "NoncurrentDays": 40,
        "NewerNoncurrentVersions": 5,
    }
    assert (editor.size_min_edit.text(), editor.size_max_edit.text()) == ("1024", "1048576")

    editor.size_min_edit.selectAll()
    qtbot.keyClicks(editor.size_min_edit, "2000000")
    tab.save_button.click()
    assert "minimum object size must be below the maximum" in tab.status.text()


def test_tags_save_on_seaweed(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    tab = opened(qtbot, TagsTab(bridge, session, bucket))
    tab.rows.add_row(["team", "storage"])
    tab.rows.add_row(["cost centre", "42"])
    assert save(qtbot, tab)
    tag_set = seaweed_admin.get_bucket_tagging(Bucket=bucket)["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tag_set) == [
        ("cost centre", "42"),
        ("team", "storage"),
    ]


def test_a_policy_the_server_refuses_is_told_in_words(
    qtbot: QtBot, bridge: AsyncBridge, session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    tab = opened(qtbot, PolicyTab(bridge, session, bucket))
    # Well-formed for Eider's checks, but it names another bucket: SeaweedFS refuses it.
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::some-other-bucket/*",
            }
        ],
    }
    tab.text_edit.setPlainText(json.dumps(policy))
    assert tab.problems_label.text() == "" and tab.save_button.isEnabled()
    assert not save(qtbot, tab)
    assert "refused the bucket policy" in tab.status.text()
    assert "InvalidPolicyDocument" in tab.status.text()
    assert tab.page == "content"  # the text stays for correcting
    assert json.loads(tab.text_edit.toPlainText()) == policy
    assert not bridge.errors  # type: ignore[attr-defined]
    with pytest.raises(seaweed_admin.exceptions.ClientError):
        seaweed_admin.get_bucket_policy(Bucket=bucket)
