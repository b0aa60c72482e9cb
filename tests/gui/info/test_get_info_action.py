"""Get Info from the browser window: toolbar, menus, Ctrl+I; one window per selection; a
bucket's General tab."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton
from pytestqt.qtbot import QtBot

from app.ui.info.info_window import InfoWindow
from app.ui.info.target import InfoTarget
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for
from tests.gui.info.helpers import confirm, info_window, new_bucket, wait_loaded

pytestmark = pytest.mark.gui


def _open_at(qtbot: QtBot, windows: Windows, server: RunningS3, where: Location) -> MainWindow:
    window = windows.open(connection_for(server), where)
    wait_for(qtbot, lambda: window.controller.location == where)
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    return window


def _select(window: MainWindow, *wanted: str) -> None:
    view = window.object_list
    view.setFocus()
    model = window.controller.model
    selection = view.selectionModel()
    selection.clearSelection()
    flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
    for name in wanted:
        index = model.index(names(window).index(name), 0)
        selection.select(index, flags)
        selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)


def _info_opened(qtbot: QtBot, window: MainWindow, trigger: Any) -> InfoWindow:
    with qtbot.waitSignal(window.info_actions.opened, timeout=30_000) as opened:
        trigger()
    info: InfoWindow = opened.args[0]
    return info


def test_get_info_is_on_the_toolbar_the_menus_and_ctrl_i(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    bucket = new_bucket(seaweed_admin)
    seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    window = _open_at(qtbot, windows, seaweed, Location(bucket))
    action = window.info_actions.action
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert action in window.object_list.actions()  # the list's context menu
    assert window.info_actions.tree_action in window.tree_menu.menu.actions()
    actions_menu = window.menuBar().findChild(QMenu, "actionsMenu")
    assert action in actions_menu.actions()
    button = window.navigation_bar.findChild(QToolButton, "getInfoActionButton")
    assert button is not None and button.accessibleName() == "Get Info"

    _select(window, "a.txt")
    info = _info_opened(
        qtbot,
        window,
        lambda: qtbot.keyClick(
            window.object_list, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
        ),
    )
    assert info.target == InfoTarget(bucket, ("a.txt",))
    assert not info.isModal() and info.isVisible()
    wait_loaded(qtbot, info)
    assert info.general.values["infoKey"].text() == "a.txt"
    # The same selection again raises the same window: one window per selection.
    again = _info_opened(qtbot, window, action.trigger)
    assert again is info


def test_a_multi_selection_and_a_folder_open_one_window_for_all(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = new_bucket(moto_admin)
    for key in ("a.txt", "b.txt", "dir/c.txt"):
        moto_admin.put_object(Bucket=bucket, Key=key, Body=b"x")
    window = _open_at(qtbot, windows, moto, Location(bucket))
    _select(window, "a.txt", "b.txt", "dir")
    info = _info_opened(qtbot, window, window.info_actions.action.trigger)
    assert info.target == InfoTarget(bucket, ("a.txt", "b.txt"), ("dir/",))
    assert "Folder: dir/" in info.general.summary.text()
    assert info.windowTitle() == f"Info — 3 items in {bucket}"


def test_a_bucket_from_the_bucket_list_shows_region_creation_and_urls(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = new_bucket(moto_admin)
    window = _open_at(qtbot, windows, moto, Location())
    _select(window, bucket)
    info = _info_opened(qtbot, window, window.info_actions.action.trigger)
    assert info.target == InfoTarget(bucket)
    wait_loaded(qtbot, info, ("infoBucketGeneralTab",))
    values = info.bucket_general.values
    assert values["infoBucketName"].text() == bucket
    assert values["infoBucketRegion"].text() == "us-east-1"
    assert values["infoBucketCreated"].text() != "unknown"
    assert values["infoBucketPathUrl"].text().rstrip("/") == f"{moto.endpoint_url}/{bucket}"


def test_add_tab_plugs_a_bucket_tab_in(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    from PySide6.QtWidgets import QLabel

    bucket = new_bucket(seaweed_admin)
    with info_window(qtbot, seaweed, InfoTarget(bucket)) as info:
        plugged = QLabel("lifecycle here")
        plugged.setObjectName("pluggedTab")
        info.add_tab("Lifecycle", plugged)
        assert info.tab("pluggedTab") is plugged
        assert info.tabs.tabText(info.tabs.indexOf(plugged)) == "Lifecycle"
        wait_loaded(qtbot, info, ("infoBucketGeneralTab",))
        assert info.bucket_general.values["infoBucketName"].text() == bucket


def test_a_change_from_get_info_is_a_rewrite_job_of_the_windows_transfers(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    from app.core.transfers.jobs import JobKind, JobState

    bucket = new_bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"a", Metadata={"k": "v"})
    window = _open_at(qtbot, windows, moto, Location(bucket))
    _select(window, "a.txt")
    info = _info_opened(qtbot, window, window.info_actions.action.trigger)
    wait_loaded(qtbot, info, ("infoStorageClassTab",))
    info.storage_class.choice.setCurrentText("STANDARD_IA")
    with qtbot.waitSignal(info.changeFinished, timeout=30_000) as finished:
        info.tabs.setCurrentWidget(info.storage_class)
        qtbot.mouseClick(info.storage_class.apply_button, Qt.MouseButton.LeftButton)
        confirm(qtbot, info)
    assert "Saved the storage class STANDARD_IA" in str(finished.args[0])
    service = window.object_actions.transfers.shared.service
    assert service is not None
    jobs = [j for j in service.jobs() if j.kind is JobKind.REWRITE]
    assert len(jobs) == 1 and jobs[0].state is JobState.DONE
    assert jobs[0].where is not None and jobs[0].where.bucket == bucket
    head = moto_admin.head_object(Bucket=bucket, Key="a.txt")
    assert head["StorageClass"] == "STANDARD_IA" and head["Metadata"] == {"k": "v"}
    info.close()
