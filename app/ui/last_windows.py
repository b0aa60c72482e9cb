"""General > "At start, open: the last windows": which browser windows were open at quit, and
opening them again, one bookmark after the other, each at the folder it showed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

from app.core.last_windows import OpenWindow
from app.ui.location import Location
from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

LOGIN_WAIT_S = 120.0  # a login that asks for an MFA code or a secret may take a while


class Reopener(Protocol):
    """What of the window set reopening needs (`WindowSet`)."""

    def open_bookmark_at(
        self, origin: MainWindow, bookmark_id: str, location: Location
    ) -> bool: ...


def open_windows(windows: Sequence[MainWindow]) -> list[OpenWindow]:
    """The visible windows on a bookmark, and where each is."""
    return [
        OpenWindow(w.controller.bookmark_id, w.controller.location.url)
        for w in windows
        if w.isVisible() and w.controller.has_connection and w.controller.bookmark_id
    ]


async def reopen(reopener: Reopener, origin: MainWindow, saved: list[OpenWindow]) -> int:
    """Connect each saved window's bookmark in turn; the first opens in `origin`. Returns
    how many logins were started (a removed bookmark is skipped)."""
    controller = origin.bookmarks.connect_controller
    started = 0
    for entry in saved:
        try:
            location = Location.parse(entry.location) if entry.location != "s3://" else Location()
        except ValueError:
            log.warning("Not reopening a window at %r: not a location", entry.location)
            continue
        settled: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def settle(*_: object, done: asyncio.Future[None] = settled) -> None:
            if not done.done():
                done.set_result(None)

        controller.connected.connect(settle)
        controller.failed.connect(settle)
        try:
            if not reopener.open_bookmark_at(origin, entry.bookmark_id, location):
                continue
            started += 1
            await asyncio.wait_for(settled, LOGIN_WAIT_S)
        except TimeoutError:
            log.warning("Reopening the window of bookmark %s took too long", entry.bookmark_id)
        finally:
            controller.connected.disconnect(settle)
            controller.failed.disconnect(settle)
    return started
