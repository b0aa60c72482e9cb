"""The hidden-files tables sorted by a header click and filtered by the window's filter box,
against SeaweedFS: the rows come in each column's natural order, the actions act on the row
the user selected in the sorted or filtered view (checked on the server's state), and the
status bar says what the tables are loading and how much they show."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models import uploads_model, versions_model
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.hidden.dialogs import answer_yes

pytestmark = pytest.mark.gui


def shown(view: QTableView, column: int) -> list[str]:
    """A column's texts in the order the view shows them."""
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def click_header(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def open_at(windows: Windows, qtbot: QtBot, seaweed: RunningS3, bucket: str) -> MainWindow:
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: window.controller.model.rowCount() > 0)
    wait_for(qtbot, lambda: not window.controller.model.loading)
    return window


def idle(window: MainWindow) -> bool:
    hidden = window.hidden_files
    return not (hidden.versions_model.loading or hidden.uploads_model.loading)


def test_versions_sort_by_each_column_and_actions_follow_the_sorted_rows(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    # Sizes whose text sorts differently from their numbers ("100 B" < "9 B" as text);
    # a second between the puts so every version has its own time.
    ids: dict[str, str] = {}
    for name, key, body in (
        ("a-big", "a.txt", b"x" * 100),
        ("a-small", "a.txt", b"y" * 9),
        ("b-mid", "b.txt", b"z" * 10),
    ):
        ids[name] = admin.put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]
        time.sleep(1.1)
    ids["b-marker"] = admin.delete_object(Bucket=bucket, Key="b.txt")["VersionId"]

    window = open_at(windows, qtbot, seaweed, bucket)
    hidden = window.hidden_files
    view = hidden.versions_view
    hidden.show_action.trigger()
    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 4 and idle(window))
    server_order = shown(view, versions_model.VERSION_ID)  # no sort yet: the server's order
    assert server_order == [ids["a-small"], ids["a-big"], ids["b-marker"], ids["b-mid"]]

    click_header(qtbot, view, versions_model.SIZE)  # ascending: marker (no size), 9, 10, 100
    assert shown(view, versions_model.VERSION_ID) == [
        ids["b-marker"],
        ids["a-small"],
        ids["b-mid"],
        ids["a-big"],
    ]
    click_header(qtbot, view, versions_model.SIZE)  # descending
    assert shown(view, versions_model.SIZE) == ["100 B", "10 B", "9 B", ""]

    click_header(qtbot, view, versions_model.MODIFIED)  # oldest first
    assert shown(view, versions_model.VERSION_ID) == [
        ids["a-big"],
        ids["a-small"],
        ids["b-mid"],
        ids["b-marker"],
    ]
    click_header(qtbot, view, versions_model.NAME)
    click_header(qtbot, view, versions_model.NAME)  # names descending, versions kept in order
    assert shown(view, versions_model.NAME) == ["b.txt", "b.txt", "a.txt", "a.txt"]
    view.sortByColumn(versions_model.VERSION_ID, Qt.SortOrder.AscendingOrder)
    assert shown(view, versions_model.VERSION_ID) == sorted(server_order)
    click_header(qtbot, view, versions_model.STATE)  # versions, latest, then delete markers
    assert shown(view, versions_model.STATE) == [
        "version",
        "version",
        "version, latest",
        "delete marker, latest",
    ]

    # Sorted by size descending, row 0 is a.txt's old 100-byte version (in the server's
    # order row 0 is a.txt's latest, which cannot be restored): restore it.
    view.sortByColumn(versions_model.SIZE, Qt.SortOrder.DescendingOrder)
    view.selectRow(0)
    assert hidden.restore_action.isEnabled()
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        hidden.restore_action.trigger()
    assert admin.get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"x" * 100

    # The sort survives the reload; the last row is now b.txt's delete marker: Delete removes it.
    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 5 and idle(window))
    assert shown(view, versions_model.SIZE) == ["100 B", "100 B", "10 B", "9 B", ""]
    view.selectRow(4)
    window.activateWindow()
    wait_for(qtbot, window.isActiveWindow)
    view.setFocus()
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    listed = admin.list_object_versions(Bucket=bucket)
    assert listed.get("DeleteMarkers", []) == []
    assert admin.get_object(Bucket=bucket, Key="b.txt")["Body"].read() == b"z" * 10

    # Row 3 (9 bytes) is a.txt's small version: deleted permanently, the others kept.
    wait_for(qtbot, lambda: hidden.versions_model.rowCount() == 4 and idle(window))
    assert shown(view, versions_model.SIZE)[3] == "9 B"
    view.selectRow(3)
    hidden.delete_version_action.trigger()
    answer_yes(qtbot, window, "confirmDeleteVersion")
    left = [v["VersionId"] for v in admin.list_object_versions(Bucket=bucket)["Versions"]]
    assert ids["a-small"] not in left
    assert ids["a-big"] in left and ids["b-mid"] in left and len(left) == 3


