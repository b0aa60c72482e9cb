"""The browser window's actions, driven through the GUI against SeaweedFS; the server's state
is checked afterwards with the test's own admin client."""

from __future__ import annotations

import functools
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.s3 import issued_links
from app.core.s3.preview_fetch import fetch_for_preview
from app.core.transfers import engine as engine_module
from app.core.transfers.limits import TransferLimits
from app.ui.controllers import preview_actions
from app.ui.dialogs import file_pick
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.issued_links import IssuedLinksDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.new_bucket import NewBucketDialog
from app.ui.dialogs.presign import PresignDialog
from app.ui.dialogs.preview import PreviewDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, dialog_of, keys, names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui


def select(window: MainWindow, name: str) -> None:
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(names(window).index(name), 0))


def open_at(qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str, prefix: str = ""):
    window = windows.open(connection_for(seaweed), Location(bucket, prefix))
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, prefix))
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def idle(window: MainWindow) -> Callable[[], bool]:
    return lambda: not window.object_actions.status.running()


def test_new_bucket_validates_the_name_live_and_creates_it(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in names(window))
    window.object_actions.actions["newBucketAction"].trigger()
    dialog = dialog_of(qtbot, window, NewBucketDialog)
    assert dialog.region == "us-east-1"
    qtbot.keyClicks(dialog.name_edit, "Bad_Name")
    assert not dialog.ok_button.isEnabled()
    shown = dialog.problems_label.text()
    assert "cannot contain uppercase letters: B N." in shown
    assert "not '_'" in shown
    dialog.name_edit.setText("ab")
    assert "3 to 63 characters long; this is 2." in dialog.problems_label.text()
    name = f"nb-{uuid.uuid4().hex[:12]}"
    dialog.name_edit.setText(name)
    assert dialog.problems_label.text() == ""
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: name in names(window))
    assert name in [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]
    seaweed_admin.delete_bucket(Bucket=name)


def test_new_folder_puts_a_placeholder(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["a.txt"])
    window = open_at(qtbot, windows, seaweed, bucket)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = dialog_of(qtbot, window, NamePrompt)
    dialog.name_edit.setText("a/b")
    assert "cannot contain '/'" in dialog.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("reports")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "reports" in names(window))
    assert keys(seaweed_admin, bucket) == ["a.txt", "reports/"]
    assert body(seaweed_admin, bucket, "reports/") == b""


def test_delete_folder_confirms_its_object_count_and_deletes_everything(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    doomed = [f"old/{i:03}.txt" for i in range(25)] + ["old/sub/x.bin"]
    fill(seaweed_admin, bucket, [*doomed, "keep.txt", "older.txt"])
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "old")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Delete)
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    assert "the folder 'old/'" in dialog.summary_label.text()
    assert "This deletes 26 objects." in dialog.summary_label.text()
    assert not dialog.permanent_choice.isVisible()  # an unversioned bucket: plain delete only
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    # (SeaweedFS may list the emptied `old/` directory for a while: the keys are what counts)
    status = window.object_actions.status
    wait_for(qtbot, lambda: "Deleted" in status.label.text())
    assert keys(seaweed_admin, bucket) == ["keep.txt", "older.txt"]
    assert "Deleted 26 objects" in window.object_actions.status.label.text()


def test_delete_on_a_versioned_bucket_can_remove_every_version(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    for content in (b"one", b"two"):
        seaweed_admin.put_object(Bucket=bucket, Key="v.txt", Body=content)
    seaweed_admin.put_object(Bucket=bucket, Key="other.txt", Body=b"x")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "v.txt")
    window.object_actions.actions["deleteAction"].trigger()
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    assert "This deletes 1 object." in dialog.summary_label.text()
    assert "all 2 versions" in dialog.permanent_choice.text()
    dialog.permanent_choice.setChecked(True)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "v.txt" not in names(window))
    wait_for(qtbot, idle(window))
    left = seaweed_admin.list_object_versions(Bucket=bucket, Prefix="v.txt")
    assert left.get("Versions", []) == [] and left.get("DeleteMarkers", []) == []


