"""Fixtures for the bookmarks GUI tests: a sidebar. The qasync loop and the GUI-thread
guard are the GUI tests' own (tests/gui/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import BookmarkStore
from app.ui.bookmarks.sidebar import BookmarksSidebar

WAIT_MS = 30_000


@pytest.fixture
def sidebar(qtbot: QtBot, store: BookmarkStore) -> Iterator[BookmarksSidebar]:
    widget = BookmarksSidebar(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: widget.pending == 0, timeout=WAIT_MS)
    widget.shutdown()


def stored_text(store: BookmarkStore) -> str:
    return Path(store.path).read_text(encoding="utf-8") if Path(store.path).exists() else ""
