"""What the window's actions are handed: object references read from the listing, in the
order the rows show, with each object's ETag and size."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from app.core.s3.object_ref import ObjectRef
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def test_the_selection_carries_key_etag_and_size(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    etag = seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"12345")["ETag"]
    seaweed_admin.put_object(Bucket=bucket, Key="dir/inner.txt", Body=b"x")
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: not window.controller.model.loading and len(names(window)) == 2)
    assert window.object_actions.selection() == []  # nothing selected, no current row

    model, view = window.controller.model, window.object_list
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(model.rowCount()):
        view.selectionModel().select(model.index(row, 0), flags)
    assert window.object_actions.selection() == [
        ObjectRef("dir/", None, "", None, is_folder=True),
        ObjectRef("a.txt", None, etag, 5),
    ]


def test_an_action_on_a_tree_node_sees_the_node_not_the_list(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="dir/inner.txt", Body=b"x")
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["dir"])
    actions = window.object_actions
    seen: list[tuple[Location, list[ObjectRef]]] = []
    actions.slots["downloadAction"] = lambda: seen.append(
        (actions.objects.selection.here(), actions.selection())
    )
    actions.run_on_node("downloadAction", Location(bucket, "dir/"))
    assert seen == [(Location(bucket), [ObjectRef.folder("dir/")])]
    assert actions.objects.selection.here() == Location(bucket)  # the scope ends with the slot
    assert actions.selection() == []
