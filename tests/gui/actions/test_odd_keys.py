"""Keys a careless uploader makes — a leading `/`, `//` inside, trailing spaces, decomposed
(non-NFC) Unicode — are shown and can be opened, renamed and deleted from the window; the
server's keys are checked afterwards. On moto: SeaweedFS's filer folds repeated slashes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.preview import PreviewDialog
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.actions.test_actions import select
from tests.gui.browsing import body, dialog_of, keys, names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui

NFD = "Cafe\u0301 notes.txt"  # "Café" with a combining accent, as macOS file names come
TRAILING = "report.txt  "
LEADING = "/lead.txt"
DOUBLE = "data//inner.txt"


def test_odd_keys_are_shown_and_operable(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    for key in (NFD, TRAILING, LEADING, DOUBLE):
        moto_admin.put_object(Bucket=bucket, Key=key, Body=f"body of {key!r}".encode())
    window = windows.open(connection_for(moto), Location(bucket))
    wait_for(qtbot, lambda: not window.controller.model.loading and len(names(window)) == 4)
    # A leading `/` makes a folder with an empty name, shown as "/".
    assert sorted(names(window)) == sorted(["/", "data", NFD, TRAILING])

    select(window, NFD)  # Enter opens the decomposed name's object, not a composed one
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    preview = dialog_of(qtbot, window, PreviewDialog)
    assert preview.text_view is not None
    assert preview.text_view.toPlainText() == f"body of {NFD!r}"
    preview.close()
    window.activateWindow()  # the preview had the focus; F2 is the list's own key
    wait_for(qtbot, window.isActiveWindow)

    select(window, TRAILING)  # F2: the trailing spaces are part of the old name
    qtbot.keyClick(window.object_list, Qt.Key.Key_F2)
    prompt = dialog_of(qtbot, window, NamePrompt)
    assert prompt.name_edit.text() == TRAILING
    prompt.name_edit.setText("report.txt")
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "report.txt" in names(window) and TRAILING not in names(window))
    assert TRAILING not in keys(moto_admin, bucket)
    assert body(moto_admin, bucket, "report.txt") == f"body of {TRAILING!r}".encode()
    window.activateWindow()
    wait_for(qtbot, window.isActiveWindow)

    select(window, "/")  # into the empty-named folder, then delete what is there
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, "/"))
    wait_for(qtbot, lambda: names(window) == ["lead.txt"])
    select(window, "lead.txt")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Delete)
    confirm = dialog_of(qtbot, window, DeleteConfirmDialog)
    qtbot.mouseClick(confirm.delete_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: LEADING not in keys(moto_admin, bucket))

    window.controller.navigate(Location(bucket, "data/"))  # `data//inner.txt`: folder "/"
    wait_for(qtbot, lambda: names(window) == ["/"])
    select(window, "/")
    qtbot.keyClick(window.object_list, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: names(window) == ["inner.txt"])
    window.activateWindow()  # the delete confirmation had the focus
    wait_for(qtbot, window.isActiveWindow)
    select(window, "inner.txt")
    qtbot.keyClick(window.object_list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_for(qtbot, lambda: "data//inner (1).txt" in keys(moto_admin, bucket))
    assert body(moto_admin, bucket, "data//inner (1).txt") == f"body of {DOUBLE!r}".encode()
    assert sorted(keys(moto_admin, bucket)) == sorted(
        [NFD, "report.txt", DOUBLE, "data//inner (1).txt"]
    )
