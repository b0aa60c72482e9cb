"""A core listing (a lazy iterator of pages) driven from the GUI thread, pages fetched off it.

`fetch_next` asks for one page (what `fetchMore` needs); `fetch_all` streams the rest, the
worker posting each page back as soon as it is parsed so the GUI inserts page n while the
worker already waits for page n+1. `cancel` drops the stream: a page still in flight is
discarded and no further page is requested.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

from PySide6.QtCore import QObject, Signal

from app.core.errors import UserError
from app.core.s3.offloaded_listing import OffloadedListing
from app.core.s3.session import ListingPage
from app.ui.async_bridge import AsyncBridge


class ListingStream(QObject):
    pageArrived = Signal(object)  # ListingPage
    finished = Signal()  # the last page arrived
    busyChanged = Signal(bool)
    failed = Signal(object)  # UserError

    def __init__(
        self,
        pages: Iterator[ListingPage],
        bridge: AsyncBridge,
        bucket: str,
        prefix: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bucket = bucket
        self.prefix = prefix
        self._pages = pages
        self._bridge = bridge
        self._busy = False
        self._exhausted = False
        self._failed = False
        self._cancel = threading.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def can_fetch(self) -> bool:
        """More pages exist and may be asked for (not after a failure: refresh starts anew)."""
        return not (self._exhausted or self._failed or self.cancelled)

    def fetch_next(self) -> None:
        if self._busy or not self.can_fetch:
            return
        self._start(self._fetch_one(), "listing")

    def fetch_all(self) -> None:
        """Load every remaining page (also after a `fetch_next` in flight finishes)."""
        if not self.can_fetch:
            return
        if self._busy:
            self._all_after_current = True
            return
        self._start(self._fetch_rest(), "listing everything")

    def cancel(self) -> None:
        self._cancel.set()
        if isinstance(self._pages, OffloadedListing):
            self._pages.stop()  # its helper process, now
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._set_busy(False)

    # -- internals -------------------------------------------------------------------------

    _all_after_current = False

    def _start(self, coro: object, operation: str) -> None:
        self._set_busy(True)
        self._task = self._bridge.spawn(
            coro,  # type: ignore[arg-type]
            operation,
            self.bucket,
            self.prefix,
            on_error=self._fail,
        )

    def _fail(self, error: UserError) -> None:
        self._failed = True
        self._set_busy(False)
        if not self.cancelled:
            self.failed.emit(error)

    async def _fetch_one(self) -> None:
        page = await self._bridge.run(next, self._pages, None)
        self._deliver(page)
        self._set_busy(False)
        if self._all_after_current:
            self._all_after_current = False
            self.fetch_all()

    async def _fetch_rest(self) -> None:
        loop = asyncio.get_running_loop()
        cancel = self._cancel
        pages = self._pages
        deliver = self._deliver

        def pump() -> None:  # worker thread: never touches Qt objects, only posts pages
            for page in pages:
                if cancel.is_set():
                    return
                loop.call_soon_threadsafe(deliver, page)
                if page.is_last:
                    return

        await self._bridge.run(pump)
        self._set_busy(False)

    def _deliver(self, page: ListingPage | None) -> None:
        if self.cancelled:
            return
        if page is None or page.is_last:
            self._exhausted = True
        if page is not None:
            self.pageArrived.emit(page)
        if self._exhausted:
            self.finished.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
