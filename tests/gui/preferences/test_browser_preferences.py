"""Preferences > Browser in a browser window: what Enter (a double click) does on a file, and
how sizes and dates read."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.preferences.sections import (
    BrowserPreferences,
    DateFormat,
    DoubleClick,
    Preferences,
    SizeFormat,
)
from app.ui.dialogs import file_pick
from app.ui.dialogs.preview import PreviewDialog
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.listing_model import MODIFIED, SIZE
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import dialog_of, names
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import open_at

pytestmark = pytest.mark.gui


def prefer(window: MainWindow, **browser: Any) -> None:
    settings = window.settings
    settings.set_preferences(replace(Preferences(), browser=BrowserPreferences(**browser)))


def press_enter_on(qtbot: QtBot, window: MainWindow, name: str) -> None:
    view = window.object_list
    view.setFocus()
    view.setCurrentIndex(window.controller.model.index(names(window).index(name), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def cell(window: MainWindow, name: str, column: int) -> str:
    model = window.controller.model
    return str(model.data(model.index(names(window).index(name), column)))


def test_enter_on_a_file_previews_downloads_or_does_nothing_as_preferred(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="note.txt", Body=b"hello")
    window = open_at(qtbot, windows, seaweed, bucket)
    press_enter_on(qtbot, window, "note.txt")  # the default: a preview
    dialog_of(qtbot, window, PreviewDialog).close()

    asked: list[str] = []

    def choose(_parent: object, done: Any) -> None:
        asked.append("folder")
        done(str(tmp_path))

    monkeypatch.setattr(file_pick, "choose_download_folder", choose)
    prefer(window, double_click=DoubleClick.DOWNLOAD)
    window.object_actions.dialog = None
    press_enter_on(qtbot, window, "note.txt")
    wait_for(qtbot, lambda: (tmp_path / "note.txt").exists())
    wait_for(qtbot, lambda: (tmp_path / "note.txt").read_bytes() == b"hello")
    assert asked == ["folder"] and window.object_actions.dialog is None  # no preview

    prefer(window, double_click=DoubleClick.NOTHING)
    press_enter_on(qtbot, window, "note.txt")
    qtbot.wait(300)  # nothing must happen: give a preview the time it would take
    assert asked == ["folder"] and window.object_actions.dialog is None


def test_sizes_and_dates_read_as_preferred_and_change_at_once(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="mid.bin", Body=b"z" * 1_572_864)
    window = open_at(qtbot, windows, seaweed, bucket)
    assert cell(window, "mid.bin", SIZE) == "1.5 MiB"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", cell(window, "mid.bin", MODIFIED))
    with qtbot.waitSignal(window.controller.model.dataChanged):
        prefer(window, size_format=SizeFormat.DECIMAL, date_format=DateFormat.ISO_SECONDS)
    assert cell(window, "mid.bin", SIZE) == "1.6 MB"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", cell(window, "mid.bin", MODIFIED))
    prefer(window, size_format=SizeFormat.BYTES)
    assert cell(window, "mid.bin", SIZE) == "1,572,864"


def go(qtbot: QtBot, window: MainWindow, location: Location) -> None:
    window.controller.navigate(location)
    wait_for(qtbot, lambda: window.controller.location == location)
    wait_for(qtbot, lambda: not window.controller.model.loading and bool(names(window)))


@pytest.mark.parametrize(
    ("entries", "seconds", "kept"),
    [(50, 300, True), (50, 0, False), (1, 300, False)],
    ids=["kept", "no-time", "too-few-entries"],
)
def test_the_listing_cache_shows_a_folder_again_without_listing_it(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    entries: int,
    seconds: int,
    kept: bool,
) -> None:
    for key in ("a/one.txt", "b/two.txt"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=b"x")
    window = open_at(qtbot, windows, seaweed, bucket)
    prefer(window, listing_cache_entries=entries, listing_cache_seconds=seconds)
    go(qtbot, window, Location(bucket, "a/"))
    seaweed_admin.put_object(Bucket=bucket, Key="a/new.txt", Body=b"x")  # behind its back
    go(qtbot, window, Location(bucket, "b/"))
    go(qtbot, window, Location(bucket, "a/"))
    shown = names(window)
    if kept:
        assert shown == ["one.txt"]  # the kept listing: no request was made
        window.refresh_action.trigger()  # Refresh always lists again
        wait_for(qtbot, lambda: names(window) == ["new.txt", "one.txt"])
    else:
        assert shown == ["new.txt", "one.txt"]
