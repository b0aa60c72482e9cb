"""A core listing (a lazy iterator of pages) driven from the GUI thread, pages fetched off it.

`fetch_next` asks for one page (what `fetchMore` needs) and shows it as soon as it arrives;
`fetch_all` streams the rest, the worker posting each page back as soon as it is parsed so
the GUI inserts page n while the worker already waits for page n+1. Streamed pages are shown
at most every `COALESCE_MS`: pages that arrive meanwhile are inserted together, so the view
repaints once for them rather than once a page (each repaint is GUI time). `cancel` drops the
stream: a page still in flight is discarded and no further page is requested.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import UserError
from app.core.s3.session import ListingPage
from app.ui.async_bridge import AsyncBridge

COALESCE_MS = 100


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
        self._pending: list[ListingPage] = []  # arrived, not shown yet
        self._last_arrived = False
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.setInterval(COALESCE_MS)
        self._cooldown.timeout.connect(self._flush)

    @property
    def pages(self) -> Iterator[ListingPage]:
        return self._pages

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
        self._cooldown.stop()
        self._pending.clear()
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
        self._arrived(page)
        self._flush()  # asked for by a view: show it now
        self._set_busy(False)
        if self._all_after_current:
            self._all_after_current = False
            self.fetch_all()

    async def _fetch_rest(self) -> None:
        loop = asyncio.get_running_loop()
        cancel = self._cancel
        pages = self._pages
        deliver = self._arrived_in_stream

        def pump() -> None:  # worker thread: never touches Qt objects, only posts pages
            for page in pages:
                if cancel.is_set():
                    return
                loop.call_soon_threadsafe(deliver, page)
                if page.is_last:
                    return

        await self._bridge.run(pump)
        self._flush()  # every page posted by the pump has arrived by now
        self._set_busy(False)

    def _arrived(self, page: ListingPage | None) -> None:
        if self.cancelled:
            return
        if page is not None:
            self._pending.append(page)
        if page is None or page.is_last:
            self._last_arrived = True

    def _arrived_in_stream(self, page: ListingPage) -> None:
        self._arrived(page)
        if not self._cooldown.isActive():
            self._flush()

    def _flush(self) -> None:
        """Show the pages that arrived since the last flush, as one."""
        if self.cancelled:
            return
        pages, self._pending = self._pending, []
        if self._last_arrived:
            self._exhausted = True
        if pages:
            self.pageArrived.emit(pages[0] if len(pages) == 1 else _joined(pages))
            self._cooldown.start()
        if self._exhausted and (pages or self._last_arrived):
            self._last_arrived = False
            self.finished.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)


def _joined(pages: list[ListingPage]) -> ListingPage:
    last = pages[-1]
    folders = tuple(folder for page in pages for folder in page.folders)
    objects = tuple(entry for page in pages for entry in page.objects)
    return ListingPage(last.bucket, last.prefix, folders, objects, last.is_last, last.next_token)
