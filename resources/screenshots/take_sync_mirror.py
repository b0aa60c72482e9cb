"""Take sync-mirror-window.png: a two-way plan (both directions, deletions both ways and a
conflict) in the Synchronize window, against a SeaweedFS started here.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_sync_mirror.py \
        resources/screenshots
A first two-way run puts ~/Documents/Notes and s3://notes/ in step; then each side changes and
the second plan is shown. Uses a fresh temporary EIDER_HOME and an in-memory keyring.
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
from app.core.transfers.sync_plan import Direction
from app.ui.application import WindowSet, create_application
from app.ui.location import Location
from app.ui.sync.sync_window import DIRECTIONS
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import seaweed_server

BUCKET = "notes"

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


async def compare(sync) -> None:  # type: ignore[no-untyped-def]
    planned = []
    sync.controller.planned.connect(planned.append)
    sync.compare_button.click()
    await until(lambda: bool(planned))
    sync.controller.planned.disconnect(planned.append)


async def main(server, folder: Path) -> None:  # type: ignore[no-untyped-def]
    admin = admin_client(server)
    admin.create_bucket(Bucket=BUCKET)
    admin.put_object(Bucket=BUCKET, Key="recipes/bread.md", Body=b"Flour, water, salt\n")
    notes = home / "Documents" / "Notes"
    (notes / "work").mkdir(parents=True)
    past = time.time() - 7200
    for name, text in (
        ("todo.md", "- call Ann\n"),
        ("work/plan.md", "Q1 plan\n"),
        ("work/minutes-03.md", "Minutes\n" * 30),
        ("reading.md", "Books\n"),
        ("ideas.md", "Ideas\n"),
    ):
        (notes / name).write_text(text)
        os.utime(notes / name, (past, past))
    store = BookmarkStore()
    bookmark = store.add(Bookmark("Home SeaweedFS", "seaweedfs", host=server.host, port=server.port))
    windows = WindowSet(store)
    connection = connection_for(server)
    window = windows.open(lambda: S3Session(connection), Location(BUCKET, ""), bookmark_id=bookmark.id)
    await until(lambda: window.controller.location == Location(BUCKET, ""))
    window.sync_action.trigger()
    sync = window.sync_window
    assert sync is not None
    sync.folder_edit.setText("~/Documents/Notes")
    sync.remote_edit.setText(f"s3://{BUCKET}/")
    mirror = next(i for i, d in enumerate(DIRECTIONS) if d[1] is Direction.MIRROR)
    sync.direction_combo.setCurrentIndex(mirror)
    await compare(sync)
    finished = []
    sync.controller.finished.connect(finished.append)
    sync.run_button.click()
    await until(lambda: bool(finished), 120)

    # the laptop edits and deletes; so does another machine, through the bucket
    (notes / "todo.md").write_text("- call Ann\n- book the train\n")
    (notes / "reading.md").unlink()
    admin.put_object(Bucket=BUCKET, Key="recipes/bread.md", Body=b"Flour, water, salt, time\n")
    admin.delete_object(Bucket=BUCKET, Key="ideas.md")
    admin.put_object(Bucket=BUCKET, Key="work/plan.md", Body=b"Q1 plan, as the team left it\n")
    (notes / "work/plan.md").write_text("Q1 plan with my edits, written later\n")
    os.utime(notes / "work/plan.md", (time.time() + 60, time.time() + 60))
    admin.put_object(Bucket=BUCKET, Key="work/minutes-04.md", Body=b"Minutes\n" * 25)
    await compare(sync)
    await asyncio.sleep(0.2)
    sync.resize(1390, 500)
    sync.table.resizeColumnsToContents()
    sync.show()
    await asyncio.sleep(0.5)
    sync.grab().save(str(folder / "sync-mirror-window.png"))
    print("saved sync-mirror-window.png")
    sync.close()
    for shown in list(windows.windows):
        shown.close_guard = None
        shown.close()
    windows.close_transfers()


with seaweed_server(home / "seaweed") as (_server, running):
    with loop:
        loop.run_until_complete(main(running, Path(sys.argv[1])))
