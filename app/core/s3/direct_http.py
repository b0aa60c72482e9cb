"""Keep-alive HTTP(S) connections to one server, one per thread, for the small-object requests.

urllib3 behind botocore's HTTP session spends more CPU per request than the request itself
(URL parsing, pool look-ups, retry and timeout objects); for a tree of small files that is the
client's biggest cost after the signature. Here each worker thread keeps its own
`http.client` connection and reuses it. Only for connections without a proxy: the caller
falls back to botocore's HTTP session otherwise, and after any failure here.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
from typing import Any

_BROKEN = (OSError, http.client.HTTPException)


class DirectHttp:
    """Send requests on this thread's connection; thread-safe (each thread has its own)."""

    def __init__(
        self,
        scheme: str,
        host: str,
        port: int | None,
        connect_timeout: float,
        read_timeout: float,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if scheme not in ("http", "https"):
            raise ValueError(f"Not an HTTP scheme: {scheme}")
        self._scheme = scheme
        self._host = host
        self._port = port
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._ssl_context = ssl_context
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[http.client.HTTPConnection] = set()  # every thread's, for close()

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: bytes | bytearray | memoryview | None,
    ) -> Response:
        """The response, its status and headers read; the caller reads the body (or closes).

        A connection the server closed while idle is replaced once; any other failure raises
        OSError or http.client.HTTPException with the connection dropped.
        """
        for attempt in range(2):
            connection = self._connection()
            reused = connection.sock is not None
            try:
                if not reused:
                    _open(connection, self._read_timeout)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
            except TimeoutError:
                self.drop(connection)
                raise
            except _BROKEN:
                self.drop(connection)
                if reused and attempt == 0:
                    continue  # a keep-alive connection the server had closed: try a fresh one
                raise
            return Response(response, connection, self)
        raise AssertionError("unreachable")

    def drop(self, connection: http.client.HTTPConnection) -> None:
        """Close `connection`; its thread opens a new one for its next request."""
        if getattr(self._local, "connection", None) is connection:
            self._local.connection = None
        with self._lock:
            self._open.discard(connection)
        connection.close()

    def close(self) -> None:
        """Close every thread's connection (a thread that goes on opens a new one)."""
        with self._lock:
            connections, self._open = self._open, set()
        for connection in connections:
            connection.close()

    def thread_connection(self) -> http.client.HTTPConnection | None:
        """The calling thread's connection, if it has one open."""
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        return connection

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None or connection not in self._open:
            if self._scheme == "https":
                connection = http.client.HTTPSConnection(
                    self._host, self._port, timeout=self._connect_timeout, context=self._ssl_context
                )
            else:
                connection = http.client.HTTPConnection(
                    self._host, self._port, timeout=self._connect_timeout
                )
            self._local.connection = connection
            with self._lock:
                self._open.add(connection)
        return connection


def _open(connection: http.client.HTTPConnection, read_timeout: float) -> None:
    connection.connect()
    sock = connection.sock
    # As urllib3 does: no Nagle delay (a request's last segment would wait for an ACK that
    # the server delays), and keep-alive probes as botocore's client is configured to send.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    sock.settimeout(read_timeout)


class Response:
    """A response whose body is read by the caller; closing it early gives up the connection
    (the unread rest of the body would otherwise be taken for the next response)."""

    def __init__(
        self,
        response: http.client.HTTPResponse,
        connection: http.client.HTTPConnection,
        owner: DirectHttp,
    ) -> None:
        self._response = response
        self._connection = connection
        self._owner = owner
        self.status_code = response.status
        self.headers = response.headers

    def read(self, amount: int | None = None) -> bytes:
        try:
            return self._response.read(amount)
        except http.client.HTTPException as exc:
            self._owner.drop(self._connection)
            raise ConnectionError(f"The server broke off the answer: {exc!r}") from exc
        except OSError:
            self._owner.drop(self._connection)
            raise

    @property
    def raw(self) -> Response:
        """Read like botocore's responses (`response.raw.read()`)."""
        return self

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self._response.isclosed():
            self._owner.drop(self._connection)
            self._response.close()

    def discard(self) -> None:
        """Read and drop the body (an error answer), keeping the connection when it can."""
        try:
            self._response.read()
        except _BROKEN:
            self._owner.drop(self._connection)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._response, name)
