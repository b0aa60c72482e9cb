"""X Direct Save against a real X server: a folder dragged out of Eider (from its folder tree)
and dropped on a window of a second X client that plays the file manager's part the way Thunar
does at a drop: read the suggested name from `XdndDirectSave0` on the drag's source window,
write back the URI it wants, convert the `XdndDirectSave0` selection with the drop's time and
read Eider's answer ("S"). The folder must arrive where the URI said. Exits 0 when it does.

    xvfb-run -a -s '-screen 0 1300x560x24' python resources/screenshots/check_xds_drag.py
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

os.environ["EIDER_HOME"] = tempfile.mkdtemp(prefix="eider-xds-")
os.environ["QT_QPA_PLATFORM"] = "xcb"
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync
from PySide6.QtCore import QPoint
from Xlib import X, Xatom
from Xlib import display as xdisplay
from Xlib.protocol import event as xevent

from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.ui.application import WindowSet, create_application
from app.ui.location import Location
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import seaweed_server

BUCKET = "eider-demo"
TIMEOUT = 60.0


def xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *(str(a) for a in args)], check=True)


class FileManager:
    """An XdndAware window of its own X connection that takes a drop the way Thunar does
    with XDS: accept every position, and at the drop read the suggested name, write back the
    URI wanted, convert `XdndDirectSave0` with the drop's time, then send XdndFinished."""

    def __init__(self, wanted: Path) -> None:
        self.wanted = wanted
        self.d = xdisplay.Display()
        self.atom = self.d.intern_atom
        self.window = self.d.screen().root.create_window(
            700, 60, 500, 400, 0, X.CopyFromParent, background_pixel=self.d.screen().white_pixel
        )
        self.window.change_property(self.atom("XdndAware"), Xatom.ATOM, 32, [5])
        self.window.map()
        self.d.flush()
        self.notes: list[str] = []
        self.answer: str | None = None

    def _send(self, source: int, kind: str, data: list[int]) -> None:
        target = self.d.create_resource_object("window", source)
        message = xevent.ClientMessage(
            window=target, client_type=self.atom(kind), data=(32, [*data, 0, 0, 0, 0][:5])
        )
        target.send_event(message)
        self.d.flush()

    def run(self, deadline: float) -> None:
        xds = self.atom("XdndDirectSave0")
        reply = self.atom("EIDER_XDS_REPLY")
        copy = self.atom("XdndActionCopy")
        source = 0
        while time.monotonic() < deadline:
            if not self.d.pending_events():
                time.sleep(0.02)
                continue
            event = self.d.next_event()
            if event.type == X.SelectionNotify:
                got = self.window.get_full_property(reply, X.AnyPropertyType)
                self.answer = got.value.decode() if got is not None else "(none)"
                self._send(source, "XdndFinished", [self.window.id, 1, copy])
                return
            if event.type != X.ClientMessage:
                continue
            kind = self.d.get_atom_name(event.client_type)
            values = event.data[1]
            if kind == "XdndEnter":
                source = values[0]
                self.notes.append("XdndEnter from the drag source")
            elif kind == "XdndPosition":
                self._send(source, "XdndStatus", [self.window.id, 1, 0, 0, copy])
            elif kind == "XdndDrop":
                owner = self.d.create_resource_object("window", source)
                name = owner.get_full_property(xds, X.AnyPropertyType)
                self.notes.append(f"suggested name: {name.value if name else None!r}")
                owner.change_property(
                    xds, self.atom("text/plain"), 8, self.wanted.as_uri().encode()
                )
                self.window.convert_selection(self.atom("XdndSelection"), xds, reply, values[2])
                self.d.flush()


async def main() -> int:
    admin = admin_client(running)
    admin.create_bucket(Bucket=BUCKET)
    admin.put_object(Bucket=BUCKET, Key="album/", Body=b"")
    admin.put_object(Bucket=BUCKET, Key="album/p1.jpg", Body=b"jpeg one")
    admin.put_object(Bucket=BUCKET, Key="album/raw/p2.raw", Body=b"raw two")
    admin.put_object(Bucket=BUCKET, Key="other.txt", Body=b"x")
    connection = connection_for(running)
    windows = WindowSet()
    window = windows.open(lambda: S3Session(connection), Location(BUCKET), name="Source")
    window.setGeometry(10, 30, 620, 500)
    tree = window.folder_tree
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        if tree.index_of(Location(BUCKET, "album/")).isValid():
            break
    else:
        print("the tree did not list the folder", file=sys.stderr)
        return 1
    tree.expand(tree.index_of(Location(BUCKET)))
    await asyncio.sleep(1.0)
    index = tree.index_of(Location(BUCKET, "album/"))
    tree.scrollTo(index)
    start = tree.viewport().mapToGlobal(tree.visualRect(index).center())
    end = QPoint(950, 260)  # the file manager's window
    desktop = Path(tempfile.mkdtemp(prefix="xds-desktop-"))
    manager = FileManager(desktop / "album")
    threading.Thread(target=manager.run, args=(deadline + TIMEOUT,), daemon=True).start()

    def drive() -> None:
        xdotool("mousemove", start.x(), start.y())
        time.sleep(0.3)
        xdotool("mousedown", 1)
        for step in range(1, 21):
            xdotool(
                "mousemove",
                start.x() + (end.x() - start.x()) * step // 20,
                start.y() + (end.y() - start.y()) * step // 20,
            )
            time.sleep(0.05)
        time.sleep(0.5)
        xdotool("mouseup", 1)  # the drop

    threading.Thread(target=drive, daemon=True).start()
    wanted = [desktop / "album" / "p1.jpg", desktop / "album" / "raw" / "p2.raw"]
    arrived = False
    while time.monotonic() < deadline + TIMEOUT:
        await asyncio.sleep(0.3)
        if all(p.exists() for p in wanted):
            arrived = wanted[1].read_bytes() == b"raw two"
            break
    print(*manager.notes, sep="\n")
    print("XDS answer:", manager.answer, "| folder saved where the target asked:", arrived)
    return 0 if arrived and manager.answer == "S" else 1


if __name__ == "__main__":
    keyring.set_keyring(MemoryKeyring())
    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    data = Path(tempfile.mkdtemp(prefix="eider-weed-"))
    with seaweed_server(data) as (_server, running), loop:
        code = loop.run_until_complete(main())
    os._exit(code)
