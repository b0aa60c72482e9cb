"""The Synchronize window: a plan with reasons, a row unticked, Run does exactly what is shown
and sends the requests the cost estimate counted."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript
from app.core.transfers.request_prices import AWS_S3_STANDARD, RequestClass
from app.core.transfers.sync_cost import cost_of_operations, estimate
from app.ui.sync.plan_model import ACTION, NAME, WHY
from app.ui.sync.sync_window import DIRECTIONS, SyncWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

PAST = time.time() - 3600


def _rows(window: SyncWindow) -> dict[str, tuple[str, str]]:
    model = window.model
    return {
        str(model.index(r, NAME).data()): (
            str(model.index(r, ACTION).data()),
            str(model.index(r, WHY).data()),
        )
        for r in range(model.rowCount())
    }


def _server(admin: Any, bucket: str, prefix: str) -> dict[str, bytes]:
    listed = admin.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    return {
        o["Key"][len(prefix) :]: admin.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        for o in listed
    }


def _open(qtbot: QtBot, windows: Windows, seaweed: RunningS3) -> tuple[SyncWindow, Transcript]:
    transcript = Transcript()
    connection = connection_for(seaweed)
    main = windows.open(lambda: S3Session(connection, transcript=transcript))
    # the browser's own first request (the bucket list) is over before the sync is planned
    wait_for(qtbot, lambda: transcript.counts()["ListBuckets"] == 1)
    main.sync_action.trigger()
    window = main.sync_window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    return window, transcript


def _compare(qtbot: QtBot, window: SyncWindow, folder: Path, remote: str, direction: int) -> None:
    window.folder_edit.setText(str(folder))
    window.remote_edit.setText(remote)
    window.direction_combo.setCurrentIndex(direction)
    with qtbot.waitSignal(window.controller.planned, timeout=30_000):
        window.compare_button.click()


def _run(qtbot: QtBot, window: SyncWindow) -> None:
    assert window.run_button.isEnabled()
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        window.run_button.click()
    assert window.last_outcome is not None
    assert window.last_outcome.result.ok, window.last_outcome.result.failures
    [job] = window.last_outcome.result.jobs  # one queue job, deletions included
    assert job.title.startswith("Sync ")


def _assert_estimate_was_sent(window: SyncWindow, expected: dict[RequestClass, int]) -> None:
    assert window.last_outcome is not None
    sent = cost_of_operations(window.last_outcome.sent, AWS_S3_STANDARD)
    assert sent.other_requests == {}
    assert dict(sent.requests) == expected


def test_mirror_up_with_one_row_unticked_does_exactly_the_rows_shown(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    for key in ("same.txt", "changed.txt", "gone.txt"):
        seaweed_admin.put_object(Bucket=bucket, Key=f"s/{key}", Body=b"server " + key.encode())
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "same.txt").write_bytes(b"server same.txt")
    (folder / "changed.txt").write_bytes(b"a longer local version")
    (folder / "new.txt").write_bytes(b"new")
    (folder / "left-out.txt").write_bytes(b"not this time")
    for path in folder.iterdir():
        os.utime(path, (PAST, PAST))
    window, _ = _open(qtbot, windows, seaweed)
    mirror_up = next(i for i, d in enumerate(DIRECTIONS) if d[1].value == "upload" and d[2])
    _compare(qtbot, window, folder, f"s3://{bucket}/s/", mirror_up)

    rows = _rows(window)
    assert set(rows) == {"changed.txt", "gone.txt", "new.txt", "left-out.txt"}  # = hidden
    assert rows["new.txt"] == ("↑ upload", "new file")
    assert rows["changed.txt"][0] == "↑ upload" and "size differs" in rows["changed.txt"][1]
    assert rows["gone.txt"][0] == "\u00d7 delete on server"
    window.show_unchanged.setChecked(True)
    assert _rows(window)["same.txt"][0] == "= unchanged"
    window.show_unchanged.setChecked(False)

    window.model.set_ticked(window.model.find("left-out.txt"), False)
    chosen = window.model.chosen_plan()
    assert chosen is not None
    expected = estimate(chosen, AWS_S3_STANDARD, window.controller.transfer_options)
    assert dict(expected.requests) == {
        RequestClass.LIST: 1,
        RequestClass.HEAD: 0,
        RequestClass.GET: 0,
        RequestClass.PUT: 2,
        RequestClass.COPY: 0,
        RequestClass.DELETE: 1,
    }
    assert expected.request_text() in window.cost_label.text()
    assert "$" in window.cost_label.text()

    _run(qtbot, window)
    assert _server(seaweed_admin, bucket, "s/") == {
        "same.txt": b"server same.txt",
        "changed.txt": b"a longer local version",
        "new.txt": b"new",
    }
    assert sorted(p.name for p in folder.iterdir()) == [
        "changed.txt",
        "left-out.txt",
        "new.txt",
        "same.txt",
    ]
    _assert_estimate_was_sent(window, dict(expected.requests))
    assert "Requests the sync sent: " + expected.request_text() in window.message.text()


def test_mirror_down_with_one_row_unticked(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    for key, body in (("new.txt", b"new"), ("kept-out.txt", b"no"), ("changed.txt", b"server!")):
        seaweed_admin.put_object(Bucket=bucket, Key=f"d/{key}", Body=body)
    folder = tmp_path / "down"
    folder.mkdir()
    (folder / "changed.txt").write_bytes(b"old")
    (folder / "stale.txt").write_bytes(b"stale")
    window, _ = _open(qtbot, windows, seaweed)
    mirror_down = next(i for i, d in enumerate(DIRECTIONS) if d[1].value == "download" and d[2])
    _compare(qtbot, window, folder, f"s3://{bucket}/d/", mirror_down)
    rows = _rows(window)
    assert rows["new.txt"] == ("↓ download", "new object")
    assert rows["stale.txt"][0] == "\u00d7 delete local file"
    window.model.set_ticked(window.model.find("kept-out.txt"), False)
    chosen = window.model.chosen_plan()
    assert chosen is not None
    expected = estimate(chosen, AWS_S3_STANDARD, window.controller.transfer_options)
    _run(qtbot, window)
    assert sorted(p.name for p in folder.iterdir()) == ["changed.txt", "new.txt"]
    assert (folder / "changed.txt").read_bytes() == b"server!"
    assert set(_server(seaweed_admin, bucket, "d/")) == {"new.txt", "kept-out.txt", "changed.txt"}
    _assert_estimate_was_sent(window, dict(expected.requests))


@pytest.mark.parametrize(("remote", "message"), [("", "s3://bucket/folder/"), ("ftp://x", "not")])
def test_a_missing_remote_folder_is_explained(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, tmp_path: Path, remote: str, message: str
) -> None:
    window, _ = _open(qtbot, windows, seaweed)
    window.folder_edit.setText(str(tmp_path))
    window.remote_edit.setText(remote)
    window.compare_button.click()
    assert message in window.message.text()
    assert window.model.rowCount() == 0
