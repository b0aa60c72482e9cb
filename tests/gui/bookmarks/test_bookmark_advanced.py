"""The bookmark dialog's Advanced part: a bookmark's own transfer, S3-default and connection
settings, stored in the bookmark and shown over the Preferences."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore, connection_for_bookmark, upload_encryption
from app.core.bookmarks.upload_encryption import options_for_bookmark
from app.core.preferences.sections import (
    ConnectionPreferences,
    Encryption,
    Preferences,
    S3Defaults,
)
from app.core.transfers.options import MIB, ServerSideEncryption, TransferOptions
from app.ui.bookmarks.sidebar import BookmarksSidebar
from tests.gui.bookmarks.conftest import WAIT_MS, stored_text

pytestmark = pytest.mark.gui

PREFERRED = replace(
    Preferences(),
    s3=S3Defaults(storage_class="STANDARD_IA"),
    connection=ConnectionPreferences(read_timeout=20.0),
)


def save(qtbot: QtBot, sidebar: BookmarksSidebar, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sidebar.pending == 0, timeout=WAIT_MS)


def test_advanced_overrides_are_stored_and_used_for_the_connection(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    sidebar.preferences = lambda: PREFERRED
    dialog = sidebar.add()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.nickname_edit, "Lab")
    qtbot.keyClicks(dialog.host_edit, "storage.example.test")
    advanced = dialog.advanced
    assert advanced.panel.isHidden()
    advanced.toggle.click()
    assert advanced.panel.isVisible()
    connection = advanced.pages["connection"]
    # Unticked sections show the Preferences, as they apply now.
    assert connection.read_timeout.value() == 20.0
    assert advanced.pages["s3"].storage_class.text() == "STANDARD_IA"
    assert not connection.tls_warning.isVisible()
    advanced.groups["connection"].setChecked(True)
    connection.attempts.setValue(2)
    connection.verify_tls.setChecked(False)
    assert connection.tls_warning.isVisible()  # switching verification off is flagged
    advanced.groups["transfers"].setChecked(True)
    advanced.pages["transfers"].part_size.setValue(8)
    save(qtbot, sidebar, dialog)

    entry = json.loads(stored_text(store))["bookmarks"][0]
    assert entry["overrides"]["connection"]["max_attempts"] == 2
    assert entry["overrides"]["connection"]["verify_tls"] is False
    assert entry["overrides"]["transfers"]["part_size"] == 8 * MIB
    assert "s3" not in entry["overrides"]  # unticked: the Preferences' hold
    bookmark = BookmarkStore().get("Lab")
    made = connection_for_bookmark(bookmark, preferences=PREFERRED)
    assert (made.max_attempts, made.read_timeout, made.verify_tls) == (2, 20.0, False)


def test_a_refused_override_is_named_and_nothing_is_written(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    dialog = sidebar.add()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.host_edit, "storage.example.test")
    dialog.advanced.groups["s3"].setChecked(True)
    dialog.advanced.pages["s3"].metadata.setText("broken")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    text = dialog.status_label.text()
    assert text == "Own defaults for new uploads: Metadata 'broken' is not NAME=VALUE"
    assert dialog.advanced.panel.isVisible()  # opened to show where
    assert stored_text(store) == ""
    dialog.reject()


def test_older_s3_fields_show_as_overrides_and_move_into_them_on_saving(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    store.add(Bookmark("Old", "seaweedfs", host="h.test", acl="private", encryption="AES256"))
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    dialog = sidebar.edit()
    advanced = dialog.advanced
    assert advanced.groups["s3"].isChecked() and advanced.panel.isVisible()
    assert advanced.pages["s3"].acl.currentData() == "private"
    save(qtbot, sidebar, dialog)
    saved = BookmarkStore().get("Old")
    assert saved.acl is None
    assert saved.overrides["s3"]["acl"] == "private"
    # `encryption` is the bookmark's upload encryption (SSE-S3 here), shown in the main form
    # and kept there (applied over the S3-default overrides); it does not move.
    assert saved.encryption == "AES256"


def test_encryption_is_chosen_in_one_place_the_upload_encryption_box(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    sidebar.preferences = lambda: replace(PREFERRED, s3=S3Defaults(encryption=Encryption.S3))
    dialog = sidebar.add()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.nickname_edit, "One place")
    qtbot.keyClicks(dialog.host_edit, "storage.example.test")
    advanced = dialog.advanced
    advanced.toggle.click()
    s3_page = advanced.pages["s3"]
    assert s3_page.isVisible() and s3_page.storage_class.isVisible()
    assert not s3_page.encryption.isVisible() and not s3_page.kms_key.isVisible()
    assert {w.objectName() for w in dialog.findChildren(QComboBox) if w.isVisible()} & {
        "encryptionBox",
        "bookmarkEncryption",
    } == {"bookmarkEncryption"}  # one encryption choice on screen
    advanced.groups["s3"].setChecked(True)
    s3_page.storage_class.setText("GLACIER_IR")
    box = dialog.encryption_box
    box.choice_combo.setCurrentIndex(box.choice_combo.findData(upload_encryption.SSE_KMS.id))
    box.kms_key_edit.setText("alias/lab")
    save(qtbot, sidebar, dialog)

    entry = json.loads(stored_text(store))["bookmarks"][0]
    assert entry["overrides"]["s3"]["storage_class"] == "GLACIER_IR"
    assert "encryption" not in entry["overrides"]["s3"]
    assert "kms_key_id" not in entry["overrides"]["s3"]
    assert entry["encryption"] == "aws:kms:alias/lab"
    bookmark = BookmarkStore().get("One place")
    base = TransferOptions()
    assert options_for_bookmark(bookmark.id, base).sse is ServerSideEncryption.KMS
    assert options_for_bookmark(bookmark.id, base).sse_kms_key_id == "alias/lab"


def test_an_older_encryption_override_moves_into_the_upload_encryption_box(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    older = {"s3": {"encryption": "aws:kms", "kms_key_id": "alias/old", "acl": "private"}}
    store.add(Bookmark("Older", "seaweedfs", host="h.test", overrides=older))
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    dialog = sidebar.edit()
    assert dialog.encryption_box.value() == "aws:kms:alias/old"  # shown where it is chosen
    save(qtbot, sidebar, dialog)
    saved = BookmarkStore().get("Older")
    assert saved.encryption == "aws:kms:alias/old"
    assert saved.overrides["s3"]["acl"] == "private"
    assert "encryption" not in saved.overrides["s3"]
    assert "kms_key_id" not in saved.overrides["s3"]


def test_the_transfer_settings_say_what_the_automatic_checksum_does_for_the_provider(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    sidebar.preferences = lambda: Preferences()
    dialog = sidebar.add()
    dialog.advanced.toggle.click()
    page = dialog.advanced.pages["transfers"]
    dialog.select_profile("seaweedfs")  # its profile: the server keeps a CRC64NVME
    assert page.integrity.isVisible()
    assert "CRC64NVME" in page.integrity.text() and "provider keeps" in page.integrity.text()
    assert page.checksum.currentData() == "auto"  # the Preferences' default
    dialog.select_profile("cloudflare-r2")  # rejects the newer checksum headers
    assert "Content-MD5" in page.integrity.text() and "metadata" in page.integrity.text()

    # A bookmark may still choose its own checksum over the policy.
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.nickname_edit, "Checked")
    dialog.advanced.groups["transfers"].setChecked(True)
    page.checksum.setCurrentIndex(page.checksum.findData("crc32c"))
    save(qtbot, sidebar, dialog)
    entry = json.loads(stored_text(store))["bookmarks"][0]
    assert entry["overrides"]["transfers"]["checksum"] == "crc32c"
