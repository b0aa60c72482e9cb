"""Files dropped from a file manager onto the object list and the folder tree upload into the
folder under the cursor (SeaweedFS; the bytes are checked with the test's own client)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, keys, names
from tests.gui.conftest import Windows, wait_for
from tests.gui.dnd.dropping import drop, empty_point, file_mime, hover, node_point, row_point

pytestmark = pytest.mark.gui


def opened(qtbot: QtBot, windows: Windows, seaweed: RunningS3, where: Location) -> MainWindow:
    window = windows.open(connection_for(seaweed), where)
    wait_for(qtbot, lambda: window.controller.location == where)
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def local_files(tmp_path: Path) -> dict[str, bytes]:
    made = {"a.txt": b"alpha\n", "b.bin": os.urandom(70_000)}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "tree" / "deep").mkdir(parents=True)
    (tmp_path / "tree" / "deep" / "c.txt").write_bytes(b"in a folder")
    return made


def test_files_and_a_folder_dropped_on_empty_space_upload_into_the_folder_shown(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="here/existing.txt", Body=b"x")
    window = opened(qtbot, windows, seaweed, Location(bucket, "here/"))
    made = local_files(tmp_path)
    mime = file_mime([tmp_path / "a.txt", tmp_path / "b.bin", tmp_path / "tree"])
    viewport = window.object_list.viewport()
    hovering = hover(viewport, empty_point(window), mime)
    highlight = window.drag_and_drop.highlights[viewport]
    assert hovering.isAccepted() and highlight.isVisible()
    assert highlight.geometry() == viewport.rect(), "the whole folder shown is the target"
    event = drop(viewport, empty_point(window), mime)
    assert event.isAccepted() and not highlight.isVisible()
    expected = ["here/a.txt", "here/b.bin", "here/existing.txt", "here/tree/deep/c.txt"]
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket) == expected)
    for name, data in made.items():
        assert body(seaweed_admin, bucket, f"here/{name}") == data
    assert body(seaweed_admin, bucket, "here/tree/deep/c.txt") == b"in a folder"
    wait_for(qtbot, lambda: {"a.txt", "b.bin", "tree"} <= set(names(window)))


def test_a_drop_on_a_folder_row_uploads_into_that_folder_highlighting_the_row(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="inbox/old.txt", Body=b"x")
    seaweed_admin.put_object(Bucket=bucket, Key="top.txt", Body=b"x")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    made = local_files(tmp_path)
    mime = file_mime([tmp_path / "b.bin"])
    viewport = window.object_list.viewport()
    point = row_point(window, "inbox")
    hover(viewport, point, mime)
    highlight = window.drag_and_drop.highlights[viewport]
    assert highlight.isVisible() and highlight.geometry().contains(point)
    assert highlight.geometry().height() < viewport.height() // 2, "one row, not the folder"
    drop(viewport, point, mime)
    wait_for(qtbot, lambda: "inbox/b.bin" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "inbox/b.bin") == made["b.bin"]
    assert "b.bin" not in names(window), "nothing landed in the folder shown"


def test_drops_on_a_tree_folder_and_on_a_bucket_node_upload_there(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="docs/sub/readme.txt", Body=b"x")
    window = opened(qtbot, windows, seaweed, Location(bucket, "docs/sub/"))
    tree = window.folder_tree
    wait_for(qtbot, lambda: tree.index_of(Location(bucket, "docs/")).isValid())
    made = local_files(tmp_path)
    viewport = tree.viewport()
    drop(viewport, node_point(window, tree.index_of(Location(bucket, "docs/"))), file_mime(
        [tmp_path / "a.txt"]))  # fmt: skip
    wait_for(qtbot, lambda: "docs/a.txt" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "docs/a.txt") == made["a.txt"]
    drop(viewport, node_point(window, tree.index_of(Location(bucket))), file_mime(
        [tmp_path / "b.bin"]))  # fmt: skip
    wait_for(qtbot, lambda: "b.bin" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "b.bin") == made["b.bin"]
    # the job ends a moment after its last object is stored: let it, before the loop closes
    wait_for(qtbot, lambda: not window.object_actions.status.running())


def test_a_bucket_row_at_the_bucket_list_takes_a_drop_and_empty_space_there_refuses(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: bucket in names(window))
    made = local_files(tmp_path)
    viewport = window.object_list.viewport()
    mime = file_mime([tmp_path / "a.txt"])
    refused = hover(viewport, empty_point(window), mime)
    assert not refused.isAccepted(), "no bucket under the cursor: nowhere to upload"
    drop(viewport, row_point(window, bucket), mime)
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket) == ["a.txt"])
    assert body(seaweed_admin, bucket, "a.txt") == made["a.txt"]


def test_a_drop_mixing_a_profile_and_files_asks_and_can_do_both(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    from tests.fixtures.profile_files import write_profile
    from tests.gui.bookmarks.test_file_import import ACME_BODY

    seaweed_admin.put_object(Bucket=bucket, Key="x.txt", Body=b"x")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    made = local_files(tmp_path)
    profile = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    drop(window.object_list.viewport(), empty_point(window), file_mime(
        [profile, tmp_path / "a.txt"]))  # fmt: skip
    dnd = window.drag_and_drop
    wait_for(qtbot, lambda: isinstance(dnd.dialog, QMessageBox) and dnd.dialog.isVisible())
    assert dnd.dialog.objectName() == "mixedDropQuestion"
    assert "Acme.cyberduckprofile" in dnd.dialog.text()
    with qtbot.waitSignal(window.sidebar.importFinished, timeout=30_000) as imported:
        dnd.dialog.findChild(object, "importAndUploadButton").click()
    assert [o.ok for o in imported.args[0]] == [True]
    wait_for(qtbot, lambda: "a.txt" in keys(seaweed_admin, bucket))
    assert body(seaweed_admin, bucket, "a.txt") == made["a.txt"]
    assert "Acme.cyberduckprofile" not in keys(seaweed_admin, bucket)


def test_a_drop_onto_an_existing_name_asks_and_keep_both_uploads_beside_it(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    from tests.gui.transfers.test_transfer_conflicts import question

    seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"the old one")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    made = local_files(tmp_path)
    drop(window.object_list.viewport(), empty_point(window), file_mime([tmp_path / "a.txt"]))
    dialog = question(qtbot, window)
    assert dialog.conflict.key == "a.txt"
    dialog.rename_button.click()
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket) == ["a (1).txt", "a.txt"])
    assert body(seaweed_admin, bucket, "a (1).txt") == made["a.txt"]
    assert body(seaweed_admin, bucket, "a.txt") == b"the old one"
