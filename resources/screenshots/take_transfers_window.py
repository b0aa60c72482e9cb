"""Retake transfers-window.png: real jobs against a SeaweedFS started here, under Xvfb.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_transfers_window.py \
        resources/screenshots/transfers-window.png
One upload runs (a bandwidth limit holds it back), one is paused, one download fails (its key
does not exist), one finished. Uses a fresh temporary EIDER_HOME and an in-memory keyring.
"""

import asyncio
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

home = Path(tempfile.mkdtemp(prefix="eider-shot-"))
os.environ["EIDER_HOME"] = str(home / "eider")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["HOME"] = str(home)  # local paths show as ~/Pictures/…
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.core.transfers.jobs import JobState
from app.ui.application import WindowSet, create_application
from app.ui.dialogs import file_pick
from app.ui.location import Location
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import seaweed_server

MIB = 1024 * 1024
BUCKET = "photos"

keyring.set_keyring(MemoryKeyring())
app = create_application()
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
thread_guard.forbid_current_thread()


async def until(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the screenshot's jobs did not get there")


def sparse(path: Path, size: int) -> str:
    with path.open("wb") as handle:
        handle.truncate(size)
    return str(path)


async def main(server, target: str) -> None:  # type: ignore[no-untyped-def]
    admin = admin_client(server)
    admin.create_bucket(Bucket=BUCKET)
    admin.put_object(Bucket=BUCKET, Key="2026/lake.jpg", Body=b"x" * 300_000)
    store = BookmarkStore()
    bookmark = store.add(
        Bookmark("Studio SeaweedFS", "seaweedfs", host=server.host, port=server.port)
    )
    windows = WindowSet(store)
    connection = connection_for(server)
    window = windows.open(
        lambda: S3Session(connection), Location(BUCKET, "2026/"), bookmark_id=bookmark.id
    )
    await until(lambda: window.controller.location == Location(BUCKET, "2026/"))
    hub = windows.transfers
    files = home / "Pictures"
    files.mkdir()
    actions = window.object_actions

    def upload(*paths: str) -> None:
        file_pick.choose_files_to_upload = lambda _w, done: done(list(paths))
        actions.actions["uploadAction"].trigger()

    # finished: a small file before the limit is set
    (files / "notes.txt").write_text("Shot list for Monday\n" * 200)
    upload(str(files / "notes.txt"))
    await until(lambda: [j.state for j in hub.model.jobs()] == [JobState.DONE])
    service = await actions.bridge.run(windows.shared_transfers.get)
    service.set_limits(replace(service.limits, upload_rate=24 * MIB, download_rate=24 * MIB))

    # paused: started, then paused from the Transfers window
    upload(sparse(files / "holiday-video.mov", 160 * MIB))
    await until(lambda: len(hub.model.jobs()) == 2)
    paused = hub.model.jobs()[1]
    await until(lambda: hub.model.job(paused.id).progress.bytes_done >= 30 * MIB)
    hub.window.select_jobs([paused.id])
    hub.window.action("pauseTransferAction").trigger()
    await until(lambda: hub.model.job(paused.id).state is JobState.PAUSED)

    # failed: a download of a key that is not there
    session = window.controller.session
    downloads = home / "Downloads"
    downloads.mkdir()
    actions.bridge.spawn(
        actions.transfers.download(session, BUCKET, ["2026/missing-raw.cr3"], str(downloads)),
        "download",
    )
    await until(lambda: any(j.state is JobState.FAILED for j in hub.model.jobs()))

    # running: a multipart upload held back by the limit, expanded to show its file's parts
    upload(sparse(files / "wedding-raw-archive.tar", 420 * MIB))
    await until(lambda: len(hub.model.jobs()) == 4)
    running = hub.model.jobs()[3]
    await until(lambda: hub.model.job(running.id).progress.bytes_done >= 60 * MIB)
    await asyncio.sleep(1)  # a rate and a time left to show
    hub.window.resize(1400, 320)
    hub.window.present()
    hub.window.view.expand(hub.model.job_index(running.id))
    hub.window.select_jobs([paused.id])
    await asyncio.sleep(1.0)
    hub.window.grab().save(target)
    print("saved", target)
    service.set_limits(replace(service.limits, upload_rate=None, download_rate=None))
    for job in hub.model.jobs():
        if job.state in (JobState.RUNNING, JobState.PAUSED):
            await actions.bridge.run(service.cancel, job.id, False)
    await asyncio.sleep(0.5)
    for shown in list(windows.windows):
        shown.close_guard = None
        shown.close()
    windows.close_transfers()


with seaweed_server(home / "seaweed") as (_server, running):
    with loop:
        loop.run_until_complete(main(running, sys.argv[1]))
