"""`eider --self-test`: proves an installed or packaged Eider works end to end.

In a throw-away Eider home (nothing of the user's is read or written, and no keyring is used)
it opens the main window offscreen, starts the local sandbox server, waits for the window to
list the demo bucket, uploads a file with the transfer engine, sees it listed, downloads it
and compares the bytes. Prints one line per step; exit status 0 when every step passed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import keyring
import qasync
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication

from app.core import paths
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.s3 import thread_guard
from app.core.sandbox import DEMO_BUCKET
from app.core.settings import SettingsStore
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.application import FirstWindow, WindowSet, create_application, open_first_window
from app.ui.bundled_files_check import check_bundled_files
from app.ui.gui_thread_gc import GuiThreadCollector
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.shared_transfers import SharedTransfers
from app.ui.translation import translate

STEP_SECONDS = 120.0
KEY_FOLDER = "eider-self-test/"


class SelfTestFailed(Exception):
    pass


def say(text: str) -> None:
    print(f"self-test: {text}", flush=True)


def listed_names(window: MainWindow) -> list[str]:
    model = window.controller.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


async def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = asyncio.get_running_loop().time() + STEP_SECONDS
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise SelfTestFailed(translate("SelfTest", "timed out waiting for {0}").format(what))
        await asyncio.sleep(0.1)


def finished(snapshot: JobSnapshot, what: str) -> None:
    if snapshot.state != JobState.DONE:
        detail = snapshot.error or snapshot.state.value
        raise SelfTestFailed(translate("SelfTest", "{0} did not finish: {1}").format(what, detail))


async def exercise(first: FirstWindow, transfers: SharedTransfers, work: Path) -> None:
    loop = asyncio.get_running_loop()
    window = first.window
    say(
        translate("SelfTest", "main window open ({0})").format(
            QCoreApplication.instance().platformName()  # type: ignore[union-attr]
        )
    )
    icon_count, profile_count = check_bundled_files()
    say(
        translate("SelfTest", "{0} icons and {1} provider profiles load").format(
            icon_count, profile_count
        )
    )
    assert first.sandbox_start is not None
    bookmark: Bookmark | None = await first.sandbox_start
    if bookmark is None:
        raise SelfTestFailed(
            translate("SelfTest", "the sandbox server did not start: {0}").format(
                window.error_banner.text
            )
        )
    say(translate("SelfTest", "sandbox server started"))
    await wait_for(
        lambda: "README.txt" in listed_names(window),
        translate("SelfTest", "the demo bucket's listing"),
    )
    say(
        translate("SelfTest", "listed {0}: {1} entries").format(
            DEMO_BUCKET, len(listed_names(window))
        )
    )

    payload = secrets.token_bytes(256 * 1024 + 17)
    source = work / "upload.bin"
    source.write_bytes(payload)
    key = KEY_FOLDER + "upload.bin"
    service = await loop.run_in_executor(None, transfers.get)
    engine = await loop.run_in_executor(None, service.engine_for, bookmark.id)
    job = await loop.run_in_executor(None, engine.upload, source, DEMO_BUCKET, key)
    finished(
        await loop.run_in_executor(None, service.wait, job, STEP_SECONDS),
        translate("SelfTest", "the upload"),
    )
    say(
        translate("SelfTest", "uploaded {0} bytes to s3://{1}/{2}").format(
            len(payload), DEMO_BUCKET, key
        )
    )

    window.controller.navigate(Location(DEMO_BUCKET, KEY_FOLDER))
    await wait_for(
        lambda: "upload.bin" in listed_names(window),
        translate("SelfTest", "the uploaded file's listing"),
    )
    say(translate("SelfTest", "the window lists {0}").format(key))

    target = work / "download.bin"
    job = await loop.run_in_executor(None, engine.download, DEMO_BUCKET, key, target)
    finished(
        await loop.run_in_executor(None, service.wait, job, STEP_SECONDS),
        translate("SelfTest", "the download"),
    )
    if target.read_bytes() != payload:
        raise SelfTestFailed(
            translate("SelfTest", "the downloaded file differs from the uploaded one")
        )
    say(translate("SelfTest", "downloaded it again, byte for byte the same"))


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keyring.set_keyring(fail.Keyring())  # never the user's keyring: the sandbox needs none
    with tempfile.TemporaryDirectory(prefix="eider-self-test-") as folder:
        home = Path(folder)
        paths.set_base_dir(home / "home")
        try:
            return _run(home)
        finally:
            paths.set_base_dir(None)


def _run(home: Path) -> int:
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    collector = GuiThreadCollector(app)
    collector.start()
    store = BookmarkStore()
    settings = SettingsStore()
    transfers = SharedTransfers(store, limits=settings.transfer_limits)
    windows = WindowSet(store, settings, transfers=transfers)
    first = open_first_window(windows, argparse.Namespace(files=[], sandbox=True))
    work = home / "files"
    work.mkdir()
    code = 1
    try:
        with loop:
            loop.run_until_complete(exercise(first, transfers, work))
            say(translate("SelfTest", "passed"))
            code = 0
    except SelfTestFailed as exc:
        print(f"self-test: {translate('SelfTest', 'FAILED')}: {exc}", file=sys.stderr)
    finally:
        for window in list(windows.windows):
            window.close_guard = None
            window.close()
        transfers.close()
        if first.sandbox is not None:
            first.sandbox.stop()
        collector.stop()
    return code
