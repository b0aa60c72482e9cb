"""A bookmark whose upload encryption is client-side (CSE) + key: the settings generate or
import the local key into the secret store (never bookmarks.json), and the window's uploads
are encrypted on the client (the S3 Encryption Client's envelope in the object's headers) and
its downloads decrypted, on SeaweedFS (a local key) and moto (a KMS key)."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.store import default_path
from app.core.cse.content_cipher import ciphertext_size
from app.core.cse.key_files import fingerprint
from app.core.cse.key_store import CSE_SECRET_KIND
from app.ui.application import WindowSet
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.dialogs import file_pick
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from app.ui.location import Location
from tests.fixtures.servers import RunningS3
from tests.gui.actions.test_actions import select
from tests.gui.browsing import names
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui

ENVELOPE_NAMES = ("x-amz-3", "x-amz-key-v2", "x-amz-key")


@pytest.fixture
def model(store: BookmarkStore) -> Iterator[BookmarkListModel]:
    bookmarks = BookmarkListModel(store)
    yield bookmarks
    bookmarks.shutdown()


def _stored_key(owner: str) -> bytes | None:
    stored = secrets.get_secret(owner, CSE_SECRET_KIND)
    return base64.b64decode(stored) if stored else None


def test_the_settings_import_a_key_file_or_take_a_kms_key(
    qtbot: QtBot, model: BookmarkListModel, tmp_path: Path
) -> None:
    dialog = BookmarkDialog(model)
    qtbot.addWidget(dialog)
    box = dialog.encryption_box
    box.choice_combo.setCurrentIndex(box.choice_combo.findData("cse"))
    assert not box.cse_import_button.isHidden() and not box.cse_generate_button.isHidden()
    assert box.key_ring_button.isHidden()
    wait_for(qtbot, lambda: box.cse_key_label.text().startswith("No local key yet"))
    assert dialog.bookmark_from_fields().encryption == "cse"

    bad = tmp_path / "short.key"
    bad.write_text("too short")
    dialog.import_cse_key(str(bad))
    wait_for(qtbot, lambda: "must hold 32 bytes" in dialog.status_label.text())
    owner = dialog.bookmark_from_fields().secret_owner
    assert _stored_key(owner) is None

    key = os.urandom(32)
    good = tmp_path / "cse.key"
    good.write_text(base64.b64encode(key).decode() + "\n")
    box.cse_import_requested.emit(str(good))  # what the file dialog sends
    wait_for(qtbot, lambda: box.cse_key_label.text() == f"Local key {fingerprint(key)}")
    assert _stored_key(owner) == key

    box.kms_key_edit.setText("alias/backups")  # a KMS key id instead of the local key
    assert box.cse_generate_button.isHidden() and box.cse_import_button.isHidden()
    assert dialog.bookmark_from_fields().encryption == "cse:alias/backups"


def test_a_cse_bookmark_encrypts_window_uploads_and_decrypts_its_downloads(
    qtbot: QtBot,
    window_set: WindowSet,
    store: BookmarkStore,
    seaweed_bookmark: Bookmark,  # saved before the list model reads the store
    model: BookmarkListModel,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = BookmarkDialog(model, seaweed_bookmark)
    qtbot.addWidget(dialog)
    box = dialog.encryption_box
    box.choice_combo.setCurrentIndex(box.choice_combo.findData("cse"))
    wait_for(qtbot, lambda: box.cse_key_label.text().startswith("No local key yet"))
    box.cse_generate_button.click()
    wait_for(qtbot, lambda: box.cse_key_label.text().startswith("Local key "))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    assert store.get(seaweed_bookmark.id).encryption == "cse"
    key = _stored_key(seaweed_bookmark.secret_owner)
    assert key is not None and box.cse_key_label.text() == f"Local key {fingerprint(key)}"
    text = default_path().read_text()
    assert base64.b64encode(key).decode() not in text and key.hex() not in text

    window = window_set.open_empty()
    qtbot.addWidget(window)
    window.sidebar.select(seaweed_bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: bucket in names(window))
    window.controller.navigate(Location(bucket))

    plain = b"the plaintext of a client-side encrypted file\n" * 100
    local = tmp_path / "secret.txt"
    local.write_bytes(plain)
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Upload secret.txt" in window.object_actions.status.label.text())
    stored = seaweed_admin.get_object(Bucket=bucket, Key="secret.txt")
    assert any(name in stored["Metadata"] for name in ENVELOPE_NAMES), stored["Metadata"]
    assert stored["Metadata"].get("x-amz-w") == "02"  # the data key wrapped by a local AES key
    raw = stored["Body"].read()
    assert b"plaintext" not in raw and len(raw) == ciphertext_size(len(plain))

    target = tmp_path / "back"
    target.mkdir()
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    wait_for(qtbot, lambda: "secret.txt" in names(window))
    select(window, "secret.txt")
    window.object_actions.actions["downloadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Download" in window.object_actions.status.label.text())
    assert (target / "secret.txt").read_bytes() == plain


def test_a_cse_bookmark_with_a_kms_key_encrypts_and_decrypts_through_the_window(
    qtbot: QtBot,
    window_set: WindowSet,
    store: BookmarkStore,
    moto: RunningS3,
    moto_admin: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        region_name="us-east-1",
    )
    key_id = kms.create_key(KeySpec="SYMMETRIC_DEFAULT")["KeyMetadata"]["KeyId"]
    bookmark = store.add(
        Bookmark(
            nickname="Moto KMS", profile="seaweedfs", host=moto.host, port=moto.port,
            access_key_id=moto.access_key, encryption=f"cse:{key_id}",
        ),
        secret_key=moto.secret_key,
    )  # fmt: skip
    bucket = f"cse-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=bucket)
    window = window_set.open_empty()
    qtbot.addWidget(window)
    window.sidebar.select(bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: bucket in names(window))
    window.controller.navigate(Location(bucket))

    plain = b"wrapped by KMS\n" * 50
    local = tmp_path / "kms.txt"
    local.write_bytes(plain)
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Upload kms.txt" in window.object_actions.status.label.text())
    stored = moto_admin.get_object(Bucket=bucket, Key="kms.txt")
    assert stored["Metadata"].get("x-amz-w") == "12", stored["Metadata"]  # kms+context
    assert b"wrapped by KMS" not in stored["Body"].read()

    target = tmp_path / "back"
    target.mkdir()
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    wait_for(qtbot, lambda: "kms.txt" in names(window))
    select(window, "kms.txt")
    window.object_actions.actions["downloadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Download" in window.object_actions.status.label.text())
    assert (target / "kms.txt").read_bytes() == plain
