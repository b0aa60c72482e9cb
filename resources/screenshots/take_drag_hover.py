"""A real drag between two Eider windows under Xvfb, driven with xdotool (XTEST input): it
moves an object on a SeaweedFS started here, and saves a screenshot of the drop target's
hover highlight. Exits 0 once the server shows the object moved, 1 otherwise.

From the repository root (xdotool from Debian's package):
    xvfb-run -a -s '-screen 0 1300x560x24' python resources/screenshots/take_drag_hover.py \
        resources/screenshots/drag-hover.png
Uses a fresh temporary EIDER_HOME and an in-memory keyring. No window manager is needed: the
windows are placed where asked, and XDND between two windows of one process goes through the
X server like any other.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ["EIDER_HOME"] = tempfile.mkdtemp(prefix="eider-drag-")
os.environ["QT_QPA_PLATFORM"] = "xcb"
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QGuiApplication

from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.ui.application import WindowSet, create_application
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import seaweed_server

BUCKET = "eider-demo"
TIMEOUT = 60.0


def names(window: MainWindow) -> list[str]:
    model = window.controller.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def row_centre(window: MainWindow, name: str) -> QPoint:
    model = window.controller.model
    index = model.index(names(window).index(name), 0)
    view = window.object_list
    return view.viewport().mapToGlobal(view.visualRect(index).center())


def xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *(str(a) for a in args)], check=True)


def drive(start: QPoint, end: QPoint, hovering: threading.Event, shot: threading.Event) -> None:
    """Press on the source row, move in small steps (past the drag distance) to the target
    row, wait there for the screenshot, release."""
    xdotool("mousemove", start.x(), start.y())
    time.sleep(0.3)
    xdotool("mousedown", 1)
    steps = 30
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        y = start.y() + (end.y() - start.y()) * step // steps
        xdotool("mousemove", x, y)
        time.sleep(0.05)
    for _ in range(40):  # a few last moves: XdndPosition goes out on motion
        if hovering.is_set():
            break
        xdotool("mousemove_relative", "--", 1, 0)
        time.sleep(0.1)
        xdotool("mousemove_relative", "--", -1, 0)
        time.sleep(0.1)
    shot.wait(10)
    xdotool("mouseup", 1)


async def main(out: Path) -> int:
    admin = admin_client(running)
    admin.create_bucket(Bucket=BUCKET)
    admin.put_object(Bucket=BUCKET, Key="drag-me.txt", Body=b"moved by a real drag\n")
    admin.put_object(Bucket=BUCKET, Key="notes.txt", Body=b"stays\n")
    admin.put_object(Bucket=BUCKET, Key="incoming/2026/", Body=b"")
    admin.put_object(Bucket=BUCKET, Key="incoming/2026/report.pdf", Body=b"%PDF")
    admin.put_object(Bucket=BUCKET, Key="incoming/readme.txt", Body=b"hello")
    connection = connection_for(running)
    windows = WindowSet()
    source = windows.open(lambda: S3Session(connection), Location(BUCKET), name="Source")
    target = windows.open(
        lambda: S3Session(connection), Location(BUCKET, "incoming/"), name="Target"
    )
    source.setGeometry(10, 30, 620, 500)
    target.setGeometry(660, 30, 620, 500)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        if "drag-me.txt" in names(source) and "2026" in names(target):
            break
    else:
        print("the windows did not list the bucket", file=sys.stderr)
        return 1
    await asyncio.sleep(1.0)  # mapped and painted
    source.object_list.selectRow(names(source).index("drag-me.txt"))
    highlight = target.drag_and_drop.highlights[target.object_list.viewport()]
    hovering, shot = threading.Event(), threading.Event()

    def watch() -> None:
        if highlight.isVisible() and not hovering.is_set():
            hovering.set()
            QTimer.singleShot(400, take)

    def take() -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0, 0, 0, 1290, 540).save(str(out))
        print("saved", out)
        shot.set()

    poll = QTimer()
    poll.timeout.connect(watch)
    poll.start(50)
    start, end = row_centre(source, "drag-me.txt"), row_centre(target, "2026")
    driver = threading.Thread(target=drive, args=(start, end, hovering, shot), daemon=True)
    driver.start()
    moved = False
    while time.monotonic() < deadline + TIMEOUT:
        await asyncio.sleep(0.3)
        found = {o["Key"] for o in admin.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
        if "incoming/2026/drag-me.txt" in found and "drag-me.txt" not in found:
            moved = True
            break
    poll.stop()
    print("hover highlight seen:", hovering.is_set(), "| object moved on the server:", moved)
    for window in list(windows.windows):
        window.close()
    await asyncio.sleep(0.5)
    return 0 if moved and hovering.is_set() else 1


if __name__ == "__main__":
    keyring.set_keyring(MemoryKeyring())
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # the loop ends with main(), not with the windows
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    data = Path(tempfile.mkdtemp(prefix="eider-weed-"))
    with seaweed_server(data) as (_server, running), loop:
        code = loop.run_until_complete(main(Path(sys.argv[1])))
    os._exit(code)
