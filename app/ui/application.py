"""Composition root of the GUI: QApplication, the qasync event loop, the browser windows."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys
from collections.abc import Callable

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import __version__
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.core.sandbox import DEMO_BUCKET, Sandbox
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.browser import BrowserController, SessionFactory
from app.ui.location import Location
from app.ui.main_window import MainWindow

SANDBOX_STARTING = "Starting local sandbox…"
SANDBOX_NAME = "Local sandbox"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Eider")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Eider")
    app.setDesktopFileName("eider")
    return app


def bookmark_store_exists() -> bool:
    # TODO(bookmarks): ask the bookmarks store (app.core.bookmarks) whether any bookmark exists
    # and open the sidebar's first/last-used one instead. Until that store lands there are no
    # bookmarks, so Eider opens the local sandbox, as it will for a user with no bookmarks.
    return False


def freeze_long_lived_objects() -> None:
    """Exempt every object alive now from the garbage collector's full passes.

    Once a session exists, the process holds a few hundred thousand long-lived objects (Qt
    wrappers, botocore's service models). A big listing allocates fast, which triggers full
    collections that rescan all of them: 150-400 ms GUI stalls, measured by the stall probe.
    Frozen, they are never rescanned; objects made later are collected as usual.
    """
    gc.freeze()


class WindowSet:
    """The open browser windows; each has its own controller, worker pool and S3 session."""

    def __init__(self) -> None:
        self.windows: list[MainWindow] = []

    def open(
        self,
        session_factory: SessionFactory,
        start: Location | None = None,
        opening_message: str = "Connecting…",
        name: str = "",
    ) -> MainWindow:
        holder: list[MainWindow] = []
        bridge = AsyncBridge(on_error=lambda error: holder[0].show_error(error))
        controller = BrowserController(session_factory, bridge, start, opening_message, name)
        window = MainWindow(controller)
        holder.append(window)
        controller.connected.connect(freeze_long_lived_objects)
        window.newWindowRequested.connect(
            lambda: self.open(session_factory, controller.location, opening_message, name)
        )
        window.destroyed.connect(lambda *_: self._forget(window))
        self.windows.append(window)
        window.show()
        controller.open()
        return window

    def _forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)


def sandbox_session_factory(sandbox: Sandbox) -> Callable[[], S3Session]:
    def factory() -> S3Session:
        return S3Session(sandbox.start())  # blocking: starts SeaweedFS on first use

    return factory


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    sandbox: Sandbox | None = None
    windows = WindowSet()
    if getattr(args, "sandbox", False) or not bookmark_store_exists():
        sandbox = Sandbox()
        windows.open(
            sandbox_session_factory(sandbox),
            Location(DEMO_BUCKET),
            opening_message=SANDBOX_STARTING,
        )
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    # SIGTERM/SIGINT quit through Qt so the sandbox server is stopped below; Python only runs
    # signal handlers between bytecodes, so a timer wakes the interpreter now and then.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.quit())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        with loop:
            loop.run_until_complete(closed.wait())
    finally:
        wake.stop()
        if sandbox is not None:
            sandbox.stop()
    return 0