def test_rename_folder_moves_every_key_with_its_bytes(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    originals = {f"src/{i}.dat": f"content {i}".encode() * (i + 1) for i in range(12)}
    for key, data in originals.items():
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=data)
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "src")
    qtbot.keyClick(window.object_list, Qt.Key.Key_F2)
    dialog = dialog_of(qtbot, window, NamePrompt)
    assert dialog.name == "src"
    assert not dialog.ok_button.isEnabled()  # same name
    dialog.name_edit.setText("dst")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # SeaweedFS may list the emptied `src/` directory as a common prefix for a while after
    # the batch delete; the keys below are what counts.
    wait_for(qtbot, lambda: "dst" in names(window))
    wait_for(qtbot, idle(window))
    assert keys(seaweed_admin, bucket) == sorted(k.replace("src/", "dst/") for k in originals)
    for key, data in originals.items():
        assert body(seaweed_admin, bucket, key.replace("src/", "dst/")) == data


def test_rename_and_duplicate_an_object(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="notes.txt", Body=b"hello")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "notes.txt")
    window.object_actions.actions["renameAction"].trigger()
    dialog = dialog_of(qtbot, window, NamePrompt)
    dialog.name_edit.setText("renamed.txt")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: names(window) == ["renamed.txt"])
    assert keys(seaweed_admin, bucket) == ["renamed.txt"]

    select(window, "renamed.txt")
    window.activateWindow()  # the rename dialog had the focus
    wait_for(qtbot, window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_for(qtbot, lambda: names(window) == ["renamed (1).txt", "renamed.txt"])
    assert body(seaweed_admin, bucket, "renamed (1).txt") == b"hello"


def test_duplicate_a_folder(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["set/a", "set/b/c"], body=b"abc")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "set")
    window.object_actions.actions["duplicateAction"].trigger()
    wait_for(qtbot, lambda: names(window) == ["set", "set (1)"])
    assert keys(seaweed_admin, bucket, "set (1)/") == ["set (1)/a", "set (1)/b/c"]
    assert body(seaweed_admin, bucket, "set (1)/b/c") == b"abc"


def test_copy_url_puts_both_forms_on_the_clipboard(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="a b.txt", Body=b"x")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "a b.txt")
    window.object_actions.actions["copyUrlAction"].trigger()
    base = f"http://{seaweed.host}:{seaweed.port}"
    wait_for(qtbot, lambda: QApplication.clipboard().text().startswith(base))
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0] == f"{base}/{bucket}/a%20b.txt"
    # 127.0.0.1 cannot take a bucket sub-domain: only the path-style form, and the status says
    assert len(lines) in (1, 2)
    if len(lines) == 1:
        assert "path-style" in window.object_actions.status.label.text()


def test_presigned_get_url_works_and_is_listed(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="share.txt", Body=b"shared bytes")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "share.txt")
    window.object_actions.actions["presignAction"].trigger()
    dialog = dialog_of(qtbot, window, PresignDialog)
    dialog.expiry_box.setCurrentIndex(3)  # custom
    dialog.custom_hours.setValue(24 * 8)  # beyond SigV4's 7 days: refused
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "at most 7 days" in dialog.message_label.text())
    assert dialog.url_edit.text() == ""

    dialog.expiry_box.setCurrentIndex(0)  # 1 hour
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.url_edit.text().startswith("http"))
    assert "Valid until" in dialog.message_label.text()
    url = dialog.url_edit.text()
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a test URL)
        assert response.read() == b"shared bytes"
    dialog.close()

    wait_for(qtbot, lambda: len(issued_links.load()) == 1)  # recorded after it is shown
    window.object_actions.actions["issuedLinksAction"].trigger()
    links = dialog_of(qtbot, window, IssuedLinksDialog)
    assert len(links.rows()) == 1
    row = links.rows()[0]
    assert row[0] == f"s3://{bucket}/share.txt"
    assert row[1] == "Download"
    assert row[4] == "valid"


