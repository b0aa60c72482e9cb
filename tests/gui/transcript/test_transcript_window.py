"""The Transcript window shows the requests the browser sent, filters, copies and saves them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.core.s3.transcript import Transcript, TranscriptLine, process_transcript
from app.ui.transcript.transcript_model import BUCKET, OPERATION, STATUS
from app.ui.transcript.transcript_window import TranscriptWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for


def _column(window: TranscriptWindow, column: int) -> list[str]:
    proxy = window.proxy
    return [str(proxy.index(r, column).data()) for r in range(proxy.rowCount())]


def _listed_buckets(window: TranscriptWindow) -> list[TranscriptLine]:
    lines = [window.model.line(r) for r in range(window.model.rowCount())]
    return [line for line in lines if line.operation == "ListBuckets"]


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen: raise_() is a no-op
def test_window_menu_opens_the_transcript_of_the_browsers_requests(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    bucket: str,
    seaweed_admin: Any,
    tmp_path: Path,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="seen.txt", Body=b"x")
    # The process's transcript holds earlier tests' lines too: wait for this window's own.
    earlier = max((line.seq for line in process_transcript().lines()), default=0)
    main = windows.open(connection_for(seaweed))
    main.transcript_action.trigger()
    window = main.transcript_window
    assert window is not None and window.isVisible()
    assert window.objectName() == "transcriptWindow" and window.accessibleName()
    wait_for(qtbot, lambda: "ListBuckets" in _column(window, OPERATION))
    wait_for(qtbot, lambda: any(line.seq > earlier for line in _listed_buckets(window)))

    main.controller.navigate_to_text(f"{bucket}/")
    wait_for(qtbot, lambda: bucket in _column(window, BUCKET))
    window.bucket_filter.setText(bucket)
    assert set(_column(window, BUCKET)) == {bucket}
    window.status_filter.setText("2")
    assert all(s.startswith("2") for s in _column(window, STATUS))
    window.status_filter.setText("599")  # no such answer here (a 503 might come under load)
    assert _column(window, STATUS) == []
    window.status_filter.clear()

    window.copy()
    copied = QGuiApplication.clipboard().text()
    assert copied == window.text()  # no refresh in between: the same lines
    assert copied and all(bucket in line for line in copied.splitlines())
    target = tmp_path / "transcript.txt"
    shown = window.text()  # the browser may still be sending: lines can arrive after this
    with qtbot.waitSignal(window.saved, timeout=10_000):
        window.save_to(str(target))
    saved = target.read_text()
    assert saved == shown
    assert seaweed.secret_key not in saved and "Signature" not in saved
    window.close()


def test_older_lines_leave_the_table_at_its_bound(qtbot: QtBot, qtmodeltester: Any) -> None:
    transcript = Transcript(limit=10)
    window = TranscriptWindow(transcript)
    qtbot.addWidget(window)
    for n in range(25):
        transcript.add(
            time=0.0,
            operation="GetObject",
            method="GET",
            bucket="b",
            key=f"k{n}",
            status="200",
            duration=0.0,
            sent=0,
            received=0,
            retry=0,
        )
    window.model.refresh()
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)
    assert window.model.rowCount() == 10
    assert window.model.line(0).key == "k15"
    window.clear_button.click()
    assert window.model.rowCount() == 0
    window.model.refresh()
    assert window.model.rowCount() == 0  # cleared lines do not come back
    window.close()