def test_uploads_sort_by_name_date_and_size_so_far_and_abort_the_selected_one(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    admin.put_object(Bucket=bucket, Key="keep.txt", Body=b"k")
    uploads: dict[str, str] = {}
    for key, size in (("b.bin", 9), ("c.bin", 100), ("a.bin", 10)):  # started in this order
        upload_id = admin.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        admin.upload_part(
            Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=b"u" * size
        )
        uploads[key] = upload_id
        time.sleep(1.1)

    window = open_at(windows, qtbot, seaweed, bucket)
    hidden = window.hidden_files
    view = hidden.uploads_view
    hidden.show_action.trigger()
    hidden.tabs.setCurrentWidget(view)
    wait_for(qtbot, lambda: hidden.uploads_model.rowCount() == 3 and idle(window))
    model = hidden.uploads_model
    server_order = [model.index(r, uploads_model.NAME).data() for r in range(3)]
    assert shown(view, uploads_model.NAME) == server_order  # not sorted until a click

    click_header(qtbot, view, uploads_model.INITIATED)
    assert shown(view, uploads_model.NAME) == ["b.bin", "c.bin", "a.bin"]
    click_header(qtbot, view, uploads_model.SIZE)  # rows move into place as sizes arrive
    wait_for(qtbot, lambda: "…" not in "".join(shown(view, uploads_model.SIZE)))
    assert shown(view, uploads_model.NAME) == ["b.bin", "a.bin", "c.bin"]
    assert shown(view, uploads_model.SIZE)[0] == "9 B (1 part)"

    click_header(qtbot, view, uploads_model.NAME)  # a.bin first; SeaweedFS lists it last
    assert shown(view, uploads_model.NAME) == ["a.bin", "b.bin", "c.bin"]
    assert server_order[0] != "a.bin"  # so row 0 tells a mapped selection from an unmapped one
    view.selectRow(0)
    hidden.abort_action.trigger()
    answer_yes(qtbot, window, "confirmAbortUpload")
    left = {u["Key"]: u["UploadId"] for u in admin.list_multipart_uploads(Bucket=bucket)["Uploads"]}
    assert left == {"b.bin": uploads["b.bin"], "c.bin": uploads["c.bin"]}


def test_the_filter_box_filters_the_hidden_tables_and_the_status_bar_counts_them(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    report = [
        admin.put_object(Bucket=bucket, Key="report.txt", Body=b)["VersionId"]
        for b in (
            b"1",
            b"2",
        )
    ]
    admin.put_object(Bucket=bucket, Key="notes.txt", Body=b"n")
    marker = admin.delete_object(Bucket=bucket, Key="notes.txt")["VersionId"]
    upload_ids = {
        key: admin.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        for key in ("report-draft.bin", "video.bin")
    }

    window = open_at(windows, qtbot, seaweed, bucket)
    hidden = window.hidden_files
    hidden.show_action.trigger()
    # Loading is said at once (the first pages are asked for as the panel opens).
    assert "Loading versions and unfinished uploads of s3://" in window.activity_label.text()
    wait_for(qtbot, lambda: hidden.uploads_model.rowCount() == 2 and idle(window))
    wait_for(qtbot, lambda: "Loading versions" not in window.activity_label.text())
    summary = window.summary_label
    # The uploads' count follows their rows on the next summary update, not with them.
    wait_for(
        qtbot,
        lambda: (
            "3 versions, 1 delete marker" in summary.text()
            and "2 unfinished uploads" in summary.text()
        ),
    )

    window.filter_action.trigger()  # Ctrl+F
    qtbot.keyClicks(window.filter_box, "REPORT")  # instantly, case-insensitive, by name
    assert shown(hidden.versions_view, versions_model.NAME) == ["report.txt", "report.txt"]
    assert shown(hidden.uploads_view, uploads_model.NAME) == ["report-draft.bin"]
    wait_for(qtbot, lambda: "filter shows 2 of 4" in summary.text())
    assert "filter shows 1 of 2" in summary.text()

    # The only row the filtered uploads table shows is the draft: aborting it spares video.bin.
    hidden.tabs.setCurrentWidget(hidden.uploads_view)
    hidden.uploads_view.selectRow(0)
    hidden.abort_action.trigger()
    answer_yes(qtbot, window, "confirmAbortUpload")
    left = [u["UploadId"] for u in admin.list_multipart_uploads(Bucket=bucket)["Uploads"]]
    assert left == [upload_ids["video.bin"]]

    window.filter_box.setText("notes")  # only the marker and the version behind it
    hidden.tabs.setCurrentWidget(hidden.versions_view)
    wait_for(qtbot, lambda: hidden.versions_view.model().rowCount() == 2)
    states = shown(hidden.versions_view, versions_model.STATE)
    hidden.versions_view.selectRow(states.index("delete marker, latest"))
    with qtbot.waitSignal(hidden.changed, timeout=30_000):
        hidden.remove_marker_action.trigger()
    assert admin.list_object_versions(Bucket=bucket).get("DeleteMarkers", []) == []
    assert marker not in [
        v["VersionId"] for v in admin.list_object_versions(Bucket=bucket)["Versions"]
    ]
    assert sorted(report) == sorted(
        v["VersionId"]
        for v in admin.list_object_versions(Bucket=bucket)["Versions"]
        if v["Key"] == "report.txt"
    )

    window.filter_box.clear()  # everything again, counted without the filter
    wait_for(qtbot, lambda: hidden.versions_view.model().rowCount() == 3 and idle(window))
    wait_for(qtbot, lambda: "3 versions, 0 delete markers" in summary.text())
    assert "1 unfinished upload" in summary.text() and "filter" not in summary.text()


def test_a_filter_matching_nothing_loaded_yet_loads_the_next_pages(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    admin = seaweed_admin
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for key in [f"a{i}.txt" for i in range(8)] + ["zz-wanted.txt"]:
        admin.put_object(Bucket=bucket, Key=key, Body=b"v")
    # Pages of two: the first pages hold only names the filter hides.
    window = windows.open(connection_for(seaweed, max_keys=2), Location(bucket))
    wait_for(qtbot, lambda: window.controller.model.rowCount() > 0)
    window.filter_box.setText("wanted")
    hidden = window.hidden_files
    hidden.show_action.trigger()
    wait_for(qtbot, lambda: shown(hidden.versions_view, versions_model.NAME) == ["zz-wanted.txt"])
    assert hidden.versions_model.rowCount() == 9  # every page up to the match was loaded
    wait_for(qtbot, lambda: "filter shows 1 of 9" in window.summary_label.text())
