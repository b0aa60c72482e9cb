"""Retake sync-window.png and transcript-window.png against a SeaweedFS started here.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_sync_and_transcript.py \
        resources/screenshots
A mirror of ~/Pictures/2026 to s3://photos/2026/ is compared (new, changed, deleted and
unchanged files, one row unticked) and shown with its cost; then it runs, and the Transcript
shows the requests. Uses a fresh temporary EIDER_HOME and an in-memory keyring.
"""

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

home = Path(tempfile.mkdtemp(prefix="eider-shot-"))
os.environ["EIDER_HOME"] = str(home / "eider")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["HOME"] = str(home)
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.ui.application import WindowSet, create_application
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
    raise TimeoutError("the screenshot did not get there")


async def main(server, folder: Path) -> None:  # type: ignore[no-untyped-def]
    admin = admin_client(server)
    admin.create_bucket(Bucket=BUCKET)
    for key, body in (
        ("lake.jpg", b"L" * 300_000),
        ("notes.txt", b"Shot list\n" * 20),
        ("old-draft.txt", b"draft\n" * 40),
        ("contact-sheet.pdf", b"P" * 90_000),
    ):
        admin.put_object(Bucket=BUCKET, Key=f"2026/{key}", Body=body)
    pictures = home / "Pictures" / "2026"
    pictures.mkdir(parents=True)
    past = time.time() - 7200
    (pictures / "lake.jpg").write_bytes(b"L" * 300_000)
    (pictures / "contact-sheet.pdf").write_bytes(b"P" * 90_000)
    (pictures / "notes.txt").write_text("Shot list for Monday\n" * 200)
    (pictures / "sunrise.jpg").write_bytes(os.urandom(2 * MIB))
    (pictures / "boat.jpg").write_bytes(os.urandom(700_000))
    (pictures / "timelapse.mov").write_bytes(os.urandom(24 * MIB))
    (pictures / "scratch.tmp").write_bytes(b"x")
    for path in pictures.iterdir():
        os.utime(path, (past, past))
    os.utime(pictures / "notes.txt")  # edited just now
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
    window.sync_action.trigger()
    sync = window.sync_window
    assert sync is not None
    sync.folder_edit.setText("~/Pictures/2026")
    sync.direction_combo.setCurrentIndex(2)  # mirror the folder to the bucket
    sync.exclude_edit.setText("*.tmp")
    planned = []
    sync.controller.planned.connect(planned.append)
    sync.compare_button.click()
    await until(lambda: bool(planned))
    await asyncio.sleep(0.2)
    sync.show_unchanged.setChecked(True)
    sync.model.set_ticked(sync.model.find("boat.jpg"), False)
    sync.resize(1000, 560)
    sync.show()
    await asyncio.sleep(0.5)
    sync.grab().save(str(folder / "sync-window.png"))
    print("saved sync-window.png")

    finished = []
    sync.controller.finished.connect(finished.append)
    sync.run_button.click()
    await until(lambda: bool(finished), 120)
    print("estimate:", sync.cost_label.text())
    print("after run:", sync.message.text())
    window.transcript_action.trigger()
    transcript = window.transcript_window
    assert transcript is not None
    transcript.resize(1250, 520)
    transcript.bucket_filter.setText(BUCKET)
    await asyncio.sleep(1.0)
    transcript.table.scrollToBottom()
    await asyncio.sleep(0.3)
    transcript.grab().save(str(folder / "transcript-window.png"))
    print("saved transcript-window.png")
    sync.close()
    transcript.close()
    for shown in list(windows.windows):
        shown.close_guard = None
        shown.close()
    windows.close_transfers()


with seaweed_server(home / "seaweed") as (_server, running):
    with loop:
        loop.run_until_complete(main(running, Path(sys.argv[1])))
