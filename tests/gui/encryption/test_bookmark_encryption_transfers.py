"""A window on a bookmark whose upload encryption is SSE-C: uploads are encrypted with the
first key of its ring, downloads find each object's key (on SeaweedFS, which enforces it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.sse_c import ring_store
from app.core.sse_c.key_ring import customer_args
from app.ui.application import WindowSet
from app.ui.dialogs import file_pick
from app.ui.location import Location
from tests.gui.actions.test_actions import select
from tests.gui.browsing import names
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui


def test_uploads_use_the_rings_first_key_and_downloads_each_objects_own(
    qtbot: QtBot,
    window_set: WindowSet,
    store: BookmarkStore,
    seaweed_bookmark: Bookmark,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new, old = os.urandom(32), os.urandom(32)
    store.update(seaweed_bookmark.with_changes(encryption="sse-c"))
    ring_store.save_ring(seaweed_bookmark.secret_owner, [new, old])
    seaweed_admin.put_object(Bucket=bucket, Key="old.bin", Body=b"old bytes", **customer_args(old))
    window = window_set.open_empty()
    qtbot.addWidget(window)
    window.sidebar.select(seaweed_bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: bucket in names(window))
    window.controller.navigate(Location(bucket))
    wait_for(qtbot, lambda: "old.bin" in names(window))

    local = tmp_path / "new.bin"
    local.write_bytes(b"new bytes")
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Upload new.bin" in window.object_actions.status.label.text())
    head = seaweed_admin.head_object(Bucket=bucket, Key="new.bin", **customer_args(new))
    assert head["SSECustomerAlgorithm"] == "AES256"

    target = tmp_path / "back"
    target.mkdir()
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    wait_for(qtbot, lambda: {"old.bin", "new.bin"} <= set(names(window)))
    select(window, "old.bin")
    window.object_actions.actions["downloadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Download" in window.object_actions.status.label.text())
    assert (target / "old.bin").read_bytes() == b"old bytes"

    select(window, "old.bin")  # a copy on the server: read with its key, written with the first
    window.object_actions.actions["duplicateAction"].trigger()
    wait_for(qtbot, lambda: "old (1).bin" in names(window))
    copied = seaweed_admin.get_object(Bucket=bucket, Key="old (1).bin", **customer_args(new))
    assert copied["Body"].read() == b"old bytes"
