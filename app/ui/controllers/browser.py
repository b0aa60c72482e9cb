"""What one browser window does: open its connection, navigate, keep history, feed the list.

The controller receives everything it uses: a `session_factory` (blocking: builds the window's
own `S3Session`, run on a worker thread) and the window's `AsyncBridge`. It emits plain
signals; views only display them. No widget here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal

from app.core.errors import ErrorKind, UserError
from app.core.s3.listing_cache import ListingCache
from app.core.s3.session import ListingPage, S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.location import Location
from app.ui.models.listing_model import ListingModel
from app.ui.models.listing_stream import ListingStream

SessionFactory = Callable[[], S3Session]

# Folders the tree asks for when a node is expanded: the first page of that prefix only.
TREE_PAGE_KEYS = 1000


class BrowserController(QObject):
    connected = Signal(str)  # a label for the connection (its endpoint)
    bucketsChanged = Signal(list)  # list[str]
    locationChanged = Signal(object)  # Location
    historyChanged = Signal(bool, bool)  # can go back, can go forward
    foldersFound = Signal(object, list)  # Location, list of full prefixes under it
    # The listing of the location found something (it exists), or ended with nothing in it
    # (for a folder: no key has that prefix; S3 has no folder without an object under it).
    locationFound = Signal(object)  # Location
    nothingHere = Signal(object)  # Location
    activityChanged = Signal(str)  # what is loading now; "" when idle
    errorOccurred = Signal(object)  # UserError

    def __init__(
        self,
        session_factory: SessionFactory | None,
        bridge: AsyncBridge,
        start_location: Location | None = None,
        opening_message: str = "Connecting…",
        name: str = "",
        parent: QObject | None = None,
        bookmark_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_factory = session_factory
        self._bookmark_id = bookmark_id
        self._bridge = bridge
        self._start = start_location
        self._opening_message = opening_message
        self._name = name
        self._session: S3Session | None = None
        self._buckets: list[str] = []
        self.model = ListingModel(self)
        self._location = Location()
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._found = False  # the current listing showed something
        # Preferences > Browser configure it (the window does); off until then.
        self.listing_cache = ListingCache()
        self._collected: list[ListingPage] | None = None  # pages of a listing to keep
        self._listing_limit = 4
        self._listing_slots = asyncio.Semaphore(self._listing_limit)
        self._unlisted = False  # navigated before the connection opened: list once it does
        self.model.loadingChanged.connect(self._listing_busy)

    @property
    def location(self) -> Location:
        return self._location

    @property
    def bridge(self) -> AsyncBridge:
        """The window's one worker pool, shared by the controllers beside this one."""
        return self._bridge

    @property
    def session(self) -> S3Session | None:
        return self._session

    def report(self, error: UserError) -> None:
        self.activityChanged.emit("")
        self.errorOccurred.emit(error)

    # -- connection ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def bookmark_id(self) -> str | None:
        """The bookmark the connection was opened from; None for an unsaved connection."""
        return self._bookmark_id

    @property
    def session_factory(self) -> SessionFactory | None:
        return self._session_factory

    @property
    def has_connection(self) -> bool:
        """A connection is open or being opened (a window made with no factory has none)."""
        return self._session_factory is not None

    def open_with(
        self,
        session_factory: SessionFactory,
        name: str,
        start: Location | None,
        bookmark_id: str | None = None,
    ) -> None:
        """Give a window made without a connection its connection, and open it."""
        self._session_factory, self._name, self._start = session_factory, name, start
        self._bookmark_id = bookmark_id
        self.open()

    def open(self) -> None:
        if self._session_factory is None:
            return
        self.activityChanged.emit(self._opening_message)
        self._bridge.spawn(self._open(), "connecting", on_error=self.report)

    async def _open(self) -> None:
        assert self._session_factory is not None
        self._session = await self._bridge.run(self._session_factory)
        self.connected.emit(self._name or self._session.connection.endpoint_url or "Amazon S3")
        scope = self._session.connection
        if scope.bucket:
            self._buckets = [scope.bucket]
            self.bucketsChanged.emit(self._buckets)
        else:
            await self.load_buckets()
        if self._unlisted:  # navigated while connecting (a location typed, a window opened)
            self._show(self._location)
        elif scope.bucket:
            self.navigate(self._start or Location(scope.bucket, scope.prefix))
        elif self._start is not None:
            self.navigate(self._start)

    async def load_buckets(self) -> None:
        assert self._session is not None
        self.activityChanged.emit(self.tr("Listing buckets…"))
        buckets = await self._bridge.run(self._session.list_buckets)
        self._buckets = [b.name for b in buckets]
        self.bucketsChanged.emit(self._buckets)
        if self._location.is_root:
            self.model.set_folders([f"{name}/" for name in self._buckets])
        self.activityChanged.emit("")

    # -- navigation ----------------------------------------------------------------------------

    def navigate(self, location: Location, record: bool = True) -> None:
        """Show `location`; a listing still loading for the previous one is cancelled."""
        if record and location != self._location:
            self._back.append(self._location)
            self._forward.clear()
        self._location = location
        self.locationChanged.emit(location)
        self.historyChanged.emit(bool(self._back), bool(self._forward))
        self._show(location)

    def navigate_to_text(self, text: str) -> None:
        try:
            location = Location.parse(text)
        except ValueError as exc:
            self.report(UserError(ErrorKind.OTHER, str(exc), ""))
            return
        self.navigate(location)

    def _show(self, location: Location, fresh: bool = False) -> None:
        """`fresh`: list again even if the listing cache keeps this folder (Refresh)."""
        self._unlisted = self._session is None and not location.is_root
        if self._session is None:
            self.model.set_stream(None)
            return
        if location.is_root:
            self.model.set_folders([f"{name}/" for name in self._buckets])
            self.activityChanged.emit("")
            return
        kept = None if fresh else self.listing_cache.get(location.bucket, location.prefix)
        pages: Iterator[ListingPage]
        if kept is not None:
            pages, self._collected = iter(kept), None
        else:
            # Lazy: no call yet. Pages are parsed in one pass on a worker thread (listing_parser).
            pages = self._session.list_prefix(location.bucket, location.prefix)
            self._collected = []
        stream = ListingStream(pages, self._bridge, location.bucket, location.prefix, self)
        stream.failed.connect(self.report)
        stream.pageArrived.connect(self._page_arrived)
        stream.finished.connect(self._listing_finished)
        self._found = False
        self.model.set_stream(stream, location.prefix)
        stream.fetch_next()  # the first page shows as soon as it arrives

    def _page_arrived(self, page: object) -> None:
        if self._collected is not None and isinstance(page, ListingPage):
            self._collected.append(page)
        folders = getattr(page, "folders", ())
        if not self._found and (folders or getattr(page, "objects", ())):
            self._found = True  # a folder's own placeholder object counts: the folder exists
            self.locationFound.emit(self._location)
        if folders:
            self.foldersFound.emit(self._location, list(folders))

    def _listing_finished(self) -> None:
        collected, self._collected = self._collected, None
        location = self._location
        if collected is not None and not location.is_root:
            self.listing_cache.store(location.bucket, location.prefix, collected)
        if not self._found:
            self.nothingHere.emit(self._location)

    def _listing_busy(self, busy: bool) -> None:
        self.activityChanged.emit(f"Loading {self._location.url}…" if busy else "")

    def activate_row(self, row: int) -> bool:
        """Open the folder (or bucket) on `row`; False for an object row."""
        folder = self.model.folder_at(row)
        if folder is None:
            return False
        self.navigate(self._location.child(folder))
        return True

    def go_back(self) -> None:
        if self._back:
            self._forward.append(self._location)
            self.navigate(self._back.pop(), record=False)

    def go_forward(self) -> None:
        if self._forward:
            self._back.append(self._location)
            self.navigate(self._forward.pop(), record=False)

    def go_up(self) -> None:
        if not self._location.is_root:
            self.navigate(self._location.parent())

    def refresh(self) -> None:
        if not self._bridge.can_spawn:
            # A job's event can arrive as the window closes or after the loop ended (at quit):
            # there is nothing left to show the fresh listing in.
            return
        if self._session is None:
            self.open()
        elif self._location.is_root:
            self._bridge.spawn(self.load_buckets(), "listing buckets", on_error=self.report)
        else:
            self._show(self._location, fresh=True)

    def load_everything(self) -> None:
        self.model.load_everything()

    def set_filter(self, text: str) -> None:
        self.model.set_filter(text)

    # -- the folder tree -----------------------------------------------------------------------

    def load_folders(self, location: Location) -> None:
        """Find the folders under `location` for the tree (first page only; the list adds more)."""
        if self._session is None or location.is_root or not self._bridge.can_spawn:
            return
        self._bridge.spawn(
            self._load_folders(location),
            "listing folders",
            location.bucket,
            location.prefix,
            on_error=self.report,
        )

    def set_parallel_listings(self, count: int) -> None:
        """How many of the tree's folder listings may be in flight at once (Preferences >
        Connection); ones already waiting keep the old limit."""
        if count != self._listing_limit:
            self._listing_limit = count
            self._listing_slots = asyncio.Semaphore(count)

    async def _load_folders(self, location: Location) -> None:
        assert self._session is not None
        pages = self._session.list_prefix(location.bucket, location.prefix, max_keys=TREE_PAGE_KEYS)
        async with self._listing_slots:
            page = await self._bridge.run(next, pages)
        self.foldersFound.emit(location, list(page.folders))

    def close(self) -> None:
        self.model.set_stream(None)
        self._bridge.shutdown()
