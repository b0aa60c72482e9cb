"""The Transfers window's actions on real jobs against SeaweedFS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark
from app.core.s3.session import S3Session
from app.core.settings import TransferPreferences
from app.core.transfers.jobs import JobKind, JobState
from app.ui.location import Location
from app.ui.models.transfers_model import STATE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.answers import click
from tests.gui.transfers.helpers import (
    MIB,
    limit_bandwidth,
    open_at,
    random_file,
    sparse_file,
    trigger,
    upload,
    wait_jobs,
    wait_state,
)

pytestmark = pytest.mark.gui


def test_pause_and_resume_act_on_every_selected_job(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window_set = windows.window_set
    limit_bandwidth(window_set, 256 * 1024)  # slow enough to pause halfway
    window = open_at(qtbot, windows, seaweed, bucket)
    files = [random_file(tmp_path / f"{n}.bin", 2 * MIB) for n in ("one", "two")]
    upload(window, monkeypatch, *files)
    hub = window_set.transfers
    ids = [job.id for job in wait_jobs(qtbot, hub, 2)]
    wait_state(qtbot, hub, ids, JobState.RUNNING)
    assert hub.window.isVisible()  # opened by itself when the transfers started

    trigger(hub, ids, "pauseTransferAction")
    wait_state(qtbot, hub, ids, JobState.PAUSED)
    assert [hub.model.job_index(i, STATE).data() for i in ids] == ["Paused", "Paused"]
    trigger(hub, ids, "resumeTransferAction")
    wait_state(qtbot, hub, ids, JobState.RUNNING)
    limit_bandwidth(window_set, None)
    wait_state(qtbot, hub, ids, JobState.DONE)
    for path in files:
        body = seaweed_admin.get_object(Bucket=bucket, Key=path.name)["Body"].read()
        assert body == path.read_bytes()


def _unfinished(admin: Any, bucket: str) -> list[str]:
    return [u["Key"] for u in admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


@pytest.mark.parametrize(
    ("button", "kept"), [("keepUploadsButton", True), ("abortUploadsButton", False)]
)
def test_cancel_asks_whether_to_keep_the_unfinished_upload(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    kept: bool,
) -> None:
    window_set = windows.window_set
    limit_bandwidth(window_set, 12 * MIB)  # a part in about a second; the rest later
    window = open_at(qtbot, windows, seaweed, bucket)
    big = sparse_file(tmp_path / "big.bin", 110 * MIB)  # over the 100 MiB multipart threshold
    upload(window, monkeypatch, big)
    hub = window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    wait_for(qtbot, lambda: _unfinished(seaweed_admin, bucket) == ["big.bin"])

    trigger(hub, [job.id], "cancelTransferAction")
    dialog = hub.commands.dialog
    assert dialog is not None and dialog.objectName() == "cancelTransfersDialog"
    click(qtbot, dialog, button)
    wait_state(qtbot, hub, [job.id], JobState.CANCELLED)
    assert _unfinished(seaweed_admin, bucket) == (["big.bin"] if kept else [])
    listed = seaweed_admin.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert [o["Key"] for o in listed] == []
    for upload_ in seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        seaweed_admin.abort_multipart_upload(
            Bucket=bucket, Key=upload_["Key"], UploadId=upload_["UploadId"]
        )


def test_retry_remove_and_clean_up(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window_set = windows.window_set
    window = open_at(qtbot, windows, seaweed, bucket)
    actions = window.object_actions
    target = tmp_path / "downloads"
    target.mkdir()
    session = window.controller.session
    assert session is not None
    actions.bridge.spawn(
        actions.transfers.download(session, bucket, ["missing.txt"], str(target)), "download"
    )
    hub = window_set.transfers
    (failed,) = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [failed.id], JobState.FAILED)
    state = hub.model.job_index(failed.id, STATE).data()
    assert state.startswith("Failed: ") and "missing.txt" in state

    upload(window, monkeypatch, random_file(tmp_path / "small.txt", 100))
    done = next(j for j in wait_jobs(qtbot, hub, 2) if j.kind is JobKind.UPLOAD)
    wait_state(qtbot, hub, [done.id], JobState.DONE)

    hub.window.action("cleanUpTransfersAction").trigger()
    wait_for(qtbot, lambda: hub.model.job(done.id) is None)
    assert [j.id for j in hub.model.jobs()] == [failed.id]  # a failed job stays for a retry

    seaweed_admin.put_object(Bucket=bucket, Key="missing.txt", Body=b"here now")
    trigger(hub, [failed.id], "retryTransferAction")
    wait_state(qtbot, hub, [failed.id], JobState.DONE)
    assert (target / "missing.txt").read_bytes() == b"here now"

    trigger(hub, [failed.id], "removeTransferAction")
    wait_for(qtbot, lambda: hub.model.jobs() == [])


def test_reveal_opens_the_folder_of_the_local_file(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = open_at(qtbot, windows, seaweed, bucket)
    local = random_file(tmp_path / "shown.txt", 10)
    upload(window, monkeypatch, local)
    hub = windows.window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [job.id], JobState.DONE)
    trigger(hub, [job.id], "revealTransferAction")
    # No file manager answers on the test's (absent) session bus: the folder opens.
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_show_in_browser_navigates_the_window_on_the_jobs_bookmark(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="dir/other.txt", Body=b"x")
    window_set = windows.window_set

    connection = connection_for(seaweed)
    window = window_set.open(
        lambda: S3Session(connection), Location(bucket, "dir/"), bookmark_id="bookmark-1"
    )
    qtbot.addWidget(window)
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, "dir/"))
    upload(window, monkeypatch, random_file(tmp_path / "new.txt", 10))
    hub = window_set.transfers
    (job,) = wait_jobs(qtbot, hub, 1)
    assert job.where is not None and job.where.bookmark_id == "bookmark-1"
    wait_state(qtbot, hub, [job.id], JobState.DONE)
    window.controller.navigate(Location())  # the user went elsewhere meanwhile

    trigger(hub, [job.id], "showRemoteTransferAction")
    assert window.controller.location == Location(bucket, "dir/")
    wait_for(qtbot, lambda: window.object_list.currentIndex().data() == "new.txt")


def test_the_window_opens_by_itself_unless_turned_off(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window_set = windows.window_set
    window = open_at(qtbot, windows, seaweed, bucket)
    hub = window_set.transfers
    hub.window.open_on_start.setChecked(False)  # as the user unticks it
    assert window_set.settings.transfers() == TransferPreferences(open_window_on_start=False)
    upload(window, monkeypatch, random_file(tmp_path / "quiet.txt", 10))
    (job,) = wait_jobs(qtbot, hub, 1)
    wait_state(qtbot, hub, [job.id], JobState.DONE)
    assert not hub.window.isVisible()

    hub.window.open_on_start.setChecked(True)
    upload(window, monkeypatch, random_file(tmp_path / "loud.txt", 10))
    wait_jobs(qtbot, hub, 2)
    assert hub.window.isVisible()


def test_window_menu_toolbar_and_shortcut_show_the_one_transfers_window(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str
) -> None:
    first = open_at(qtbot, windows, seaweed, bucket)
    second = open_at(qtbot, windows, seaweed, bucket)
    hub = windows.window_set.transfers
    window_menu = first.menuBar().findChild(QMenu, "windowMenu")
    assert window_menu is not None and first.transfers_action in window_menu.actions()
    toolbar = first.findChild(QToolBar, "navigationToolBar")
    assert first.transfers_action in toolbar.actions()
    assert first.transfers_action.shortcut().toString() == "Ctrl+Shift+T"
    assert not hub.window.isVisible()
    second.transfers_action.trigger()
    assert hub.window.isVisible()
    first.transfers_action.trigger()
    assert windows.window_set.transfers is hub
    # every action has a key and is in the list's context menu; what users touch is named
    view = hub.window.view
    for name, action in hub.window.actions_by_name.items():
        if name == "transferLimitsAction":  # about every job: the toolbar's, not a row's
            assert action not in view.actions()
            continue
        assert action in view.actions(), name
        if name != "retargetTransferAction":
            assert not action.shortcut().isEmpty(), name
    touched = [view, hub.window.open_on_start, hub.window.resume_at_start]
    buttons = hub.window.findChildren(QToolButton)
    touched += [b for b in buttons if not b.objectName().startswith("qt_")]  # Qt's own
    for widget in touched:
        assert widget.objectName() and widget.accessibleName(), widget


def test_show_in_browser_opens_the_bookmark_when_no_window_shows_it(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="deep/in/here.txt", Body=b"x")
    window_set = windows.window_set
    bookmark = window_set.store.add(
        Bookmark(
            "Show Me",
            "seaweedfs",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
        ),
        secret_key=seaweed.secret_key,
    )
    empty = window_set.open_empty()
    qtbot.addWidget(empty)
    window_set.show_remote(bookmark.id, bucket, "deep/in/here.txt")
    wait_for(qtbot, lambda: empty.controller.location == Location(bucket, "deep/in/"))
    wait_for(qtbot, lambda: empty.object_list.currentIndex().data() == "here.txt")
    assert empty.controller.bookmark_id == bookmark.id
