"""Objects dragged out to a file manager, read through the mime data a file manager reads:
staged `file://` URLs for a few files, X Direct Save for folders, `s3://` URLs as text; a
failed download leaves nothing under the final name (SeaweedFS)."""

from __future__ import annotations

import os
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from app.core.transfers.download import PARTIAL_SUFFIX
from app.ui.dnd.ark_promise import ARK_PATH, ARK_SERVICE, ArkPromise
from app.ui.dnd.drag_out import DIRECT_SAVE, TEXT, URI_LIST
from app.ui.dnd.payload import OBJECTS_FORMAT, ObjectsPayload
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for
from tests.gui.dnd.dropping import row_point
from tests.gui.dnd.test_drops_in import opened

pytestmark = pytest.mark.gui


def select(window: MainWindow, *wanted: str) -> None:
    view = window.object_list
    model = window.controller.model
    view.clearSelection()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() in wanted:
            view.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


class FakeDirectSave:
    """The target's side of XDS: the URI a file manager writes into the source's property."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.closed = False

    def announce(self) -> None:
        pass

    def read(self) -> str | None:
        return self.uri

    def close(self) -> None:
        self.closed = True


def test_a_few_files_dragged_out_become_complete_local_files_at_the_offered_urls(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
) -> None:  # fmt: skip
    data = {"one.txt": b"first\n", "two.bin": os.urandom(300_000)}
    for name, body in data.items():
        seaweed_admin.put_object(Bucket=bucket, Key=f"out/{name}", Body=body)
    window = opened(qtbot, windows, seaweed, Location(bucket, "out/"))
    select(window, "one.txt", "two.bin")
    dnd = window.drag_and_drop
    viewport = window.object_list.viewport()
    drag_bucket, items = dnd.drag_items(viewport, row_point(window, "one.txt"))
    assert drag_bucket == bucket and sorted(items) == [("out/one.txt", 6), ("out/two.bin", 300_000)]
    mime = dnd.make_drag_mime(drag_bucket, items)
    assert mime.formats() == [OBJECTS_FORMAT, URI_LIST, TEXT]
    assert not mime.staging_started, "nothing is downloaded before a target asks"
    payload = ObjectsPayload.decode(bytes(mime.data(OBJECTS_FORMAT).data()))
    assert payload is not None and payload.keys == ("out/one.txt", "out/two.bin")
    assert not mime.staging_started, "an Eider window reads the payload only"

    urls = mime.urls()  # what Dolphin, Thunar and Nautilus read while hovering
    assert mime.staging_started
    paths = [Path(url.toLocalFile()) for url in urls]
    assert [p.name for p in paths] == ["one.txt", "two.bin"]
    assert len({p.parent for p in paths}) == 1
    wait_for(qtbot, lambda: all(p.exists() for p in paths))
    assert [p.read_bytes() for p in paths] == [data["one.txt"], data["two.bin"]]
    assert bytes(mime.data(TEXT).data()).decode().split("\n") == [
        f"s3://{bucket}/out/one.txt",
        f"s3://{bucket}/out/two.bin",
    ]
    leftovers = [p.name for p in paths[0].parent.iterdir() if p.name not in data]
    assert leftovers == [], "no partial or work files beside the finished ones"


def test_a_drag_out_whose_download_fails_leaves_no_file_under_the_final_name(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="gone.txt", Body=b"soon deleted")
    seaweed_admin.put_object(Bucket=bucket, Key="stays.txt", Body=b"x")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    select(window, "gone.txt")
    dnd = window.drag_and_drop
    mime = dnd.make_drag_mime(*dnd.drag_items(window.object_list.viewport(), row_point(
        window, "gone.txt")))  # fmt: skip
    seaweed_admin.delete_object(Bucket=bucket, Key="gone.txt")  # deleted before the drop
    (url,) = mime.urls()
    final = Path(url.toLocalFile())
    wait_for(qtbot, lambda: window.error_banner.isVisible())
    assert "gone.txt" in window.error_banner.text
    wait_for(qtbot, lambda: not window.object_actions.status.running())
    assert not final.exists()
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    wait_for(qtbot, lambda: not partial.exists())
    left = [p.name for p in final.parent.iterdir()] if final.parent.exists() else []
    assert left == [], "neither the file nor a partial file of it"


def test_a_folder_dragged_to_an_xds_target_downloads_into_the_folder_it_names(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    seaweed_admin.put_object(Bucket=bucket, Key="album/", Body=b"")
    seaweed_admin.put_object(Bucket=bucket, Key="album/p1.jpg", Body=b"jpeg one")
    seaweed_admin.put_object(Bucket=bucket, Key="album/raw/p2.raw", Body=b"raw two")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    select(window, "album")
    dnd = window.drag_and_drop
    drag_bucket, items = dnd.drag_items(window.object_list.viewport(), row_point(window, "album"))
    assert items == [("album/", None)]
    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    target = FakeDirectSave((desktop / "album").as_uri())  # Thunar writes the full URI
    mime = dnd.make_drag_mime(drag_bucket, items, target)
    formats = mime.formats()
    assert formats[:2] == [OBJECTS_FORMAT, DIRECT_SAVE]
    assert URI_LIST not in formats and TEXT not in formats, "no URL list, no text: a promise"
    assert bytes(mime.data(DIRECT_SAVE).data()) == b"S"
    wanted = [desktop / "album" / "raw" / "p2.raw", desktop / "album" / "p1.jpg"]
    wait_for(qtbot, lambda: all(p.exists() for p in wanted))
    assert (desktop / "album" / "p1.jpg").read_bytes() == b"jpeg one"
    assert (desktop / "album" / "raw" / "p2.raw").read_bytes() == b"raw two"
    assert "album" in names(window)

    remote = FakeDirectSave("sftp://elsewhere/album")
    refused = dnd.make_drag_mime(drag_bucket, items, remote)
    assert bytes(refused.data(DIRECT_SAVE).data()) == b"F"
    assert target.closed, "the previous drag's property is cleared at the next drag"


@pytest.fixture
def session_bus() -> Iterator[tuple[str, QDBusConnection]]:
    """A D-Bus session bus of the test's own (dbus-daemon), and Eider's connection to it."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    name = f"eider-test-{uuid.uuid4().hex[:8]}"
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected(), bus.lastError().message()
    yield address, bus
    QDBusConnection.disconnectFromBus(name)
    daemon.terminate()
    daemon.wait(10)
    daemon.stdout.close()


