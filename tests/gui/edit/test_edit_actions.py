"""Edit, Edit With…, Open Edits… and the edits a crash left, in the window, against SeaweedFS
(the server checked with the test's own client)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

from app.core import paths
from app.core.edit.editor_choices import FILE_NAME
from app.core.transfers.integrity import CRC_META
from app.ui.dialogs.edit_conflict import EditConflictDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.open_edits import OpenEditsDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.edit_child import kill_eider_mid_edit, standin_editor
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import body, names
from tests.gui.conftest import Windows, wait_for
from tests.unit.core.edit.conftest import METADATA, TAGS, put_described, tags_of

pytestmark = pytest.mark.gui


class Launches:
    """Stands in for the desktop's default application: records what it was asked to open."""

    def __init__(self) -> None:
        self.opened: list[tuple[Path, str | None]] = []

    def __call__(self, path: Path, command: str | None) -> subprocess.Popen[bytes] | None:
        self.opened.append((path, command))
        return None


def _open_at(qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str) -> MainWindow:
    window = windows.open(connection_for(seaweed), Location(bucket, ""))
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def _select(window: MainWindow, name: str) -> None:
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(names(window).index(name), 0))


def _dialog(qtbot: QtBot, window: MainWindow, kind: type[QDialog]) -> Any:
    actions = window.edit_actions
    wait_for(qtbot, lambda: isinstance(actions.dialog, kind) and actions.dialog.isVisible())
    return actions.dialog


def _private_copies() -> list[Path]:
    return list((paths.state_dir() / "edits").glob("*/notes.md"))


def test_the_edit_actions_are_in_the_actions_menu_and_the_context_menu(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="notes.md", Body=b"x")
    window = _open_at(qtbot, windows, seaweed, bucket)
    menu = window.menuBar().findChild(QMenu, "actionsMenu")
    names_in_menu = [a.objectName() for a in menu.actions()]
    for action in window.edit_actions.actions():
        assert action.objectName() in names_in_menu
        assert action in window.object_list.actions()
        assert action.shortcut().toString() in action.toolTip()


def test_edit_with_runs_the_command_uploads_each_save_and_remembers_it(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    window = _open_at(qtbot, windows, seaweed, bucket)
    _select(window, "notes.md")
    window.edit_actions.edit_with_action.trigger()
    prompt = _dialog(qtbot, window, NamePrompt)
    assert prompt.objectName() == "editWithDialog"
    command = standin_editor("--pause", "1.5", "first save", "second save")
    prompt.name_edit.setText(command)
    qtbot.mouseClick(prompt.buttons.button(prompt.buttons.StandardButton.Ok), Qt.LeftButton)

    wait_for(qtbot, lambda: body(seaweed_admin, bucket, "notes.md") == b"second save")
    head = seaweed_admin.head_object(Bucket=bucket, Key="notes.md")
    assert {k: v for k, v in head["Metadata"].items() if k != CRC_META} == METADATA  # + ours
    assert head.get("StorageClass") == "STANDARD_IA"
    assert tags_of(seaweed_admin, bucket, "notes.md") == TAGS
    remembered = json.loads((paths.config_dir() / FILE_NAME).read_text())
    assert remembered == {".md": command}
    (edit,) = window.edit_actions.edits()
    assert edit.key == "notes.md" and _private_copies() == [edit.path]

    # The next Edit With… on a .md file proposes the same command.
    window.edit_actions.edit_with_action.trigger()
    again = _dialog(qtbot, window, NamePrompt)
    assert again is not prompt and again.name_edit.text() == command
    again.reject()

    # Open Edits… lists it; Close Edit deletes the private copy.
    window.edit_actions.open_edits_action.trigger()
    listing = _dialog(qtbot, window, OpenEditsDialog)
    assert listing.edit_list.count() == 1
    qtbot.mouseClick(listing.close_button, Qt.LeftButton)
    wait_for(qtbot, lambda: _private_copies() == [] and window.edit_actions.edits() == [])
    assert listing.edit_list.count() == 0


def test_a_server_change_asks_in_a_dialog_and_overwrite_uploads(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    window = _open_at(qtbot, windows, seaweed, bucket)
    launches = Launches()
    window.edit_actions.launch = launches
    _select(window, "notes.md")
    window.edit_actions.edit_action.trigger()
    wait_for(qtbot, lambda: launches.opened != [])
    (path, command) = launches.opened[0]
    assert command is None  # Edit: the desktop's default application
    assert path.read_bytes() == b"original"

    seaweed_admin.put_object(Bucket=bucket, Key="notes.md", Body=b"theirs")
    path.write_bytes(b"mine")
    dialog = _dialog(qtbot, window, EditConflictDialog)
    assert "was changed on the server" in dialog.findChild(object, "editConflictMessage").text()
    assert body(seaweed_admin, bucket, "notes.md") == b"theirs"  # nothing sent before the answer
    qtbot.mouseClick(dialog.buttons[dialog.answer.choice.OVERWRITE], Qt.LeftButton)
    wait_for(qtbot, lambda: body(seaweed_admin, bucket, "notes.md") == b"mine")


def test_an_edit_left_by_a_killed_eider_is_offered_and_reopened(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    env = {
        "AWS_ACCESS_KEY_ID": seaweed.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed.secret_key,
        "AWS_ENDPOINT_URL": seaweed.endpoint_url,
        "AWS_REGION": "us-east-1",
    }
    copy = kill_eider_mid_edit(bucket, "notes.md", "unsaved work", env)
    assert body(seaweed_admin, bucket, "notes.md") == b"original"

    window = windows.open(connection_for(seaweed))  # a new start of Eider
    launches = Launches()
    window.edit_actions.launch = launches
    offered = _dialog(qtbot, window, OpenEditsDialog)
    assert offered.objectName() == "leftEditsDialog"
    assert offered.edit_list.count() == 1
    assert f"s3://{bucket}/notes.md" in offered.edit_list.item(0).text()
    assert offered.reopen_button is not None
    qtbot.mouseClick(offered.reopen_button, Qt.LeftButton)

    wait_for(qtbot, lambda: body(seaweed_admin, bucket, "notes.md") == b"unsaved work")
    wait_for(qtbot, lambda: launches.opened == [(copy, None)])
    (edit,) = window.edit_actions.edits()
    assert edit.path == copy
    metadata = seaweed_admin.head_object(Bucket=bucket, Key="notes.md")["Metadata"]
    assert {k: v for k, v in metadata.items() if k != CRC_META} == METADATA  # + Eider's CRC
    assert sys.platform != "win32"  # flock-held edits: POSIX only, like the job claims
