"""Retake main-window.png: the real start-up path (no bookmark -> local sandbox) under Xvfb.

From the repository root:
    xvfb-run -a -s '-screen 0 1280x800x24' python resources/screenshots/take_main_window.py \
        resources/screenshots/main-window.png
Uses a fresh temporary EIDER_HOME and an in-memory keyring, so nothing of yours is touched.
"""

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ["EIDER_HOME"] = tempfile.mkdtemp(prefix="eider-shot-")
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync

from app.core.bookmarks import BookmarkStore
from app.core.s3 import thread_guard
from app.ui.application import WindowSet, create_application, open_first_window
from tests.fixtures.memory_keyring import MemoryKeyring

keyring.set_keyring(MemoryKeyring())
app = create_application()
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
thread_guard.forbid_current_thread()
first = open_first_window(WindowSet(BookmarkStore()), argparse.Namespace(files=[], sandbox=False))
window = first.window


def names() -> list[str]:
    model = window.controller.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def ready() -> bool:
    idle = window.activity_label.text() == "" and not window.controller.model.loading
    return idle and "README.txt" in names()


async def main() -> None:
    for _ in range(600):
        await asyncio.sleep(0.1)
        if ready():
            break
    await asyncio.sleep(1.0)
    window.object_list.selectRow(names().index("README.txt"))
    window.folder_tree.expand(window.folder_tree.currentIndex())
    await asyncio.sleep(0.5)
    window.grab().save(sys.argv[1])
    print("saved", sys.argv[1], window.windowTitle())


try:
    with loop:
        loop.run_until_complete(main())
finally:
    if first.sandbox is not None:
        first.sandbox.stop()