def test_a_folder_dropped_on_dolphin_is_saved_where_its_dbus_call_says(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str,
    tmp_path: Path, session_bus: tuple[str, QDBusConnection],
) -> None:  # fmt: skip
    address, bus = session_bus
    seaweed_admin.put_object(Bucket=bucket, Key="music/a.ogg", Body=b"ogg a")
    seaweed_admin.put_object(Bucket=bucket, Key="music/live/b.ogg", Body=b"ogg b")
    window = opened(qtbot, windows, seaweed, Location(bucket))
    select(window, "music")
    dnd = window.drag_and_drop
    dnd.ark = ArkPromise(bus)
    mime = dnd.make_drag_mime(*dnd.drag_items(window.object_list.viewport(), row_point(
        window, "music")))  # fmt: skip
    assert {ARK_SERVICE, ARK_PATH} <= set(mime.formats())
    service = bytes(mime.data(ARK_SERVICE).data()).decode()
    path = bytes(mime.data(ARK_PATH).data()).decode()
    assert service == bus.baseService() and path.startswith("/DndExtract/")
    dolphin_folder = tmp_path / "Downloads"
    dolphin_folder.mkdir()
    # What Dolphin does at the drop: a blocking D-Bus call from its own process.
    call = [
        "dbus-send", f"--bus={address}", "--print-reply", f"--dest={service}", path,
        "org.kde.ark.DndExtract.extractSelectedFilesTo", f"string:{dolphin_folder}",
    ]  # fmt: skip
    replies: list[subprocess.CompletedProcess[str]] = []
    caller = threading.Thread(
        target=lambda: replies.append(subprocess.run(call, capture_output=True, text=True))
    )
    caller.start()
    wait_for(qtbot, lambda: bool(replies))
    caller.join()
    assert replies[0].returncode == 0, replies[0].stderr
    wanted = [dolphin_folder / "music" / "live" / "b.ogg", dolphin_folder / "music" / "a.ogg"]
    wait_for(qtbot, lambda: all(p.exists() for p in wanted))
    assert (dolphin_folder / "music" / "a.ogg").read_bytes() == b"ogg a"
    assert (dolphin_folder / "music" / "live" / "b.ogg").read_bytes() == b"ogg b"
    assert dnd.ark.current is not None and dnd.ark.current.asked == [str(dolphin_folder)]
