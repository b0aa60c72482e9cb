"""The running Eider's side of single instance, in process: what it accepts and refuses, and
what a request does to its windows."""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui import single_instance
from app.ui.application import WindowSet
from app.ui.file_open_events import FileOpenEvents
from app.ui.open_requests import handle_open_request
from app.ui.single_instance import Handover, InstanceServer, decode_request, encode_request

pytestmark = [pytest.mark.gui]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def address() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="eider-run-"))
    yield str(folder / "instance.sock")
    shutil.rmtree(folder, ignore_errors=True)


def send(address: str, payload: bytes) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(address)
    client.sendall(payload)
    return client


def test_requests_round_trip_as_absolute_paths() -> None:
    line = encode_request(["relative.profile", "/abs/x.duck"])
    assert line.endswith(b"\n")
    assert decode_request(line.strip()) == [str(Path("relative.profile").absolute()), "/abs/x.duck"]
    assert decode_request(b'{"files": [1]}') is None
    assert decode_request(b"\xff") is None
    assert decode_request(b"[]") is None


def test_the_server_announces_a_request_and_answers_ok(qtbot: QtBot, address: str) -> None:
    server = InstanceServer()
    assert server.listen(address)
    try:
        with qtbot.waitSignal(server.requested, timeout=10_000) as got:
            client = send(address, encode_request(["/tmp/a.profile"]))
        assert got.args == [["/tmp/a.profile"]]
        client.settimeout(10)
        assert client.recv(16) == b"ok\n"
        client.close()
    finally:
        server.close()
    assert not Path(address).exists()


def test_a_garbled_request_is_refused_and_announces_nothing(qtbot: QtBot, address: str) -> None:
    server = InstanceServer()
    assert server.listen(address)
    announced: list[object] = []
    server.requested.connect(announced.append)
    try:
        client = send(address, b"GET / HTTP/1.0\n")
        answer = b""

        def answered() -> bool:
            nonlocal answer
            with contextlib.suppress(BlockingIOError, TimeoutError):
                answer += client.recv(16, socket.MSG_DONTWAIT)
            return answer.endswith(b"\n")

        qtbot.waitUntil(answered, timeout=10_000)
        assert answer == b"refused\n"
        assert announced == []
        client.close()
    finally:
        server.close()


def test_a_request_with_files_imports_into_the_front_window(qtbot: QtBot, tmp_path: Path) -> None:
    windows = WindowSet()
    window = windows.open_empty()
    qtbot.addWidget(window)
    profile = tmp_path / "MinIO.cyberduckprofile"
    shutil.copyfile(ROOT / "profiles" / "MinIO.cyberduckprofile", profile)
    with qtbot.waitSignal(window.sidebar.importer.finished, timeout=30_000) as done:
        assert handle_open_request(windows, [str(profile)]) is window
    [outcome] = done.args[0]
    assert outcome.ok, outcome.message
    assert "Imported the profile" in window.sidebar.banner.label.text()
    assert len(windows.windows) == 1


def test_a_request_without_files_opens_a_new_window(qtbot: QtBot) -> None:
    windows = WindowSet()
    first = windows.open_empty()
    qtbot.addWidget(first)
    second = handle_open_request(windows, [])
    qtbot.addWidget(second)
    assert second is not first and second.isVisible()
    assert windows.windows == [first, second]


def test_a_live_eider_that_does_not_answer_keeps_its_socket(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="eider-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(single_instance, "ANSWER_MS", 300)
    address = single_instance.server_address()
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # accepts, never answers
    hung.bind(address)
    hung.listen(4)
    try:
        assert single_instance.hand_over(address, []) is Handover.NO_ANSWER
        server = single_instance.hand_over_or_listen([])
        assert server is not None and not server.address  # runs on its own, not listening
        assert Path(address).exists()  # the live Eider's socket was left alone
        assert "does not answer" in capsys.readouterr().err
    finally:
        hung.close()
        shutil.rmtree(runtime, ignore_errors=True)


def test_nobody_at_a_stale_socket_means_this_eider_is_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="eider-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    address = single_instance.server_address()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(address)
    stale.close()  # the file stays, nobody listens: what a crashed Eider leaves
    try:
        assert single_instance.hand_over(address, []) is Handover.NOBODY
        server = single_instance.hand_over_or_listen([])
        assert server is not None and server.address == address
        server.close()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_file_open_event_imports_like_a_request(qtbot: QtBot, tmp_path: Path) -> None:
    """macOS Finder's double-click arrives as a QFileOpenEvent, not on the command line."""
    windows = WindowSet()
    window = windows.open_empty()
    qtbot.addWidget(window)
    profile = tmp_path / "Wasabi.cyberduckprofile"
    shutil.copyfile(ROOT / "profiles" / "Wasabi.cyberduckprofile", profile)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    events = FileOpenEvents(lambda files: handle_open_request(windows, files))
    app.installEventFilter(events)
    try:
        with qtbot.waitSignal(window.sidebar.importer.finished, timeout=30_000) as done:
            assert QCoreApplication.sendEvent(app, QFileOpenEvent(str(profile)))
    finally:
        app.removeEventFilter(events)
    [outcome] = done.args[0]
    assert outcome.ok and "Wasabi" in outcome.message
