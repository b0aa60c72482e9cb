"""Every hidden-files action from its keyboard shortcut, and the versioned-bucket delete's
default (a delete marker, the versions kept), driven through the window against SeaweedFS;
the server's versions, markers and uploads are checked afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.versions_model import VERSION_ID
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for
from tests.gui.hidden.dialogs import answer_yes

pytestmark = pytest.mark.gui

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def versions_on_server(admin: Any, bucket: str) -> tuple[list[str], list[tuple[str, bool]]]:
    """(version ids, (key, latest) of each delete marker)"""
    listed = admin.list_object_versions(Bucket=bucket)
    return (
        [v["VersionId"] for v in listed.get("Versions", [])],
        [(m["Key"], m["IsLatest"]) for m in listed.get("DeleteMarkers", [])],
    )


def press(qtbot: QtBot, window: MainWindow, view: QAbstractItemView, key: Qt.Key) -> None:
    window.activateWindow()  # a confirmation may have had the focus
    wait_for(qtbot, window.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, key, CTRL_ALT)


def seed_hidden_files(admin: Any, bucket: str) -> tuple[str, str, str, str]:
    """Two versions of doc.txt, gone.txt behind a delete marker, an unfinished upload of
    big.bin: (old version, new version, marker, upload id)."""
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    old = admin.put_object(Bucket=bucket, Key="doc.txt", Body=b"old")["VersionId"]
    new = admin.put_object(Bucket=bucket, Key="doc.txt", Body=b"new")["VersionId"]
    admin.put_object(Bucket=bucket, Key="gone.txt", Body=b"bye")
    marker = admin.delete_object(Bucket=bucket, Key="gone.txt")["VersionId"]
    upload_id = admin.create_multipart_upload(Bucket=bucket, Key="big.bin")["UploadId"]
    return old, new, marker, upload_id


def select_version(window: MainWindow, version_id: str) -> None:
    hidden = window.hidden_files
    hidden.tabs.setCurrentWidget(hidden.versions_view)
    model = hidden.versions_model
    ids = [model.index(r, VERSION_ID).data() for r in range(model.rowCount())]
    hidden.versions_view.selectRow(ids.index(version_id))


def test_hidden_files_actions_from_their_shortcuts(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    old, new, marker, upload_id = seed_hidden_files(admin, bucket)
    admin.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=1, Body=b"z")

    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["doc.txt"] and not window.controller.model.loading)
    hidden = window.hidden_files
    window.object_list.setFocus()
    qtbot.keyClick(
        window.object_list,
        Qt.Key.Key_Period,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,  # show hidden
    )
    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 4)  # 2 + gone.txt's 2

    select_version(window, old)  # Ctrl+Alt+D: delete this version permanently
    press(qtbot, window, hidden.versions_view, Qt.Key.Key_D)
    answer_yes(qtbot, window, "confirmDeleteVersion")
    ids, markers = versions_on_server(admin, bucket)
    assert old not in ids and new in ids
    assert markers == [("gone.txt", True)]  # the other actions' targets are untouched

    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 3)
    select_version(window, marker)  # Ctrl+Alt+M: remove the delete marker
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        press(qtbot, window, hidden.versions_view, Qt.Key.Key_M)
    assert versions_on_server(admin, bucket)[1] == []
    assert admin.get_object(Bucket=bucket, Key="gone.txt")["Body"].read() == b"bye"

    hidden.tabs.setCurrentWidget(hidden.uploads_view)  # Ctrl+Alt+A: abort the upload
    wait_for(qtbot, lambda: hidden.uploads_model.rowCount() == 1)
    hidden.uploads_view.selectRow(0)
    press(qtbot, window, hidden.uploads_view, Qt.Key.Key_A)
    answer_yes(qtbot, window, "confirmAbortUpload")
    assert admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_delete_on_a_versioned_bucket_adds_a_delete_marker_by_default(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    kept = [admin.put_object(Bucket=bucket, Key="v.txt", Body=b)["VersionId"] for b in (b"1", b"2")]
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["v.txt"] and not window.controller.model.loading)
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    actions = window.object_actions
    wait_for(qtbot, lambda: isinstance(actions.dialog, DeleteConfirmDialog))
    dialog = actions.dialog
    assert isinstance(dialog, DeleteConfirmDialog)
    assert dialog.marker_choice.isVisible() and dialog.marker_choice.isChecked()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    wait_for(qtbot, lambda: names(window) == [])
    ids, markers = versions_on_server(admin, bucket)
    assert sorted(ids) == sorted(kept)  # both versions kept
    assert markers == [("v.txt", True)]  # hidden behind a delete marker


def test_the_delete_key_in_the_hidden_files_tables(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    old, new, marker, upload_id = seed_hidden_files(admin, bucket)
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["doc.txt"] and not window.controller.model.loading)
    hidden = window.hidden_files
    hidden.show_action.trigger()
    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 4)

    def delete_key(view: QAbstractItemView) -> None:
        window.activateWindow()
        wait_for(qtbot, window.isActiveWindow)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Delete)

    select_version(window, old)  # a version: deleted for good, after the question
    delete_key(hidden.versions_view)
    answer_yes(qtbot, window, "confirmDeleteVersion")
    assert versions_on_server(admin, bucket)[0].count(new) == 1
    assert old not in versions_on_server(admin, bucket)[0]

    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 3)
    select_version(window, marker)  # a delete marker: removed, the object is back
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        delete_key(hidden.versions_view)
    assert admin.get_object(Bucket=bucket, Key="gone.txt")["Body"].read() == b"bye"

    hidden.tabs.setCurrentWidget(hidden.uploads_view)  # an unfinished upload: aborted
    wait_for(qtbot, lambda: hidden.uploads_model.rowCount() == 1)
    hidden.uploads_view.selectRow(0)
    delete_key(hidden.uploads_view)
    answer_yes(qtbot, window, "confirmAbortUpload")
    uploads = admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    assert upload_id not in [u["UploadId"] for u in uploads]
