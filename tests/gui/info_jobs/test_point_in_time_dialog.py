"""The point-in-time restore dialog on SeaweedFS: the preview lists the plan's changes, and
Restore runs that plan as a job that leaves the state of the chosen moment."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from app.core.s3.point_in_time import plan_restore_to
from app.core.s3.session import S3Session
from app.core.transfers.jobs import JobState
from app.core.transfers.service import TransferService
from app.ui.async_bridge import AsyncBridge
from app.ui.dialogs.point_in_time import PointInTimeDialog
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import WAIT_MS
from tests.unit.core.s3.history import current_state, make_history

pytestmark = pytest.mark.gui


@pytest.fixture
def service(seaweed: RunningS3) -> Iterator[TransferService]:
    made = TransferService(
        lambda _bookmark: S3Session(connection_for(seaweed)),
        bookmark_exists=lambda bookmark: bookmark == "bm",
        sample_interval=0.05,
    )
    yield made
    made.close()


def test_preview_then_restore_brings_back_the_moment(
    qtbot: QtBot,
    bridge: AsyncBridge,
    service: TransferService,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    moment, then = make_history(seaweed_admin, bucket)
    session = S3Session(connection_for(seaweed))
    dialog = PointInTimeDialog(
        None,
        bridge,
        bucket,
        "f/",
        lambda at: plan_restore_to(session, bucket, "f/", at),
        lambda plan: service.restore_to("bm", plan),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isEnabled()  # nothing previewed yet
    dialog.moment_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))

    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)

    assert dialog.plan is not None
    with ThreadPoolExecutor(1) as pool:  # the GUI thread may not call S3, the test neither
        expected = pool.submit(plan_restore_to, session, bucket, "f/", dialog.moment).result()
    shown = [
        tuple(dialog.steps_table.item(r, c).text() for c in range(2))
        for r in range(dialog.steps_table.rowCount())
    ]
    assert len(shown) == len(expected.steps) == 5
    assert [key for _change, key in shown] == [s.key for s in expected.steps]
    assert "2 objects restored" in dialog.summary_label.text()
    assert dialog.restore_button.isEnabled()
    # A new moment needs a new preview before it can run.
    dialog.moment_edit.setDateTime(dialog.moment_edit.dateTime().addSecs(-1))
    assert not dialog.restore_button.isEnabled()
    dialog.moment_edit.setDateTime(dialog.moment_edit.dateTime().addSecs(1))
    dialog.preview_button.click()
    qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=WAIT_MS)

    with qtbot.waitSignal(dialog.started, timeout=WAIT_MS) as started:
        dialog.restore_button.click()
    snap = service.wait(started.args[0], 60)

    assert snap.state is JobState.DONE, (snap.error, snap.failures)
    assert current_state(seaweed_admin, bucket, "f/") == then
    assert not bridge.errors  # type: ignore[attr-defined]
