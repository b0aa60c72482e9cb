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
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.core import instance_socket
from app.core.instance_socket import UnsafeInstanceSocket

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


def hand_over(address: str, files: Sequence[str | Path]) -> bool:
    """Give `files` (none: "open a window") to the Eider listening at `address`. False when
    no Eider answers there."""
    if sys.platform != "win32" and not instance_socket.check_socket_owner(Path(address)):
        return False
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(encode_request(files))
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.waitForReadyRead(ANSWER_MS):
                return False
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
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
        self._buffers: dict[QLocalSocket, bytes] = {}

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
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_REQUEST:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        files = decode_request(data.split(b"\n", 1)[0])
        socket.write(b"ok\n" if files is not None else b"refused\n")
        socket.flush()
        socket.disconnectFromServer()
        if files is not None:
            self.requested.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        """Disconnected first: a socket's destructor aborts it, which would call back here on
        an object being destroyed (a crash)."""
        if self._buffers.pop(socket, None) is None:
            return
        socket.readyRead.disconnect()
        socket.disconnected.disconnect()
        socket.deleteLater()


def hand_over_or_listen(files: Sequence[str | Path]) -> InstanceServer | None:
    """None when a running Eider took the request (this process should exit); else this
    process is the first Eider and returns its server, listening (or not, if the socket's
    place is unsafe: Eider then runs on its own and says why on stderr)."""
    server = InstanceServer()
    try:
        address = server_address()
        if sys.platform == "win32":
            if hand_over(address, files):
                return None
            server.listen(address)
            return server
        with instance_socket.start_lock(Path(address)):
            if hand_over(address, files):
                return None
            server.listen(address)
    except UnsafeInstanceSocket as exc:
        print(f"eider: {exc}; this Eider runs on its own.", file=sys.stderr)
    except OSError as exc:
        print(
            f"eider: no single-instance socket ({exc}); this Eider runs on its own.",
            file=sys.stderr,
        )
    return server
