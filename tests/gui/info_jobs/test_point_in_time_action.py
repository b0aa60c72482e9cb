"""Restore to a Point in Time… from the browser window (SeaweedFS): on the folder selected it
opens the dialog, whose Restore runs a job of the window's transfers that leaves the state of
the chosen moment; on a single object it says what to choose instead."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from app.core.transfers.jobs import JobKind, JobState
from app.ui.controllers.point_in_time_actions import CHOOSE
from app.ui.dialogs.point_in_time import PointInTimeDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import WAIT_MS, Windows, wait_for
from tests.gui.info.test_get_info_action import _select
from tests.unit.core.s3.history import current_state, make_history

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, windows: Windows, seaweed: RunningS3, where: Location) -> MainWindow:
    window = windows.open(connection_for(seaweed), where)
    wait_for(qtbot, lambda: window.controller.location == where)
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def test_a_folder_is_restored_to_a_moment_from_the_actions_menu(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    moment, then = make_history(seaweed_admin, bucket)
    window = _window(qtbot, windows, seaweed, Location(bucket))
    action = window.point_in_time.action
    actions_menu = window.menuBar().findChild(QMenu, "actionsMenu")
    assert action in actions_menu.actions()
    assert action in window.object_list.actions()  # the list's context menu
    assert window.point_in_time.tree_action in window.tree_menu.menu.actions()
    folder = next(n for n in names(window) if n.startswith("f"))
    _select(window, folder)

    with qtbot.waitSignal(window.point_in_time.opened, timeout=WAIT_MS) as opened:
        action.trigger()
    dialog: PointInTimeDialog = opened.args[0]
    target = dialog.findChild(QLabel, "pointInTimeTarget")
    assert target is not None and f"s3://{bucket}/f/ " in target.text()
    dialog.moment_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
    dialog.preview_button.click()
    wait_for(qtbot, dialog.restore_button.isEnabled)
    assert dialog.steps_table.rowCount() == 5
    with qtbot.waitSignal(dialog.started, timeout=WAIT_MS) as started:
        dialog.restore_button.click()
    service = window.object_actions.transfers.service
    assert service is not None
    snap = service.wait(started.args[0], 60)
    assert snap.kind is JobKind.POINT_IN_TIME
    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert current_state(seaweed_admin, bucket, "f/") == then


def test_on_an_object_it_says_to_choose_a_bucket_or_a_folder(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    window = _window(qtbot, windows, seaweed, Location(bucket))
    _select(window, "a.txt")
    with qtbot.waitSignal(window.controller.errorOccurred, timeout=WAIT_MS) as reported:
        window.point_in_time.action.trigger()
    assert reported.args[0].message == CHOOSE
