"""Archive restore from the Info window (moto): the General tab of a DEEP_ARCHIVE object asks
for a restore with a tier and days; Window > Archive Restores lists it and downloads it, once
ready, as a download job of the window's transfers."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.core.s3.archive_restore import RestoreState, RestoreTier
from app.core.s3.restore_tracker import RestoreTracker
from app.core.s3.session import S3Session
from app.ui.dialogs.restore_tracker import RestoreTrackerDialog
from app.ui.info.target import InfoTarget
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import WAIT_MS, Windows, wait_for
from tests.gui.info.helpers import info_window, wait_loaded

pytestmark = pytest.mark.gui


def _bucket(admin: Any) -> str:
    name = f"ar-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name)
    return name


def test_the_general_tab_asks_for_a_restore_of_an_archived_object(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = _bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="cold.bin", Body=b"c", StorageClass="DEEP_ARCHIVE")
    moto_admin.put_object(Bucket=bucket, Key="warm.bin", Body=b"w")
    session = S3Session(connection_for(moto))
    tracker = RestoreTracker(lambda _bid: session, tmp_path / "restores.json")

    with info_window(qtbot, moto, InfoTarget(bucket, ("warm.bin",))) as warm:
        wait_loaded(qtbot, warm, ("infoGeneralTab",))
        assert warm.general.restore_box.isHidden()  # type: ignore[attr-defined]

    with info_window(
        qtbot, moto, InfoTarget(bucket, ("cold.bin",)), restore_tracker=lambda: tracker
    ) as window:
        wait_loaded(qtbot, window, ("infoGeneralTab",))
        box = window.general.restore_box  # type: ignore[attr-defined]
        assert box.isVisible()
        box.tier.setCurrentIndex(box.tier.findData(RestoreTier.BULK))
        box.days.setValue(3)
        with qtbot.waitSignal(window.restoreRequested, timeout=WAIT_MS):
            box.button.click()
        assert "Archive Restores" in box.result.text()
    [tracked] = tracker.restores()
    assert (tracked.bucket, tracked.key, tracked.tier, tracked.days) == (
        bucket,
        "cold.bin",
        RestoreTier.BULK,
        3,
    )
    assert "Restore" in moto_admin.head_object(Bucket=bucket, Key="cold.bin")  # asked on the server


def test_window_archive_restores_lists_and_downloads_a_ready_restore(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = _bucket(moto_admin)
    moto_admin.put_object(Bucket=bucket, Key="cold.txt", Body=b"frozen", StorageClass="GLACIER")
    session = S3Session(connection_for(moto))
    tracker = RestoreTracker(lambda _bid: session, tmp_path / "restores.json")
    window = windows.open(connection_for(moto), Location(bucket))
    wait_for(qtbot, lambda: not window.controller.model.loading and names(window) != [])
    restores = window.archive_restores
    restores.tracker = lambda: tracker
    target = tmp_path / "downloads"
    target.mkdir()
    restores.choose_folder = lambda _parent, done: done(str(target))
    window_menu = window.menuBar().findChild(QMenu, "windowMenu")
    assert restores.action in window_menu.actions()

    with info_window(
        qtbot, moto, InfoTarget(bucket, ("cold.txt",)), restore_tracker=lambda: tracker
    ) as info:
        wait_loaded(qtbot, info, ("infoGeneralTab",))
        with qtbot.waitSignal(info.restoreRequested, timeout=WAIT_MS):
            info.general.restore_box.button.click()  # type: ignore[attr-defined]

    with qtbot.waitSignal(restores.opened, timeout=WAIT_MS) as opened:
        restores.action.trigger()
    dialog: RestoreTrackerDialog = opened.args[0]
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    dialog.check_button.click()
    wait_for(qtbot, lambda: tracker.restores()[0].state is RestoreState.READY)
    wait_for(qtbot, lambda: dialog.download_button.isEnabled())
    with qtbot.waitSignal(restores.downloadStarted, timeout=WAIT_MS):
        dialog.download_button.click()
    wait_for(qtbot, lambda: (target / "cold.txt").exists())
    wait_for(qtbot, lambda: (target / "cold.txt").read_bytes() == b"frozen")
    dialog.close()
