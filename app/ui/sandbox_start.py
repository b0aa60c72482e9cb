"""Starting the local sandbox from the GUI: server, "Local sandbox" bookmark, then connect.

The server starts on a worker thread; its bookmark is added (or its port updated) through the
window's sidebar model, so the sidebar shows it; then the window connects to it like to any
bookmark, and opens on the demo bucket.
"""

from __future__ import annotations

import asyncio
import logging

import shiboken6

from app.core.bookmarks import Bookmark
from app.core.errors import describe
from app.core.sandbox import Sandbox
from app.core.sandbox_bookmark import find_existing, forget_stored_copies, sandbox_bookmark
from app.ui.main_window import MainWindow
from app.ui.translation import N_, translate

log = logging.getLogger(__name__)

SANDBOX_STARTING = N_("Starting local sandbox…")
START_OPERATION = "starting the local sandbox"


async def start_sandbox(window: MainWindow, sandbox: Sandbox) -> Bookmark | None:
    """Start `sandbox`, keep its bookmark current in `window`'s sidebar and connect to it.
    Returns the bookmark, or None when the server could not start (the banner says why)."""
    loop = asyncio.get_running_loop()
    window.activity_label.setText(translate("", SANDBOX_STARTING))
    model = window.sidebar.model
    try:
        connection = await loop.run_in_executor(None, sandbox.start)
        existing = find_existing(model.store, sandbox)
        bookmark = sandbox_bookmark(sandbox, connection, existing)
        await loop.run_in_executor(None, forget_stored_copies, bookmark)
        if existing is None:
            await model.add(bookmark)
        elif existing != bookmark:
            await model.update(bookmark)
    except Exception as exc:
        log.warning("The local sandbox did not start: %s", type(exc).__name__)
        if shiboken6.isValid(window):
            window.activity_label.setText("")
            window.show_error(describe(exc, START_OPERATION))
        return None
    if not shiboken6.isValid(window):
        return bookmark
    window.activity_label.setText("")
    window.sidebar.select(bookmark.id)
    window.bookmarks.connector.connect_bookmark(bookmark.id)
    return bookmark
