"""One Eider per user: a later start hands its request to the running one and exits.

The running Eider listens on a local socket (`app/core/instance_socket.py` says where and
checks it is safe). A later `eider [FILE...]` (a double-click on a profile runs exactly that)
connects, sends one JSON line `{"files": [absolute paths]}` and waits for `ok`; the running
Eider imports the files into its front window, or opens a new window when there are none.
A socket nobody answers on (left by an Eider that crashed) is removed and taken over.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.core import instance_socket
from app.core.instance_socket import UnsafeInstanceSocket
from app.ui.translation import translate

log = logging.getLogger(__name__)

CONNECT_MS = 1000
ANSWER_MS = 10_000
MAX_REQUEST = 1 << 20  # a request is a list of paths; anything longer is not Eider's


def server_address() -> str:
    if sys.platform == "win32":
        return instance_socket.socket_name()
    return str(instance_socket.socket_path())


def encode_request(files: Sequence[str | Path]) -> bytes:
    absolute = [str(Path(f).absolute()) for f in files]
    return json.dumps({"files": absolute}).encode("utf-8") + b"\n"


def decode_request(line: bytes) -> list[str] | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("files") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


class Handover(Enum):
    TAKEN = "taken"  # the running Eider has the request: this process exits
    NOBODY = "nobody"  # no socket, or a stale one nobody listens on: this process is first
    NO_ANSWER = "no answer"  # a live Eider that did not answer in time (busy, or hung)


def hand_over(address: str, files: Sequence[str | Path]) -> Handover:
    """Give `files` (none: "open a window") to the Eider listening at `address`."""
    if sys.platform != "win32" and not instance_socket.check_socket_owner(Path(address)):
        return Handover.NOBODY
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_MS):
        return Handover.NOBODY
    try:
        socket.write(encode_request(files))
        if not socket.waitForBytesWritten(ANSWER_MS):
            return Handover.NO_ANSWER
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.waitForReadyRead(ANSWER_MS):
                return Handover.NO_ANSWER
            answer += bytes(socket.readAll().data())
        return Handover.TAKEN if answer.strip() == b"ok" else Handover.NO_ANSWER
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens for later starts; `requested` carries the files each one named."""

    requested = Signal(list)  # list[str]: absolute paths, possibly empty

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes | None] = {}  # None: answered

    @property
    def address(self) -> str:
        return self._server.fullServerName()

    def listen(self, address: str) -> bool:
        """Listen at `address`, replacing a stale socket there (the caller found nobody
        answering on it, under the start lock)."""
        QLocalServer.removeServer(address)
        if self._server.listen(address):
            return True
        log.warning("Eider cannot listen for later starts: %s", self._server.errorString())
        return False

    def close(self) -> None:
        for socket in list(self._buffers):
            self._forget(socket)
            socket.abort()
        self._server.close()  # removes the socket file

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        received = bytes(socket.readAll().data())
        if socket not in self._buffers or self._buffers[socket] is None:
            return
        data = (self._buffers[socket] or b"") + received
        if len(data) > MAX_REQUEST:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        self._buffers[socket] = None  # one request per connection: later bytes are ignored
        files = decode_request(data.split(b"\n", 1)[0])
        socket.write(b"ok\n" if files is not None else b"refused\n")
        socket.flush()
        socket.disconnectFromServer()
        if files is not None:
            self.requested.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        """Disconnected first: a socket's destructor aborts it, which would call back here on
        an object being destroyed (a crash)."""
        if socket not in self._buffers:
            return
        del self._buffers[socket]
        socket.readyRead.disconnect()
        socket.disconnected.disconnect()
        socket.deleteLater()


def _claim(server: InstanceServer, address: str, files: Sequence[str | Path]) -> bool:
    """True when a running Eider took the request; else listen, unless a live Eider holds
    the socket without answering (its socket is left alone: this Eider runs on its own)."""
    outcome = hand_over(address, files)
    if outcome is Handover.TAKEN:
        return True
    if outcome is Handover.NO_ANSWER:
        say(
            translate(
                "SingleInstance", "the running Eider does not answer; this Eider runs on its own"
            )
        )
    else:
        server.listen(address)
    return False


def hand_over_or_listen(files: Sequence[str | Path]) -> InstanceServer | None:
    """None when a running Eider took the request (this process should exit); else this
    process runs on as an Eider of its own and returns its server: listening when it is the
    first, not listening when the socket's place is unsafe (it says why on stderr)."""
    server = InstanceServer()
    try:
        address = server_address()
        if sys.platform == "win32":
            return None if _claim(server, address, files) else server
        with instance_socket.start_lock(Path(address)):
            if _claim(server, address, files):
                return None
    except UnsafeInstanceSocket as exc:
        say(translate("SingleInstance", "{0}; this Eider runs on its own").format(exc))
    except OSError as exc:
        say(
            translate(
                "SingleInstance", "no single-instance socket ({0}); this Eider runs on its own"
            ).format(exc)
        )
    return server


def say(text: str) -> None:
    print(f"eider: {text}", file=sys.stderr)