def test_upload_then_download_back_byte_identical(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="dir/existing.txt", Body=b"")
    window = open_at(qtbot, windows, seaweed, bucket, "dir/")
    local = tmp_path / "payload.bin"
    data = bytes(range(256)) * 4096 + b"tail"
    local.write_bytes(data)
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    wait_for(qtbot, lambda: "payload.bin" in names(window))
    assert body(seaweed_admin, bucket, "dir/payload.bin") == data
    assert "Done: Upload payload.bin" in window.object_actions.status.label.text()

    target = tmp_path / "back"
    target.mkdir()
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(target)))
    select(window, "payload.bin")
    window.object_actions.actions["downloadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Download" in window.object_actions.status.label.text())
    assert (target / "payload.bin").read_bytes() == data


def test_cancel_an_upload_from_the_status_bar(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="here.txt", Body=b"x")
    window = open_at(qtbot, windows, seaweed, bucket)
    local = tmp_path / "big.bin"
    local.write_bytes(b"\1" * (8 * 1024 * 1024))
    # A slow upload (the real service, with a bandwidth limit) so it is still running
    service = window.object_actions.transfers.shared.get()  # made now, not at the upload
    service.set_limits(TransferLimits(upload_rate=256_000))
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    status = window.object_actions.status
    wait_for(qtbot, lambda: status.cancel_button.isVisible() and status.running() != [])
    assert "Upload big.bin" in status.label.text()
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Cancelled: Upload big.bin" in status.label.text())
    assert keys(seaweed_admin, bucket) == ["here.txt"]
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_enter_previews_text_and_refuses_a_large_object(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="hello.txt", Body="héllo wörld\n".encode())
    seaweed_admin.put_object(Bucket=bucket, Key="large.txt", Body=b"y" * 5000)
    monkeypatch.setattr(
        preview_actions, "fetch_for_preview", functools.partial(fetch_for_preview, limit=4096)
    )
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "hello.txt")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    preview = dialog_of(qtbot, window, PreviewDialog)
    assert preview.text_view is not None
    assert preview.text_view.toPlainText() == "héllo wörld\n"
    assert preview.text_view.isReadOnly()
    preview.close()

    select(window, "large.txt")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    wait_for(qtbot, window.error_banner.isVisible)
    assert "too large to preview" in window.error_banner.text
    assert window.controller.location == Location(bucket)


def test_every_action_has_a_shortcut_a_menu_and_a_context_menu_entry(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    window = windows.open(connection_for(seaweed))
    menu = window.menuBar().findChild(type(window.menuBar().actions()[0].menu()), "actionsMenu")
    assert menu is not None
    in_menu = set(menu.actions())
    in_context = set(window.object_list.actions())
    for action in window.object_actions.actions.values():
        assert not action.shortcut().isEmpty(), action.objectName()
        assert action in in_menu and action in in_context, action.objectName()
    made = window.object_actions.actions
    assert made["newBucketAction"].isEnabled()
    assert not made["newFolderAction"].isEnabled()  # at the bucket list: no folder to make
    assert not made["uploadAction"].isEnabled()


def test_move_a_folder_into_another_folder_by_typing_its_location(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["inbox/a.txt", "inbox/b/c.txt", "archive/old.txt"], b"m")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "inbox")
    window.object_actions.actions["renameAction"].trigger()
    dialog = dialog_of(qtbot, window, NamePrompt)
    dialog.name_edit.setText(f"s3://{bucket}/inbox/deeper/")
    assert "into itself" in dialog.problem_label.text()
    dialog.name_edit.setText(f"s3://{bucket}/archive/")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    status = window.object_actions.status
    wait_for(qtbot, lambda: "Moved 2 objects" in status.label.text())
    assert keys(seaweed_admin, bucket) == [
        "archive/inbox/a.txt",
        "archive/inbox/b/c.txt",
        "archive/old.txt",
    ]


