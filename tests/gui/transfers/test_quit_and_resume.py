"""Done when: quitting the application after several parts of a multipart upload, starting
it again on the same state folders and resuming from the Transfers window leaves the object
byte-identical, with no completed part sent twice and no unfinished upload on the server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from app.core.preferences.sections import TransferPreferencesSection
from app.core.s3.session import S3Session
from app.core.transfers.jobs import JobState
from app.core.transfers.journal import Journal
from app.core.transfers.options import MIB
from app.ui.application import WindowSet
from app.ui.location import Location
from app.ui.models.transfers_model import STATE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import (
    bookmark_on,
    limit_bandwidth,
    quit_with_stop,
    random_file,
    upload,
    wait_jobs,
    wait_state,
)

pytestmark = pytest.mark.gui

PARTS = 7


class PartCounter:
    """Records the part numbers a session's UploadPart requests send, and how many came back."""

    def __init__(self) -> None:
        self.sent: list[int] = []
        self.completed = 0

    def watch(self, session: S3Session) -> S3Session:
        events = session.client().meta.events
        events.register(
            "before-parameter-build.s3.UploadPart",
            lambda params, **_: self.sent.append(params["PartNumber"]),
        )
        events.register("after-call.s3.UploadPart", self._completed)
        return session

    def _completed(self, **_: Any) -> None:
        self.completed += 1


def _journaled_parts(job_id: str) -> set[int]:
    journal = Journal()
    try:
        (item,) = journal.items(job_id)
        return set(journal.parts(item))
    finally:
        journal.close()


def test_quit_midway_through_a_multipart_upload_then_resume_from_the_transfers_window(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Parts of 5 MiB from 6 MiB on, so a 31 MiB file is a 7-part upload (the defaults would
    # need a file over 100 MiB); two parts in flight at a time: as Preferences a user saved.
    first_run = windows.window_set
    small_parts = TransferPreferencesSection(multipart_threshold=6 * MIB, part_size=5 * MIB)
    settings = first_run.settings
    settings.set_preferences(replace(settings.preferences(), transfers=small_parts))
    settings.set_transfer_limits(replace(settings.transfer_limits(), connections_per_job=2))
    local = random_file(tmp_path / "big.bin", 31 * MIB + 77)
    data = local.read_bytes()

    # The first run: a window on a bookmark uploads, slowly enough to quit halfway.
    bookmark = bookmark_on(first_run, seaweed, "Seaweed")
    limit_bandwidth(first_run, 4 * MIB)
    first_parts = PartCounter()
    connection = connection_for(seaweed)
    window = first_run.open(
        lambda: first_parts.watch(S3Session(connection)),
        Location(bucket, ""),
        bookmark_id=bookmark.id,
    )
    qtbot.addWidget(window)
    wait_for(qtbot, lambda: window.controller.location == Location(bucket, ""))
    upload(window, monkeypatch, local)
    (job,) = wait_jobs(qtbot, first_run.transfers, 1)
    wait_for(qtbot, lambda: first_parts.completed >= 3, timeout=60_000)
    quit_with_stop(qtbot, first_run)  # the application quits; the job stops where it is
    completed = _journaled_parts(job.id)
    assert 3 <= len(completed) < PARTS, "the quit came after several parts, before the end"
    assert len(_unfinished(seaweed_admin, bucket)) == 1  # kept on the server for the resume

    # The next start on the same state folders (EIDER_HOME): a new window set; its service
    # makes sessions from the bookmark, watched here for the parts they send.
    next_run = windows.window_set = WindowSet()
    second_parts = PartCounter()
    make_session = next_run.shared_transfers.session_for
    monkeypatch.setattr(
        next_run.shared_transfers,
        "session_for",
        lambda bookmark_id: second_parts.watch(make_session(bookmark_id)),
    )
    browser = next_run.open_empty()
    qtbot.addWidget(browser)
    browser.transfers_action.trigger()  # Window > Transfers
    hub = next_run.transfers
    assert hub.window.isVisible()
    (listed,) = wait_jobs(qtbot, hub, 1)
    assert (listed.id, listed.interrupted) == (job.id, True)
    assert hub.model.job_index(job.id, STATE).data() == "Interrupted — resumable"
    assert listed.progress.bytes_done == len(completed) * 5 * MIB

    hub.window.select_jobs([job.id])
    resume = hub.window.findChild(QToolButton, "resumeTransferActionButton")
    assert resume is not None and resume.isEnabled()
    resume.click()
    wait_state(qtbot, hub, [job.id], JobState.DONE)

    assert second_parts.sent, "the second run sent the parts that were missing"
    assert not set(second_parts.sent) & completed, "a completed part was sent twice"
    assert set(second_parts.sent) | completed == set(range(1, PARTS + 1))
    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == data
    assert _unfinished(seaweed_admin, bucket) == []


def _unfinished(admin: Any, bucket: str) -> list[str]:
    return [u["Key"] for u in admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]
