"""General > "At start, open: the last windows": the windows open at quit come back, each on
its bookmark at its folder; with the default, only the bookmarks."""

from __future__ import annotations

import argparse
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from app.core.last_windows import OpenWindow
from app.core.preferences.sections import GeneralPreferences, Preferences, StartWith
from app.ui.application import FirstWindow, WindowSet, open_first_window
from app.ui.location import Location
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import bookmark_on, open_on

pytestmark = pytest.mark.gui


def start(qtbot: QtBot, windows: Windows) -> tuple[WindowSet, FirstWindow]:
    next_run = windows.window_set = WindowSet()
    first = open_first_window(next_run, argparse.Namespace(files=[], sandbox=False))
    qtbot.addWidget(first.window)
    return next_run, first


@pytest.mark.parametrize("start_with", [StartWith.LAST_WINDOWS, StartWith.BOOKMARKS])
def test_the_last_window_comes_back_at_its_folder(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin,
    bucket: str,
    start_with: StartWith,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="deep/er/file.txt", Body=b"x")
    first_run = windows.window_set
    general = GeneralPreferences(start_with=start_with)
    first_run.settings.set_preferences(replace(Preferences(), general=general))
    bookmark = bookmark_on(first_run, seaweed, "Lab")
    window = open_on(qtbot, first_run, seaweed, bookmark, bucket)
    folder = Location(bucket, "deep/er/")
    window.controller.navigate(folder)
    wait_for(qtbot, lambda: not window.controller.model.loading)
    window.close()
    wait_for(qtbot, lambda: not window.isVisible())
    assert first_run.settings.last_windows() == [OpenWindow(bookmark.id, f"s3://{bucket}/deep/er/")]
    first_run.settings.flush()

    next_run, first = start(qtbot, windows)
    reopened = first.window
    if start_with is StartWith.LAST_WINDOWS:
        assert first.reopen is not None
        wait_for(qtbot, lambda: reopened.controller.location == folder)
        assert reopened.controller.bookmark_id == bookmark.id
        wait_for(qtbot, lambda: first.reopen.done())
        assert first.reopen.result() == 1 and len(next_run.windows) == 1
    else:
        assert first.reopen is None
        qtbot.wait(300)
        assert not reopened.controller.has_connection  # the bookmarks, nothing connected