def test_presigned_put_url_accepts_an_upload(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="drop.txt", Body=b"old")
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "drop.txt")
    window.object_actions.actions["presignAction"].trigger()
    dialog = dialog_of(qtbot, window, PresignDialog)
    dialog.method_box.setCurrentIndex(1)  # PUT
    dialog.expiry_box.setCurrentIndex(2)  # 7 days
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.url_edit.text().startswith("http"))
    url = dialog.url_edit.text()
    request = urllib.request.Request(url, data=b"new bytes", method="PUT")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a test URL)
        assert response.status == 200
    assert body(seaweed_admin, bucket, "drop.txt") == b"new bytes"
    dialog.close()
    wait_for(qtbot, lambda: len(issued_links.load()) == 1)
    assert issued_links.load()[0].method == "PUT"


def test_delete_a_bucket_from_the_bucket_list(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    name = f"del-{uuid.uuid4().hex[:12]}"
    seaweed_admin.create_bucket(Bucket=name)
    fill(seaweed_admin, name, ["a", "b/c", "d/"])
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: name in names(window))
    select(window, name)
    qtbot.keyClick(window.object_list, Qt.Key.Key_Delete)
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    assert f"the bucket '{name}'" in dialog.summary_label.text()
    assert "This deletes 3 objects." in dialog.summary_label.text()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: name not in names(window))
    assert name not in [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]


def test_enter_previews_an_image(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    image = QImage(7, 5, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    seaweed_admin.put_object(Bucket=bucket, Key="dot.png", Body=bytes(data.data()))
    window = open_at(qtbot, windows, seaweed, bucket)
    select(window, "dot.png")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    preview = dialog_of(qtbot, window, PreviewDialog)
    assert preview.image_label is not None
    assert preview.image_label.pixmap().size().toTuple() == (7, 5)


def test_download_a_folder(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(seaweed_admin, bucket, ["pics/a.jpg", "pics/sub/b.jpg"], b"jpeg")
    window = open_at(qtbot, windows, seaweed, bucket)
    monkeypatch.setattr(file_pick, "choose_download_folder", lambda _w, done: done(str(tmp_path)))
    select(window, "pics")
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    status = window.object_actions.status
    wait_for(qtbot, lambda: "Done: Download" in status.label.text())
    assert (tmp_path / "pics" / "a.jpg").read_bytes() == b"jpeg"
    assert (tmp_path / "pics" / "sub" / "b.jpg").read_bytes() == b"jpeg"


def test_cancel_a_folder_delete_keeps_the_rest(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(seaweed_admin, bucket, [f"many/{i:04}" for i in range(400)])
    # the engine's real delete job, one key per request, each answered a little late (as a
    # slower server would), so there is time to cancel
    monkeypatch.setattr(engine_module, "DELETE_BATCH", 1)
    window = open_at(qtbot, windows, seaweed, bucket)
    session = window.controller.session
    assert session is not None
    session.client_for_bucket(bucket).meta.events.register(
        "before-send.s3.DeleteObjects", lambda **_: time.sleep(0.05)
    )
    select(window, "many")
    window.object_actions.actions["deleteAction"].trigger()
    dialog = dialog_of(qtbot, window, DeleteConfirmDialog)
    assert "This deletes 400 objects." in dialog.summary_label.text()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    status = window.object_actions.status
    wait_for(qtbot, lambda: status.running() != [] and status.bar.value() > 0)
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Cancelled after deleting" in status.label.text())
    deleted = int(status.label.text().split("deleting ")[1].split()[0].replace(",", ""))
    assert 0 < deleted < 400
    assert len(keys(seaweed_admin, bucket, "many/")) == 400 - deleted
