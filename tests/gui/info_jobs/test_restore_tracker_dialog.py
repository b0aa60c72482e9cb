"""The archive restores list on moto's server: a requested restore shows as under way,
"Check now" finds it ready, Download… hands it to the window, Remove stops following it."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.archive_restore import RestoreState, RestoreTier
from app.core.s3.restore_tracker import RestoreTracker
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.dialogs.restore_tracker import RestoreTrackerDialog
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def test_a_restore_is_listed_checked_downloaded_and_removed(
    qtbot: QtBot, bridge: AsyncBridge, moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="cold.bin", Body=b"x", StorageClass="DEEP_ARCHIVE")
    session = S3Session(connection_for(moto))
    tracker = RestoreTracker(lambda _bid: session, tmp_path / "restores.json")
    with ThreadPoolExecutor(1) as pool:  # S3 calls never on the GUI thread
        pool.submit(tracker.request, "bm", bucket, "cold.bin", 2, RestoreTier.BULK).result()
    dialog = RestoreTrackerDialog(None, bridge, tracker)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == f"s3://{bucket}/cold.bin"
    assert dialog.table.item(0, 3).text() == "Restoring…"
    assert not dialog.download_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.table.item(0, 3).text() == "Ready", timeout=WAIT_MS)

    assert dialog.download_button.isEnabled()
    with qtbot.waitSignal(dialog.downloadRequested, timeout=WAIT_MS) as asked:
        dialog.download_button.click()
    assert asked.args[0].key == "cold.bin" and asked.args[0].state is RestoreState.READY
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT_MS)
    assert tracker.restores() == []
    assert RestoreTracker(lambda _bid: session, tmp_path / "restores.json").restores() == []
    assert not bridge.errors  # type: ignore[attr-defined]
    dialog.close()
