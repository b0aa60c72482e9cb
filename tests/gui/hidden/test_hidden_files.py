"""Show Hidden Files against SeaweedFS: versions, delete markers, unfinished uploads."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.connection import Connection
from app.core.s3.session import S3Session
from app.ui.format import human_size
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.versions_model import STATE, VERSION_ID
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for
from tests.gui.hidden.dialogs import answer_yes as confirm
from tests.gui.hidden.dialogs import question

pytestmark = pytest.mark.gui


def counting_factory(connection: Connection, calls: Counter[str]) -> Any:
    """A session factory whose clients count every S3 operation they send (a botocore hook)."""

    def count(model: Any, **_: Any) -> None:
        calls[model.name] += 1

    def factory() -> S3Session:
        session = S3Session(connection)
        for raw in (False, True):  # the clients `call` uses; creating them sends nothing
            session.client(raw_timestamps=raw).meta.events.register("before-call.s3", count)
        return session

    return factory


def version_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    model = window.hidden_files.versions_model
    return [
        (
            model.index(r, 0).data(),
            model.index(r, VERSION_ID).data(),
            model.index(r, STATE).data(),
        )
        for r in range(model.rowCount())
    ]


@pytest.fixture
def versioned(seaweed_admin: Any, bucket: str) -> dict[str, str]:
    """doc.txt with three versions (one, two, three) and gone.txt behind a delete marker."""
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    ids = {"bucket": bucket}
    for body in ("one", "two", "three"):
        response = seaweed_admin.put_object(Bucket=bucket, Key="doc.txt", Body=body.encode())
        ids[body] = response["VersionId"]
    seaweed_admin.put_object(Bucket=bucket, Key="gone.txt", Body=b"bye")
    ids["marker"] = seaweed_admin.delete_object(Bucket=bucket, Key="gone.txt")["VersionId"]
    return ids


def open_versioned(
    windows: Windows, qtbot: QtBot, seaweed: RunningS3, bucket: str, calls: Counter[str]
) -> MainWindow:
    window = windows.open(counting_factory(connection_for(seaweed), calls), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["doc.txt"] and not window.controller.model.loading)
    return window


def show_hidden(qtbot: QtBot, window: MainWindow, rows: int) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_Period,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.hidden_files.shown
    wait_for(qtbot, lambda: window.hidden_files.versions_model.rowCount() == rows)


def select_version(window: MainWindow, version_id: str) -> None:
    hidden = window.hidden_files
    hidden.tabs.setCurrentWidget(hidden.versions_view)
    row = [r[1] for r in version_rows(window)].index(version_id)
    hidden.versions_view.selectRow(row)


def test_versions_are_listed_only_when_hidden_files_are_shown(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    versioned: dict[str, str],
) -> None:
    calls: Counter[str] = Counter()
    window = open_versioned(windows, qtbot, seaweed, versioned["bucket"], calls)
    window.refresh_action.trigger()
    wait_for(qtbot, lambda: calls["ListObjectsV2"] >= 2 and not window.controller.model.loading)
    assert calls["ListObjectVersions"] == 0
    assert calls["ListMultipartUploads"] == 0
    assert window.hidden_files.versions_model.rowCount() == 0
    assert not window.hidden_files.tabs.isVisible()

    show_hidden(qtbot, window, 5)
    assert window.hidden_files.tabs.isVisible()
    assert version_rows(window) == [
        ("doc.txt", versioned["three"], "version, latest"),
        ("doc.txt", versioned["two"], "version"),
        ("doc.txt", versioned["one"], "version"),
        ("gone.txt", versioned["marker"], "delete marker, latest"),
        ("gone.txt", version_rows(window)[4][1], "version"),
    ]
    assert calls["ListObjectVersions"] >= 1
    seaweed_admin.put_object(Bucket=versioned["bucket"], Key="doc.txt", Body=b"four")
    window.refresh_action.trigger()  # F5 refreshes the hidden files too
    wait_for(qtbot, lambda: window.hidden_files.versions_model.rowCount() == 6)

    window.hidden_files.show_action.trigger()  # off again
    assert not window.hidden_files.tabs.isVisible()
    assert window.hidden_files.versions_model.rowCount() == 0
    before = calls["ListObjectVersions"]
    window.refresh_action.trigger()
    wait_for(qtbot, lambda: names(window) == ["doc.txt"] and not window.controller.model.loading)
    assert calls["ListObjectVersions"] == before


def test_restore_an_old_version(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    versioned: dict[str, str],
) -> None:
    window = open_versioned(windows, qtbot, seaweed, versioned["bucket"], Counter())
    show_hidden(qtbot, window, 5)
    select_version(window, versioned["three"])
    assert not window.hidden_files.restore_action.isEnabled()  # already the latest
    select_version(window, versioned["one"])
    assert window.hidden_files.restore_action.isEnabled()
    with qtbot.waitSignal(window.hidden_files.changed, timeout=30_000):
        qtbot.keyClick(
            window.hidden_files.versions_view,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    body = seaweed_admin.get_object(Bucket=versioned["bucket"], Key="doc.txt")["Body"].read()
    assert body == b"one"
    wait_for(qtbot, lambda: window.hidden_files.versions_model.rowCount() == 6)
    assert version_rows(window)[0][2] == "version, latest"


def test_delete_a_version_permanently_after_confirmation(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    versioned: dict[str, str],
) -> None:
    bucket = versioned["bucket"]
    window = open_versioned(windows, qtbot, seaweed, bucket, Counter())
    show_hidden(qtbot, window, 5)
    select_version(window, versioned["two"])
    window.hidden_files.delete_version_action.trigger()
    confirm(qtbot, window, "confirmDeleteVersion")
    listed = seaweed_admin.list_object_versions(Bucket=bucket, Prefix="doc.txt")
    ids = [v["VersionId"] for v in listed.get("Versions", [])]
    assert versioned["two"] not in ids
    assert versioned["one"] in ids and versioned["three"] in ids
    wait_for(qtbot, lambda: window.hidden_files.versions_model.rowCount() == 4)


def test_cancelling_the_confirmation_deletes_nothing(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    versioned: dict[str, str],
) -> None:
    bucket = versioned["bucket"]
    window = open_versioned(windows, qtbot, seaweed, bucket, Counter())
    show_hidden(qtbot, window, 5)
    select_version(window, versioned["two"])
    window.hidden_files.delete_version_action.trigger()
    box = question(qtbot, window, "confirmDeleteVersion")
    assert "permanently" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    wait_for(qtbot, lambda: not window.findChildren(QMessageBox, "confirmDeleteVersion"))
    listed = seaweed_admin.list_object_versions(Bucket=bucket, Prefix="doc.txt")
    assert versioned["two"] in [v["VersionId"] for v in listed.get("Versions", [])]


def test_remove_a_delete_marker_brings_the_object_back(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    versioned: dict[str, str],
) -> None:
    bucket = versioned["bucket"]
    window = open_versioned(windows, qtbot, seaweed, bucket, Counter())
    show_hidden(qtbot, window, 5)
    select_version(window, versioned["marker"])
    hidden = window.hidden_files
    view = hidden.versions_view
    menu = hidden.context_menu(view, view.visualRect(view.currentIndex()).center())
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Remove Delete Marker"]
    menu.deleteLater()
    assert hidden.remove_marker_action.isEnabled()
    assert not hidden.restore_action.isEnabled() and not hidden.delete_version_action.isEnabled()
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        hidden.remove_marker_action.trigger()
    assert seaweed_admin.get_object(Bucket=bucket, Key="gone.txt")["Body"].read() == b"bye"
    wait_for(qtbot, lambda: names(window) == ["doc.txt", "gone.txt"])


def test_unfinished_upload_is_listed_with_its_size_and_aborted(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="done.txt", Body=b"ok")
    upload = seaweed_admin.create_multipart_upload(Bucket=bucket, Key="big.bin")
    upload_id = upload["UploadId"]
    for number, body in ((1, b"z" * 1000), (2, b"y" * 600)):
        seaweed_admin.upload_part(
            Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=number, Body=body
        )
    calls: Counter[str] = Counter()
    window = windows.open(counting_factory(connection_for(seaweed), calls), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["done.txt"])
    assert calls["ListMultipartUploads"] == 0 and calls["ListParts"] == 0
    hidden = window.hidden_files
    hidden.show_action.trigger()
    hidden.tabs.setCurrentWidget(hidden.uploads_view)
    model = hidden.uploads_model
    wait_for(qtbot, lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "big.bin"
    assert model.index(0, 1).data() == upload_id
    wait_for(qtbot, lambda: model.index(0, 3).data() == f"{human_size(1600)} (2 parts)")
    assert calls["ListParts"] == 1  # one visible row, asked for once

    hidden.uploads_view.selectRow(0)
    assert hidden.abort_action.isEnabled()
    hidden.abort_action.trigger()
    confirm(qtbot, window, "confirmAbortUpload")
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    wait_for(qtbot, lambda: model.rowCount() == 0)


def test_versions_arrive_page_by_page(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, versioned: dict[str, str]
) -> None:
    calls: Counter[str] = Counter()
    connection = connection_for(seaweed, max_keys=2)
    window = windows.open(counting_factory(connection, calls), Location(versioned["bucket"]))
    wait_for(qtbot, lambda: names(window) == ["doc.txt"] and window.controller.model.complete)
    window.hidden_files.show_action.trigger()
    model = window.hidden_files.versions_model
    wait_for(qtbot, lambda: model.rowCount() == 5 and not model.canFetchMore(model.index(-1, -1)))
    assert calls["ListObjectVersions"] >= 3  # two entries a page: the view asked for each
    assert [row[1] for row in version_rows(window)][:3] == [
        versioned["three"],
        versioned["two"],
        versioned["one"],
    ]
