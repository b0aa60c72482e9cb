"""Every browser window submits to the application's one transfer service, under the bookmark
its connection came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark
from app.core.transfers.jobs import JobState
from app.ui.application import WindowSet
from app.ui.dialogs import file_pick
from app.ui.location import Location
from tests.gui.browsing import names
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui


def test_windows_share_one_service_and_jobs_record_the_window_bookmark(
    qtbot: QtBot,
    window_set: WindowSet,
    seaweed_bookmark: Bookmark,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    window.sidebar.select(seaweed_bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: bucket in names(window))
    assert window.controller.bookmark_id == seaweed_bookmark.id
    window.controller.navigate(Location(bucket))
    wait_for(qtbot, lambda: window.controller.location.bucket == bucket)

    local = tmp_path / "hello.txt"
    local.write_bytes(b"hello")
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local)]))
    window.object_actions.actions["uploadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Upload hello.txt" in window.object_actions.status.label.text())
    service = window_set.shared_transfers.service
    assert service is not None
    (job,) = service.jobs()
    assert job.state is JobState.DONE
    assert job.where is not None and job.where.bookmark_id == seaweed_bookmark.id
    assert seaweed_admin.get_object(Bucket=bucket, Key="hello.txt")["Body"].read() == b"hello"

    window.new_window_action.trigger()  # File > New Window: the same bookmark
    wait_for(qtbot, lambda: len(window_set.windows) == 2)
    second = window_set.windows[1]
    qtbot.addWidget(second)
    assert second.controller.bookmark_id == seaweed_bookmark.id
    assert second.object_actions.transfers.shared is window.object_actions.transfers.shared
    wait_for(qtbot, lambda: second.controller.location.bucket == bucket)

    local2 = tmp_path / "again.txt"
    local2.write_bytes(b"again")
    monkeypatch.setattr(file_pick, "choose_files_to_upload", lambda _w, done: done([str(local2)]))
    second.object_actions.actions["uploadAction"].trigger()
    wait_for(qtbot, lambda: "Done: Upload again.txt" in second.object_actions.status.label.text())
    assert window_set.shared_transfers.service is service, "the second window used the same service"
    assert {j.where.bookmark_id for j in service.jobs() if j.where} == {seaweed_bookmark.id}
    assert len(service.jobs()) == 2
    # Each window's status line shows its own jobs only.
    assert "again.txt" not in window.object_actions.status.label.text()
