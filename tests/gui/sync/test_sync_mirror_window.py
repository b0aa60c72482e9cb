"""The Synchronize window's two-way direction: a first run copies both ways; the second plan
shows uploads, downloads, deletions and a conflict with their reasons, a row is unticked, and
Run does exactly the rows left, sending the requests the estimate counted."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from app.core.transfers.request_prices import AWS_S3_STANDARD
from app.core.transfers.sync_cost import estimate
from app.core.transfers.sync_plan import Direction
from app.core.transfers.sync_record import load_record
from app.ui.sync.plan_model import CONFLICT
from app.ui.sync.sync_window import DIRECTIONS
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows
from tests.gui.sync.test_sync_window import (
    _assert_estimate_was_sent,
    _compare,
    _open,
    _rows,
    _run,
    _server,
)

PAST = time.time() - 3600
TODAY = datetime.datetime.now().astimezone().date().isoformat()


def _write(path: Path, data: bytes, when: float = PAST) -> None:
    path.write_bytes(data)
    os.utime(path, (when, when))


def test_two_way_plan_with_a_conflict_and_one_row_unticked(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("edit-here.txt", "delete-here.txt", "both.txt", "not-now.txt"):
        _write(folder / name, b"v1 " + name.encode())
    seaweed_admin.put_object(Bucket=bucket, Key="w/edit-there.txt", Body=b"v1 there")
    window, _ = _open(qtbot, windows, seaweed)
    mirror = next(i for i, d in enumerate(DIRECTIONS) if d[1] is Direction.MIRROR)
    remote = f"s3://{bucket}/w/"

    _compare(qtbot, window, folder, remote, mirror)
    first = _rows(window)
    assert first["edit-there.txt"] == ("↓ download", "new object")
    assert first["both.txt"] == ("↑ upload", "new file")
    assert not any(action.startswith("\u00d7") for action, _ in first.values())
    _run(qtbot, window)
    assert _server(seaweed_admin, bucket, "w/") == {
        p.name: p.read_bytes() for p in folder.iterdir()
    }

    _write(folder / "edit-here.txt", b"v2 here, longer", time.time())
    seaweed_admin.put_object(Bucket=bucket, Key="w/edit-there.txt", Body=b"v2 there, longer")
    (folder / "delete-here.txt").unlink()
    seaweed_admin.delete_object(Bucket=bucket, Key="w/not-now.txt")
    seaweed_admin.put_object(Bucket=bucket, Key="w/both.txt", Body=b"v2 on the server")
    _write(folder / "both.txt", b"v2 here, newest", time.time() + 60)
    _compare(qtbot, window, folder, remote, mirror)
    rows = _rows(window)
    assert rows["edit-here.txt"] == ("↑ upload", "changed locally since the last sync")
    assert rows["edit-there.txt"] == ("↓ download", "changed on the server since the last sync")
    assert rows["delete-here.txt"] == (
        "\u00d7 delete on server",
        "deleted locally since the last sync",
    )
    assert rows["not-now.txt"] == (
        "\u00d7 delete local file",
        "deleted on the server since the last sync",
    )
    action, why = rows["both.txt"]
    assert action == CONFLICT
    assert why.startswith("changed on both sides since the last sync")
    assert f"the older object is kept as \u201cboth (conflict {TODAY}).txt\u201d" in why
    assert "1 conflicts (both kept)" in window.summary_label.text()

    window.model.set_ticked(window.model.find("not-now.txt"), False)
    chosen = window.model.chosen_plan()
    assert chosen is not None and len(chosen.conflicts) == 1
    expected = estimate(chosen, AWS_S3_STANDARD, window.controller.transfer_options)
    assert expected.requests["COPY"] == 1
    assert expected.request_text() in window.cost_label.text()

    _run(qtbot, window)
    tree = {
        "edit-here.txt": b"v2 here, longer",
        "edit-there.txt": b"v2 there, longer",
        "both.txt": b"v2 here, newest",
        f"both (conflict {TODAY}).txt": b"v2 on the server",
    }
    assert _server(seaweed_admin, bucket, "w/") == tree
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        **tree,
        "not-now.txt": b"v1 not-now.txt",  # its row was unticked: kept
    }
    _assert_estimate_was_sent(window, dict(expected.requests))

    # the unticked row is proposed again; everything else is in step
    _compare(qtbot, window, folder, remote, mirror)
    assert _rows(window) == {
        "not-now.txt": ("\u00d7 delete local file", "deleted on the server since the last sync")
    }


def test_an_empty_two_way_plan_records_the_equal_sides(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "same"
    folder.mkdir()
    _write(folder / "a.txt", b"equal")
    seaweed_admin.put_object(Bucket=bucket, Key="e/a.txt", Body=b"equal")
    window, _ = _open(qtbot, windows, seaweed)
    mirror = next(i for i, d in enumerate(DIRECTIONS) if d[1] is Direction.MIRROR)
    _compare(qtbot, window, folder, f"s3://{bucket}/e/", mirror)
    assert _rows(window) == {} and not window.run_button.isEnabled()
    plan = window.model.plan
    assert plan is not None
    assert set(load_record(plan.record_key) or {}) == {"a.txt"}
    (folder / "a.txt").unlink()
    _compare(qtbot, window, folder, f"s3://{bucket}/e/", mirror)
    assert _rows(window) == {
        "a.txt": ("\u00d7 delete on server", "deleted locally since the last sync")
    }
