"""The application wired together: the bookmarks sidebar in the browser window, connecting a
bookmark opens its buckets, profile imports (drop, menu, command line), the local sandbox."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.model import SECRET_KEY
from app.core.profiles.catalogue import user_profiles
from app.core.sandbox import DEMO_BUCKET
from app.core.sandbox_bookmark import SANDBOX_NICKNAME
from app.ui.application import FirstWindow, WindowSet, open_first_window
from app.ui.bookmarks import file_import
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.main_window import MainWindow
from tests.fixtures.profile_files import write_profile
from tests.gui.bookmarks.test_file_import import ACME_BODY, drop_files
from tests.gui.browsing import names
from tests.gui.conftest import WAIT_MS, wait_for

pytestmark = pytest.mark.gui


def nicknames(window: MainWindow) -> list[str]:
    return [b.nickname for b in window.sidebar.model.bookmarks()]


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.sidebar.pending == 0, timeout=WAIT_MS)


@pytest.fixture
def started() -> Iterator[list[FirstWindow]]:
    """First windows opened by a test; their sandbox servers are stopped afterwards."""
    firsts: list[FirstWindow] = []
    yield firsts
    for first in firsts:
        if first.sandbox is not None:
            first.sandbox.stop(timeout=3)


def open_first(
    qtbot: QtBot, window_set: WindowSet, started: list[FirstWindow], **args: Any
) -> FirstWindow:
    first = open_first_window(window_set, argparse.Namespace(**{"files": [], **args}))
    qtbot.addWidget(first.window)
    started.append(first)
    return first


def test_the_window_holds_the_bookmarks_sidebar_and_the_file_menu(
    window_set: WindowSet, qtbot: QtBot
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    assert isinstance(window.sidebar, BookmarksSidebar)
    splitter = window.findChild(QSplitter, "mainSplitter")
    assert splitter.widget(0) is window.sidebar
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["Open Connection…", "New Bookmark…", "Import Profile…"]
    assert not window.controller.has_connection
    # Icon-sized buttons even without an icon theme, so the sidebar stays narrow.
    assert all(not a.icon().isNull() for a in window.sidebar.actions())
    assert window.sidebar.minimumSizeHint().width() < 260
    window.bookmarks.new_bookmark_action.trigger()
    assert window.sidebar.editor is not None and window.sidebar.editor.isVisible()
    window.sidebar.editor.reject()
    window.bookmarks.open_connection_action.trigger()
    assert window.bookmarks.connector.dialog is not None
    window.bookmarks.connector.dialog.reject()


def test_double_clicking_a_bookmark_browses_its_buckets_then_a_second_opens_a_window(
    qtbot: QtBot,
    window_set: WindowSet,
    seaweed_bookmark: Bookmark,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    assert nicknames(window) == ["Test SeaweedFS"]
    view = window.sidebar.view
    rect = view.visualRect(window.sidebar.proxy.index(0, 0))
    # A real double-click: press/release, then the double-click event on the same row.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_for(qtbot, lambda: bucket in names(window))
    assert window.controller.has_connection
    assert "Test SeaweedFS" in window.windowTitle()

    # A bucket made on the server meanwhile: the second connection, from the same window,
    # opens a new browser window (this one keeps its connection) that lists it.
    seaweed_admin.create_bucket(Bucket=f"{bucket}-2")
    window.sidebar.select(seaweed_bookmark.id)
    window.sidebar.connect_action.trigger()
    wait_for(qtbot, lambda: len(window_set.windows) == 2)
    second = window_set.windows[1]
    qtbot.addWidget(second)
    wait_for(qtbot, lambda: f"{bucket}-2" in names(second))
    assert second.controller.session is not window.controller.session
    assert "Test SeaweedFS" in second.windowTitle()
    settle(qtbot, window)
    settle(qtbot, second)
    seaweed_admin.delete_bucket(Bucket=f"{bucket}-2")


def test_a_profile_dropped_anywhere_on_the_window_is_imported(
    qtbot: QtBot, window_set: WindowSet, tmp_path: Path
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    path = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    with qtbot.waitSignal(window.sidebar.importFinished, timeout=WAIT_MS) as signal:
        drop_files(window.object_list, [path])  # the browser pane, not the sidebar
    [outcome] = signal.args[0]
    assert outcome.ok
    assert "Acme Object Storage" in window.sidebar.banner.text
    assert [e.profile.vendor for e in user_profiles()] == ["acme-storage"]


def test_file_import_profile_menu_imports_the_chosen_file(
    qtbot: QtBot, window_set: WindowSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    path = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    # The native file dialog cannot be driven offscreen: the choice is given here.
    monkeypatch.setattr(file_import, "choose_import_files", lambda parent: [path])
    with qtbot.waitSignal(window.sidebar.importFinished, timeout=WAIT_MS):
        window.bookmarks.import_action.trigger()
    assert "Acme Object Storage" in window.sidebar.banner.text
    assert [e.profile.vendor for e in user_profiles()] == ["acme-storage"]


def test_files_on_the_command_line_are_imported_at_start(
    qtbot: QtBot,
    window_set: WindowSet,
    started: list[FirstWindow],
    seaweed_bookmark: Bookmark,
    tmp_path: Path,
) -> None:
    good = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    bad = tmp_path / "notes.txt"
    bad.write_text("not a profile")
    first = open_first(qtbot, window_set, started, files=[str(good), str(bad)])
    assert first.sandbox is None  # there is a bookmark: no sandbox
    assert first.file_import is not None
    wait_for(qtbot, first.file_import.done)
    outcomes = first.file_import.result()
    assert [o.ok for o in outcomes] == [True, False]
    banner = first.window.sidebar.banner
    assert "Acme Object Storage" in banner.text and "notes.txt" in banner.text
    assert banner.property("error") is True
    assert [e.profile.vendor for e in user_profiles()] == ["acme-storage"]


def test_with_no_bookmark_the_sandbox_starts_as_a_bookmark_and_shows_its_demo_bucket(
    qtbot: QtBot, window_set: WindowSet, started: list[FirstWindow], store: BookmarkStore
) -> None:
    first = open_first(qtbot, window_set, started)
    assert first.sandbox is not None
    window = first.window
    wait_for(qtbot, lambda: "README.txt" in names(window), timeout=90_000)
    assert nicknames(window) == [SANDBOX_NICKNAME]
    assert window.controller.location.bucket == DEMO_BUCKET
    assert SANDBOX_NICKNAME in window.windowTitle()
    [bookmark] = BookmarkStore().list()  # what is on disk
    assert first.sandbox_start is not None and first.sandbox_start.result() == bookmark
    assert bookmark.port == first.sandbox.start().port
    assert bookmark.access_key_id.startswith("EIDERSANDBOX")
    assert bookmark.secret_file == str(first.sandbox.key_file)
    sandbox_secret = first.sandbox.key_file.read_text().strip()
    assert secrets.get_secret(bookmark.secret_owner, SECRET_KEY) is None
    assert sandbox_secret not in store.path.read_text(encoding="utf-8")
    settle(qtbot, window)


def test_a_bookmark_added_in_one_window_shows_in_the_others(
    qtbot: QtBot, window_set: WindowSet
) -> None:
    first = window_set.open_empty()
    second = window_set.open_empty()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    bookmark = Bookmark(nickname="Shared", profile="seaweedfs", host="127.0.0.1", port=9)
    task = asyncio.ensure_future(first.sidebar.model.add(bookmark))
    wait_for(qtbot, task.done)
    wait_for(qtbot, lambda: nicknames(second) == ["Shared"])
    task = asyncio.ensure_future(second.sidebar.model.remove(bookmark.id))
    wait_for(qtbot, task.done)
    wait_for(qtbot, lambda: nicknames(first) == [])
