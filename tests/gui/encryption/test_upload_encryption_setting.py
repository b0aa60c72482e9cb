"""Bookmark settings: the default encryption for uploads, and the key ring editor reached
from it; bookmarks.json holds the choice, never a key."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import BookmarkStore
from app.core.bookmarks import upload_encryption as choices
from app.core.bookmarks.store import default_path
from app.core.sse_c import ring_store
from app.core.sse_c.rings import ring_for
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui


@pytest.fixture
def model(store: BookmarkStore) -> Iterator[BookmarkListModel]:
    bookmarks = BookmarkListModel(store)
    yield bookmarks
    bookmarks.shutdown()


def _dialog(qtbot: QtBot, model: BookmarkListModel) -> BookmarkDialog:
    dialog = BookmarkDialog(model)
    qtbot.addWidget(dialog)
    dialog.select_profile("s3-compatible")
    dialog.nickname_edit.setText("Encrypted")
    dialog.host_edit.setText("s3.example.com")
    return dialog


def test_each_choice_is_offered_and_written_to_the_bookmark(
    qtbot: QtBot, model: BookmarkListModel
) -> None:
    dialog = _dialog(qtbot, model)
    box = dialog.encryption_box
    combo = box.choice_combo
    assert [combo.itemText(r) for r in range(combo.count())] == [c.label for c in choices.choices()]
    assert dialog.bookmark_from_fields().encryption is None
    combo.setCurrentIndex(combo.findData("AES256"))
    assert dialog.bookmark_from_fields().encryption == "AES256"
    assert box.kms_key_edit.isHidden() and box.key_ring_button.isHidden()
    combo.setCurrentIndex(combo.findData("aws:kms"))
    assert not box.kms_key_edit.isHidden()
    assert dialog.bookmark_from_fields().encryption == "aws:kms"
    box.kms_key_edit.setText("arn:aws:kms:eu-west-1:111122223333:key/abcd")
    assert dialog.bookmark_from_fields().encryption == (
        "aws:kms:arn:aws:kms:eu-west-1:111122223333:key/abcd"
    )
    combo.setCurrentIndex(combo.findData("sse-c"))
    assert not box.key_ring_button.isHidden() and box.kms_key_edit.isHidden()
    assert dialog.bookmark_from_fields().encryption == "sse-c"
    assert "first key" in combo.toolTip()


def test_an_sse_c_bookmark_keeps_its_ring_in_the_keyring_not_in_bookmarks_json(
    qtbot: QtBot, model: BookmarkListModel, store: BookmarkStore
) -> None:
    dialog = _dialog(qtbot, model)
    combo = dialog.encryption_box.choice_combo
    combo.setCurrentIndex(combo.findData("sse-c"))
    editor = dialog.edit_key_ring()
    wait_for(qtbot, lambda: editor.save_button.isEnabled())
    editor.generate_button.click()
    key = editor.keys[0]
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    saved = store.list()[0]
    assert saved.encryption == "sse-c"
    text = default_path().read_text()
    assert "sse-c" in text
    assert base64.b64encode(key).decode() not in text and key.hex() not in text
    assert ring_store.load_ring(saved.secret_owner) == [key]
    # what an upload under this bookmark would use: its ring, by the bookmark's owner name
    options = TransferOptions(**choices.transfer_fields(saved.encryption, saved.secret_owner))  # type: ignore[arg-type]
    assert options.sse is ServerSideEncryption.CUSTOMER
    assert ring_for(options.sse_customer_key_ref or "").current == key

    again = BookmarkDialog(model, saved)
    qtbot.addWidget(again)
    assert again.encryption_box.choice.id == "sse-c"
