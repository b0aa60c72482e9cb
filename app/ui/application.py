"""Composition root of the GUI: QApplication, the qasync event loop, the browser windows."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qasync
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import __version__
from app.core.bookmarks import Bookmark, BookmarkStore, BookmarkStoreError
from app.core.bookmarks.file_import import ImportOutcome
from app.core.preferences.sections import StartWith
from app.core.resources import APP_ID
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.core.sandbox import Sandbox
from app.core.settings import SettingsStore
from app.ui import restore_tracking
from app.ui.async_bridge import AsyncBridge
from app.ui.color_scheme import follow_system_color_scheme
from app.ui.controllers.browser import BrowserController, SessionFactory
from app.ui.file_open_events import FileOpenEvents
from app.ui.first_paint import install_first_paint_report
from app.ui.gui_thread_gc import GuiThreadCollector
from app.ui.icons import app_icon
from app.ui.keyring_notice import tell_if_no_keyring
from app.ui.last_windows import open_windows, reopen
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.open_requests import handle_open_request
from app.ui.preferences.window import PreferencesWindow
from app.ui.sandbox_start import start_sandbox
from app.ui.shared_transfers import SharedTransfers
from app.ui.single_instance import hand_over_or_listen
from app.ui.transfers.front import bring_to_front
from app.ui.transfers.hub import TransfersHub
from app.ui.transfers.quit_guard import QuitGuard
from app.ui.transfers.show_remote import folder_of, select_when_listed
from app.ui.translation import translate
from app.ui.translator import install_translators
from app.ui.window_report import install_window_report


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Eider")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Eider")
    app.setDesktopFileName(APP_ID)
    if not app.property("eiderDesktopLook"):  # once: tests reuse one QApplication
        app.setProperty("eiderDesktopLook", True)
        app.setWindowIcon(app_icon())
        follow_system_color_scheme(app)
        install_translators(app)
    return app


def open_store() -> BookmarkStore | None:
    """The user's bookmarks; None when the file cannot be read at all (a corrupt file is
    moved aside by the store itself and reported in the sidebar)."""
    try:
        return BookmarkStore()
    except BookmarkStoreError as exc:
        print(f"eider: {exc}", file=sys.stderr)
        return None


def freeze_long_lived_objects() -> None:
    """Exempt every object alive now from the garbage collector's full passes.

    Once a session exists, the process holds a few hundred thousand long-lived objects (Qt
    wrappers, botocore's service models). A big listing allocates fast, which triggers full
    collections that rescan all of them: 150-400 ms GUI stalls, measured by the stall probe.
    Frozen, they are never rescanned; objects made later are collected as usual.
    """
    gc.freeze()


def session_then_fresh(session: S3Session) -> SessionFactory:
    """The session a login just verified, then (File > New Window) a new session on the same
    connection, so each window keeps its own clients."""
    given = [session]

    def factory() -> S3Session:
        if given:
            return given.pop()
        return S3Session(session.connection)

    return factory


class WindowSet:
    """The open browser windows; each has its own controller, worker pool and S3 session,
    and all share one transfer service (`SharedTransfers`).

    A connection made from a window's sidebar or File > Open Connection… opens in that window
    when it has no connection yet, else in a new window (as Cyberduck does), so a browser
    never silently drops the connection it shows.
    """

    def __init__(
        self,
        store: BookmarkStore | None = None,
        settings: SettingsStore | None = None,
        transfers: SharedTransfers | None = None,
    ) -> None:
        """Without `transfers` the set makes its own and stops it when its last window
        closes (as `run_gui`, which passes one and stops it at exit, does at quitting)."""
        self.windows: list[MainWindow] = []
        self.store = store if store is not None else BookmarkStore()
        self.settings = settings if settings is not None else SettingsStore()
        self._owns_transfers = transfers is None
        self.shared_transfers = (
            transfers
            if transfers is not None
            else SharedTransfers(
                self.store,
                limits=self.settings.transfer_limits,
                preferences=self.settings.preferences,
            )
        )
        self._transfers: TransfersHub | None = None
        self._quit_guard: QuitGuard | None = None
        self._preferences: PreferencesWindow | None = None
        self._pending_show: tuple[str, Location, str] | None = None  # nickname, folder, key

    def open(
        self,
        session_factory: SessionFactory | None,
        start: Location | None = None,
        opening_message: str = "Connecting…",
        name: str = "",
        bookmark_id: str | None = None,
    ) -> MainWindow:
        holder: list[MainWindow] = []
        bridge = AsyncBridge(on_error=lambda error: holder[0].show_error(error))
        controller = BrowserController(
            session_factory, bridge, start, opening_message, name, bookmark_id=bookmark_id
        )
        self.shared_transfers.reopen()
        window = MainWindow(
            controller,
            store=self.store,
            settings=self.settings,
            shared_transfers=self.shared_transfers,
        )
        holder.append(window)
        controller.connected.connect(freeze_long_lived_objects)
        window.newWindowRequested.connect(lambda: self._duplicate(window))
        window.bookmarks.sessionOpened.connect(
            lambda session, nickname, start, bookmark_id: self.show_session(
                window, session, nickname, start, bookmark_id
            )
        )
        window.destroyed.connect(lambda *_: self._forget(window))
        self._follow_bookmark_changes(window)
        self._add_transfers(window)
        self.windows.append(window)
        window.show()
        controller.open()
        return window

    def open_empty(self) -> MainWindow:
        """A window with the bookmarks and no connection yet."""
        return self.open(None)

    def show_session(
        self,
        origin: MainWindow,
        session: S3Session,
        nickname: str,
        start: Location | None,
        bookmark_id: str | None = None,
    ) -> MainWindow:
        select = ""
        if self._pending_show is not None and self._pending_show[0] == nickname:
            _nickname, start, select = self._pending_show  # "Show in Browser" asked for it
            self._pending_show = None
        window = self._show_session(origin, session, nickname, start, bookmark_id)
        if select:
            select_when_listed(window.object_list, select)
        return window

    def _show_session(
        self,
        origin: MainWindow,
        session: S3Session,
        nickname: str,
        start: Location | None,
        bookmark_id: str | None,
    ) -> MainWindow:
        """Browse a freshly opened session: in `origin` if it has no connection, else in a
        new window."""
        factory = session_then_fresh(session)
        if origin.controller.has_connection:
            return self.open(factory, start, name=nickname, bookmark_id=bookmark_id)
        origin.controller.open_with(factory, nickname, start, bookmark_id)
        return origin

    def _duplicate(self, window: MainWindow) -> MainWindow:
        """File > New Window: a new connection of the same kind, at the same place."""
        controller = window.controller
        if controller.session_factory is None:
            return self.open_empty()
        return self.open(
            controller.session_factory,
            controller.location,
            name=controller.name,
            bookmark_id=controller.bookmark_id,
        )

    def _follow_bookmark_changes(self, window: MainWindow) -> None:
        """Every window's sidebar has its own list model over the one store: a change made
        in one window is re-read by the others (a reset, which announces nothing further)."""
        model = window.sidebar.model

        def changed(*_: object) -> None:
            for other in self.windows:
                if other is not window and not other.sidebar.model.busy:
                    other.sidebar.model.reload()

        for change in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
            change.connect(changed)

    def _forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        if not self.windows and self._owns_transfers:
            self.shared_transfers.close()  # jobs pause, resumable; a new window makes a new service

    # -- the Transfers window ------------------------------------------------------------------

    @property
    def transfers(self) -> TransfersHub:
        """The application's one Transfers window and its model (made on first use); it
        lists the jobs of the transfer service, which it makes on a worker thread."""
        if self._transfers is None:
            hub = TransfersHub(
                self.shared_transfers.get,
                self.settings,
                self._nickname,
                self._bookmark_choices,
            )
            hub.showRemoteRequested.connect(self.show_remote)
            self._transfers = hub
            self._quit_guard = QuitGuard(hub, lambda: list(self.windows))
        return self._transfers

    @property
    def quit_guard(self) -> QuitGuard:
        """The question asked when the last window closes while transfers run."""
        self.transfers  # noqa: B018 -- made together with the hub
        assert self._quit_guard is not None
        return self._quit_guard

    def _bookmark(self, bookmark_id: str) -> Bookmark | None:
        return next((b for b in self.store.list() if b.id == bookmark_id), None)

    def _nickname(self, bookmark_id: str) -> str | None:
        bookmark = self._bookmark(bookmark_id)
        return None if bookmark is None else bookmark.nickname

    def _bookmark_choices(self) -> list[tuple[str, str]]:
        return [(bookmark.id, bookmark.nickname) for bookmark in self.store.list()]

    def _add_transfers(self, window: MainWindow) -> None:
        hub = self.transfers
        window.transfersRequested.connect(hub.show)
        window.preferencesRequested.connect(self.show_preferences)
        window.statusBar().addPermanentWidget(hub.status_indicator(window))
        window.close_guard = self._may_close
        bookmarks = window.bookmarks.sidebar.model  # renamed or removed: routes read anew
        for change in (bookmarks.modelReset, bookmarks.rowsRemoved, bookmarks.dataChanged):
            change.connect(hub.model.refresh_names)

    def show_preferences(self) -> PreferencesWindow:
        """The one Preferences window, made on first use; its limits go through the hub."""
        if self._preferences is None:
            window = PreferencesWindow(self.settings)
            window.limitsChosen.connect(lambda limits: self.transfers.apply_limits(limits))
            window.scheduleRequested.connect(lambda: self.transfers.edit_limits())
            self._preferences = window
        else:
            self._preferences.show_saved()
        bring_to_front(self._preferences)
        return self._preferences

    def open_bookmark_at(self, origin: MainWindow, bookmark_id: str, location: Location) -> bool:
        """Connect a bookmark as its sidebar entry would, showing `location` when it opens
        (False: no such bookmark)."""
        bookmark = self._bookmark(bookmark_id)
        if bookmark is None:
            return False
        self._pending_show = (bookmark.nickname, location, "")
        origin.bookmarks.connector.connect_bookmark(bookmark_id)
        return True

    def _may_close(self, window: MainWindow) -> bool:
        if self._transfers is not None and not self.quit_guard.may_close(window):
            return False
        if not any(other is not window and other.isVisible() for other in self.windows):
            self.settings.set_last_windows(open_windows(self.windows))  # for the next start
            self.close_transfers()  # the last browser window: Eider quits
        return True

    def close_transfers(self) -> None:
        """Close the Transfers window and stop the service: running jobs are journaled as
        queued, listed as interrupted at the next start. Blocks until they have stopped."""
        hub, self._transfers = self._transfers, None
        if hub is not None:
            hub.close()
        self.shared_transfers.close()
        restore_tracking.close_tracker()  # the restores asked for stay in its file
        preferences, self._preferences = self._preferences, None
        if preferences is not None:  # Eider quits with its last browser window
            preferences.close()
            # Deleted here, on the GUI thread: a window without a parent left to Python's cycle
            # collector could be destroyed on whichever thread the collector runs, and Qt
            # crashes later when a widget's timers die on another thread.
            shiboken6.delete(preferences)

    def show_remote(self, bookmark_id: str | None, bucket: str, key: str) -> MainWindow | None:
        """Show an object in a browser window on its bookmark: one open on it, or a new
        one (connecting the bookmark as its sidebar entry would)."""
        folder = folder_of(bucket, key)
        for window in self.windows:
            if (
                window.isVisible()
                and window.controller.has_connection
                and window.controller.bookmark_id == bookmark_id
            ):
                window.controller.navigate(folder)
                select_when_listed(window.object_list, key)
                bring_to_front(window)
                return window
        if bookmark_id is None:
            self.transfers.window.show_message(
                translate(
                    "WindowSet",
                    "That transfer's browser window is closed, and it was not started from a "
                    "bookmark: open the connection to see the object.",
                )
            )
            return None
        bookmark = self._bookmark(bookmark_id)
        if bookmark is None:
            self.transfers.window.show_message(
                translate(
                    "WindowSet",
                    "The bookmark of that transfer was removed: point the transfer at another "
                    "bookmark, or remove it.",
                )
            )
            return None
        origin = next((w for w in self.windows if w.isVisible()), None) or self.open_empty()
        self._pending_show = (bookmark.nickname, folder, key)
        origin.bookmarks.connector.connect_bookmark(bookmark_id)
        return None


@dataclass
class FirstWindow:
    window: MainWindow
    sandbox: Sandbox | None = None  # started (or starting): stop it when Eider exits
    sandbox_start: asyncio.Task[Bookmark | None] | None = None
    file_import: asyncio.Task[list[ImportOutcome]] | None = None
    keyring_notice: asyncio.Task[bool] | None = None
    reopen: asyncio.Task[int] | None = None  # the last windows, opened again

    async def settle(self) -> None:
        """At quit: cancel what the first window still waits for (a worker still starting the
        sandbox finishes on its own; `Sandbox.stop` waits for it)."""
        started = (self.sandbox_start, self.file_import, self.keyring_notice, self.reopen)
        tasks = [t for t in started if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def cancel_pending(task: asyncio.Task[Any]) -> None:
    """For a window's `destroyed`, which may come after the loop closed at quit."""
    if not task.done() and not task.get_loop().is_closed():
        task.cancel()


def open_first_window(windows: WindowSet, args: argparse.Namespace) -> FirstWindow:
    """The window Eider opens with: it tells once if there is no system keyring; files named
    on the command line are imported into it (the sidebar's banner reports them); with no
    bookmark at all, or `--sandbox`, the local sandbox starts and the window connects to its
    "Local sandbox" bookmark."""
    first = FirstWindow(windows.open_empty())
    first.keyring_notice = asyncio.ensure_future(tell_if_no_keyring(first.window))
    notice = first.keyring_notice
    first.window.destroyed.connect(lambda *_: cancel_pending(notice))
    # Every named file is tried, so one that is not a profile gets its error in the banner.
    files = [Path(name) for name in getattr(args, "files", None) or []]
    if files:
        first.file_import = first.window.bookmarks.import_files(files)
    if getattr(args, "sandbox", False) or not windows.store.list():
        first.sandbox = Sandbox()
        first.sandbox_start = asyncio.ensure_future(start_sandbox(first.window, first.sandbox))
        task = first.sandbox_start
        first.window.destroyed.connect(lambda *_: cancel_pending(task))
    elif windows.settings.preferences().general.start_with is StartWith.LAST_WINDOWS:
        saved = windows.settings.last_windows()
        first.reopen = asyncio.ensure_future(reopen(windows, first.window, saved))
        reopening = first.reopen
        first.window.destroyed.connect(lambda *_: cancel_pending(reopening))
    return first


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    instance = hand_over_or_listen(getattr(args, "files", None) or [])
    if instance is None:
        return 0  # an Eider already runs: it imports the files or opens a new window
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    collector = GuiThreadCollector(app)
    collector.start()
    store = open_store()
    if store is None:
        instance.close()
        return 1
    settings = SettingsStore()
    # made on first use, off the GUI thread, with the limits the user set
    transfers = SharedTransfers(
        store, limits=settings.transfer_limits, preferences=settings.preferences
    )
    windows = WindowSet(store, settings, transfers=transfers)
    start = open_first_window(windows, args)
    instance.requested.connect(lambda files: handle_open_request(windows, files))
    file_opens = FileOpenEvents(lambda files: handle_open_request(windows, files), app)
    app.installEventFilter(file_opens)
    report = install_window_report(start.window)  # a test hook, off unless asked for
    install_first_paint_report(start.window)  # the start-up benchmark's, off unless asked for
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    # SIGTERM/SIGINT quit through Qt so the sandbox server is stopped below. The handler only
    # notes the signal: Python runs it between any two bytecodes of the GUI thread, e.g. inside
    # an executor's submit() holding the executor's lock, and quitting right there closes the
    # windows, whose executor shutdown() then waits for that lock forever (seen: a hang on
    # SIGTERM). The timer, which also wakes the interpreter for the handler, quits from the loop.
    signalled: list[int] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda number, _frame: signalled.append(number))
    wake = QTimer()
    wake.timeout.connect(lambda: app.quit() if signalled else None)
    wake.start(250)
    try:
        with loop:
            loop.run_until_complete(closed.wait())
            # Qt has quit; run the loop once more so the first window's pending tasks end
            # (cancelled) rather than be destroyed pending when the loop closes.
            loop.run_until_complete(start.settle())
    finally:
        wake.stop()
        instance.close()
        if report is not None:
            report.stop()
        windows.settings.flush()  # a column change saved as the last window closed
        transfers.close()  # running jobs pause; the next start lists them, resumable
        if start.sandbox is not None:
            start.sandbox.stop()
        collector.stop()
    return 0
