"""Per-row details fetched for the rows a view shows, never for the whole listing.

A `VisibleRowsFetcher` watches a view (scrolling, rows arriving, resizes), asks `key_of(row)`
for each visible row, and runs the blocking `fetch(key)` off the GUI thread for keys it has
not seen, at most `limit` at a time. Results are cached by key; `reset` (navigating away)
drops the queue, cancels what is in flight and ignores any answer still coming back.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

from app.ui.async_bridge import AsyncBridge

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 4
SCAN_DELAY_MS = 60  # let a scroll settle before asking for what it shows


class FetchFailed:
    """Cached in place of a value whose fetch failed (not retried until `reset`)."""

    def __init__(self, message: str) -> None:
        self.message = message


class VisibleRowsFetcher(QObject):
    fetched = Signal(object)  # the key whose value arrived

    def __init__(
        self,
        view: QAbstractItemView,
        key_of: Callable[[int], Hashable | None],
        fetch: Callable[[Any], Any],
        bridge: AsyncBridge,
        limit: int = DEFAULT_LIMIT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or view)
        self._view = view
        self._key_of = key_of
        self._fetch = fetch
        self._bridge = bridge
        self._limit = limit
        self._cache: dict[Hashable, Any] = {}
        self._queue: deque[Hashable] = deque()
        self._queued: set[Hashable] = set()
        self._tasks: dict[Hashable, asyncio.Task[None]] = {}
        self._generation = 0
        self.requests = 0  # fetches started (for the status bar and tests)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SCAN_DELAY_MS)
        self._timer.timeout.connect(self._scan)
        view.verticalScrollBar().valueChanged.connect(self.schedule)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    @property
    def generation(self) -> int:
        """How many times the rows were reset: answers to an older generation are dropped."""
        return self._generation

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    def value(self, key: Hashable) -> Any:
        return self._cache.get(key)

    def schedule(self, *_: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def reset(self, keep_cache: bool = True) -> None:
        """Forget the queue and what is in flight (the rows they were for are gone)."""
        self._generation += 1
        self._queue.clear()
        self._queued.clear()
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
        if not keep_cache:
            self._cache.clear()
        self.schedule()

    def visible_rows(self) -> range:
        view = self._view
        model = view.model()
        if model is None or model.rowCount() == 0 or not view.isVisible():
            return range(0)
        top = view.rowAt(0)
        if top < 0:
            return range(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        if bottom < 0:
            bottom = model.rowCount() - 1
        return range(top, bottom + 1)

    def _scan(self) -> None:
        wanted: list[Hashable] = []
        for row in self.visible_rows():
            key = self._key_of(row)
            if key is None or key in self._cache or key in self._tasks or key in self._queued:
                continue
            wanted.append(key)
        # Only what is visible now: rows scrolled past are no longer worth a request.
        self._queue = deque(wanted)
        self._queued = set(wanted)
        self._pump()

    def _pump(self) -> None:
        while self._queue and len(self._tasks) < self._limit:
            key = self._queue.popleft()
            self._queued.discard(key)
            self.requests += 1
            self._tasks[key] = self._bridge.spawn(self._one(key, self._generation), "fetching")

    async def _one(self, key: Hashable, generation: int) -> None:
        try:
            value = await self._bridge.run(self._fetch, key)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one row's detail failing must not raise a banner per row
            log.info("fetching %r failed", key, exc_info=exc)
            value = FetchFailed(str(exc))
        if generation != self._generation:
            return
        self._tasks.pop(key, None)
        self._cache[key] = value
        self.fetched.emit(key)
        self._pump()
