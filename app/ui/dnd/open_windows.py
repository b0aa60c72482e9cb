"""The browser windows of this process, by token: what a drop or a Paste in one window needs
of the window the objects came from (its session, its bookmark, which of its folders to
refresh). The application's `SharedTransfers` holds the one directory every window joins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.core.s3.session import S3Session
from app.ui.location import Location


@dataclass(frozen=True)
class WindowSide:
    token: str
    session: Callable[[], S3Session | None]
    bookmark_id: Callable[[], str | None]
    changed: Callable[[Location], None]  # list that folder again, there (GUI thread)


class OpenWindows:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sides: dict[str, WindowSide] = {}

    def join(self, side: WindowSide) -> None:
        with self._lock:
            self._sides[side.token] = side

    def leave(self, token: str) -> None:
        with self._lock:
            self._sides.pop(token, None)

    def get(self, token: str) -> WindowSide | None:
        with self._lock:
            return self._sides.get(token)

    def all(self) -> list[WindowSide]:
        with self._lock:
            return list(self._sides.values())
