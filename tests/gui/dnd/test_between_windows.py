"""Objects dragged from one browser window to another: moved by default, copied with Ctrl;
streamed through Eider between two servers (SeaweedFS and moto), on the server within one;
a folder dropped into itself is refused; both windows list what changed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, keys, names
from tests.gui.conftest import Windows, wait_for
from tests.gui.dnd.dropping import CTRL, drop, empty_point, node_point, row_point
from tests.gui.dnd.test_drag_out import select

pytestmark = pytest.mark.gui


def at(qtbot: QtBot, window: MainWindow, where: Location) -> MainWindow:
    wait_for(qtbot, lambda: window.controller.location == where)
    wait_for(qtbot, lambda: not window.controller.model.loading)
    return window


def dragged(window: MainWindow, *wanted: str):  # type: ignore[no-untyped-def]
    """The mime data of a drag of these rows of `window`, as its drag would carry it."""
    select(window, *wanted)
    dnd = window.drag_and_drop
    bucket, items = dnd.drag_items(window.object_list.viewport(), row_point(window, wanted[0]))
    return dnd.make_drag_mime(bucket, items)


def confirm_move(qtbot: QtBot, window: MainWindow) -> str:
    dnd = window.drag_and_drop
    wait_for(qtbot, lambda: isinstance(dnd.dialog, QMessageBox) and dnd.dialog.isVisible())
    assert dnd.dialog.objectName() == "moveConfirm"
    text = dnd.dialog.text()
    dnd.dialog.button(QMessageBox.StandardButton.Yes).click()
    return text


@pytest.fixture
def moto_bucket(moto_admin: Any) -> str:
    name = f"m-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    return name


def test_a_move_between_two_servers_streams_through_eider_and_updates_both_windows(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, moto: RunningS3,
    seaweed_admin: Any, moto_admin: Any, bucket: str, moto_bucket: str,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="note.txt", Body=b"a note")
    seaweed_admin.put_object(Bucket=bucket, Key="docs/", Body=b"")
    seaweed_admin.put_object(Bucket=bucket, Key="docs/a.txt", Body=b"alpha")
    seaweed_admin.put_object(Bucket=bucket, Key="docs/deep/b.txt", Body=b"beta")
    moto_admin.put_object(Bucket=moto_bucket, Key="inbox/old.txt", Body=b"x")
    source = windows.open(connection_for(seaweed), Location(bucket))
    target = windows.open(connection_for(moto, owner="moto-connection"), Location(moto_bucket))
    at(qtbot, source, Location(bucket))
    at(qtbot, target, Location(moto_bucket))
    wait_for(qtbot, lambda: {"note.txt", "docs"} <= set(names(source)))
    wait_for(qtbot, lambda: "inbox" in names(target))

    mime = dragged(source, "note.txt", "docs")
    event = drop(target.object_list.viewport(), row_point(target, "inbox"), mime)
    assert event.dropAction() == Qt.DropAction.MoveAction
    assert "1 folder" in confirm_move(qtbot, target)
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket) == [], timeout=60_000)
    assert keys(moto_admin, moto_bucket) == [
        "inbox/docs/a.txt",
        "inbox/docs/deep/b.txt",
        "inbox/note.txt",
        "inbox/old.txt",
    ]
    assert body(moto_admin, moto_bucket, "inbox/docs/deep/b.txt") == b"beta"
    assert body(moto_admin, moto_bucket, "inbox/note.txt") == b"a note"
    # (SeaweedFS may list the emptied `docs/` directory for a while: the keys are what counts)
    wait_for(qtbot, lambda: "note.txt" not in names(source))
    target.controller.navigate(Location(moto_bucket, "inbox/"))
    at(qtbot, target, Location(moto_bucket, "inbox/"))
    wait_for(qtbot, lambda: sorted(names(target)) == ["docs", "note.txt", "old.txt"])
    assert not mime.staging_started, "a drag between windows downloads nothing to stage"


def test_a_copy_with_ctrl_between_two_servers_keeps_the_source(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, moto: RunningS3,
    seaweed_admin: Any, moto_admin: Any, bucket: str, moto_bucket: str,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="keep.txt", Body=b"kept")
    source = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    target = windows.open(connection_for(moto, owner="moto-connection"), Location(moto_bucket))
    at(qtbot, target, Location(moto_bucket))
    wait_for(qtbot, lambda: "keep.txt" in names(source))
    event = drop(target.object_list.viewport(), empty_point(target), dragged(source, "keep.txt"),
                 CTRL)  # fmt: skip
    assert event.dropAction() == Qt.DropAction.CopyAction
    wait_for(qtbot, lambda: keys(moto_admin, moto_bucket) == ["keep.txt"], timeout=60_000)
    assert body(moto_admin, moto_bucket, "keep.txt") == b"kept"
    wait_for(qtbot, lambda: names(target) == ["keep.txt"])
    assert keys(seaweed_admin, bucket) == ["keep.txt"]
    assert target.drag_and_drop.dialog is None, "a copy is not confirmed"


def test_within_one_server_a_folder_moves_on_the_server_and_cannot_go_into_itself(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
) -> None:  # fmt: skip
    for key in ("docs/a.txt", "docs/sub/b.txt", "archive/old.txt", "loose.txt"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=key.encode())
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    wait_for(qtbot, lambda: {"docs", "archive", "loose.txt"} <= set(names(one)))
    tree = one.folder_tree
    wait_for(qtbot, lambda: tree.index_of(Location(bucket, "docs/")).isValid())
    tree.expand(tree.index_of(Location(bucket, "docs/")))
    wait_for(qtbot, lambda: tree.index_of(Location(bucket, "docs/sub/")).isValid())

    from_tree = one.drag_and_drop.drag_items(
        tree.viewport(), node_point(one, tree.index_of(Location(bucket, "docs/")))
    )
    assert from_tree == (bucket, [("docs/", None)]), "a tree node drags its folder"
    into_itself = node_point(one, tree.index_of(Location(bucket, "docs/sub/")))
    drop(tree.viewport(), into_itself, dragged(one, "docs"))
    wait_for(qtbot, lambda: one.error_banner.isVisible())
    assert "cannot go into itself" in one.error_banner.text
    assert one.drag_and_drop.dialog is None

    other = windows.open(connection_for(seaweed), Location(bucket, "archive/"))
    at(qtbot, other, Location(bucket, "archive/"))
    drop(other.object_list.viewport(), empty_point(other), dragged(one, "docs", "loose.txt"))
    confirm_move(qtbot, other)
    moved = ["archive/docs/a.txt", "archive/docs/sub/b.txt", "archive/loose.txt"]
    wait_for(qtbot, lambda: keys(seaweed_admin, bucket) == [*moved, "archive/old.txt"])
    assert body(seaweed_admin, bucket, "archive/docs/sub/b.txt") == b"docs/sub/b.txt"
    wait_for(qtbot, lambda: sorted(names(other)) == ["docs", "loose.txt", "old.txt"])
    # (SeaweedFS may list the emptied `docs/` directory for a while: the keys are what counts)
    wait_for(qtbot, lambda: "loose.txt" not in names(one))


def test_moving_more_than_a_few_objects_asks_and_cancel_leaves_them(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
) -> None:  # fmt: skip
    files = [f"f{n}.txt" for n in range(4)]
    for name in [*files, "into/x.txt"]:
        seaweed_admin.put_object(Bucket=bucket, Key=name, Body=b"x")
    one = at(qtbot, windows.open(connection_for(seaweed), Location(bucket)), Location(bucket))
    wait_for(qtbot, lambda: set(files) <= set(names(one)))
    drop(one.object_list.viewport(), row_point(one, "into"), dragged(one, *files))
    dnd = one.drag_and_drop
    wait_for(qtbot, lambda: isinstance(dnd.dialog, QMessageBox) and dnd.dialog.isVisible())
    assert "4 objects" in dnd.dialog.text()
    dnd.dialog.button(QMessageBox.StandardButton.Cancel).click()
    wait_for(qtbot, lambda: not dnd.dialog.isVisible())
    qtbot.wait(300)
    assert keys(seaweed_admin, bucket) == sorted([*files, "into/x.txt"])
    assert not one.object_actions.status.running(), "no job was started"
