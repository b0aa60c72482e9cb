"""Actions > Re-encrypt with Current Key…: a survey of the folder, a dialog with what each
key holds, and a transfer job that leaves every object under the first key only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.sse_c import ring_store
from app.core.sse_c.key_ring import customer_args
from app.ui.application import WindowSet
from app.ui.dialogs.rekey_dialog import RekeyDialog
from app.ui.location import Location
from tests.gui.browsing import names
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui


def _opens(admin: Any, bucket: str, key: str, sse_key: bytes) -> bool:
    try:
        admin.head_object(Bucket=bucket, Key=key, **customer_args(sse_key))
    except ClientError:
        return False
    return True


def test_rotating_a_folder_from_the_window(
    qtbot: QtBot,
    window_set: WindowSet,
    store: BookmarkStore,
    seaweed_bookmark: Bookmark,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    new, old, stranger = os.urandom(32), os.urandom(32), os.urandom(32)
    store.update(seaweed_bookmark.with_changes(encryption="sse-c"))
    ring_store.save_ring(seaweed_bookmark.secret_owner, [new, old])
    for name, key in (("a", old), ("b", old), ("c", new), ("lost", stranger)):
        seaweed_admin.put_object(
            Bucket=bucket, Key=f"d/{name}", Body=name.encode(), **customer_args(key)
        )
    window = window_set.open_empty()
    qtbot.addWidget(window)
    window.sidebar.select(seaweed_bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: bucket in names(window))
    window.controller.navigate(Location(bucket, "d/"))
    wait_for(qtbot, lambda: "a" in names(window))

    actions = window.object_actions
    assert actions.actions["rekeyAction"].text() == "Re-encrypt with Current &Key…"
    actions.actions["rekeyAction"].trigger()
    wait_for(qtbot, lambda: isinstance(actions.key_rotation.dialog, RekeyDialog))
    dialog = actions.key_rotation.dialog
    assert dialog is not None
    report = dialog.report_label.text()
    assert "key 1 (current" in report and "key 2 (older" in report
    assert report.splitlines()[1].endswith(": 1") and report.splitlines()[2].endswith(": 2")
    assert "No key of this ring opens 1 object(s)" in report and "d/lost" in report
    assert dialog.rekey_button.text() == "Re-encrypt 2 object(s)"
    dialog.rekey_button.click()
    wait_for(qtbot, lambda: _opens(seaweed_admin, bucket, "d/b", new), timeout=30_000)
    wait_for(qtbot, lambda: _opens(seaweed_admin, bucket, "d/a", new), timeout=30_000)
    for name in ("a", "b"):
        assert not _opens(seaweed_admin, bucket, f"d/{name}", old)
        body = seaweed_admin.get_object(Bucket=bucket, Key=f"d/{name}", **customer_args(new))
        assert body["Body"].read() == name.encode()
    assert _opens(seaweed_admin, bucket, "d/lost", stranger)
    wait_for(qtbot, lambda: "Done: Re-encrypt 2 object(s)" in actions.status.label.text())
