"""Composition root of the GUI: QApplication, the qasync event loop, the main window."""

from __future__ import annotations

import argparse
import asyncio
import sys

import qasync
from PySide6.QtWidgets import QApplication

from app import __version__
from app.core.s3 import thread_guard
from app.ui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Eider")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Eider")
    app.setDesktopFileName("eider")
    return app


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    window = MainWindow()
    window.show()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0
