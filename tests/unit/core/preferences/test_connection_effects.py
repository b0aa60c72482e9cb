"""Each Connection preference changes what is sent: a session made from a bookmark, with the
settings file as a user left it, against SeaweedFS (through the fault proxy where a fault or a
count is needed). A bookmark's override beats the Preferences."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from botocore.exceptions import ConnectTimeoutError, HTTPClientError, ReadTimeoutError, SSLError

from app.core.bookmarks import Bookmark, BookmarkStore, connection_for_bookmark
from app.core.credentials.spec import CredentialKind
from app.core.preferences.sections import ConnectionPreferences, Preferences
from app.core.s3.session import S3Session
from app.core.settings import SettingsStore
from tests.fixtures.fault_proxy import Direction, Fault, fault_proxy_to
from tests.fixtures.servers import RunningS3


def prefer(**connection: object) -> None:
    """Save Connection preferences as the Preferences window would."""
    store = SettingsStore()
    store.set_preferences(replace(Preferences(), connection=ConnectionPreferences(**connection)))
    store.flush()


def session_to(
    server: RunningS3, host: str, port: int, https: bool = False, **overrides: object
) -> S3Session:
    bookmark = Bookmark(
        nickname="Lab",
        profile="s3-compatible" if https else "s3-http",
        host=host,
        port=port,
        access_key_id=server.access_key,
        credential_kind=CredentialKind.STATIC,
        overrides={"connection": overrides} if overrides else {},
    )
    BookmarkStore().add(bookmark, secret_key=server.secret_key)
    return S3Session(connection_for_bookmark(bookmark))


@contextlib.contextmanager
def unanswered_port() -> Iterator[int]:
    """A port whose listen queue is full: new connections get no answer to their SYN."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.2)  # let the handshakes that can complete fill the queue
        yield port
    finally:
        for filler in fillers:
            filler.close()
        server.close()


def test_the_connect_timeout_is_the_one_preferred(seaweed) -> None:
    prefer(connect_timeout=0.5, max_attempts=1)
    with unanswered_port() as port:
        session = session_to(seaweed, "127.0.0.1", port)
        assert session.client().meta.config.connect_timeout == 0.5
        started = time.monotonic()
        with pytest.raises(ConnectTimeoutError):
            session.list_buckets()
        assert time.monotonic() - started < 5  # the default would wait 30 s


def test_the_read_timeout_is_the_one_preferred(seaweed, bucket) -> None:
    prefer(read_timeout=0.5, max_attempts=1)
    with fault_proxy_to(seaweed.host, seaweed.port) as proxy:
        session = session_to(seaweed, "127.0.0.1", proxy.port)
        proxy.set_faults(Fault.stall(Direction.DOWN, seconds=4, after=0, times=None))
        started = time.monotonic()
        with pytest.raises(ReadTimeoutError):
            session.head_bucket(bucket)
        assert time.monotonic() - started < 3
        assert proxy.stats.stalls == 1


def test_retries_follow_the_preferences_and_a_bookmark_overrides_them(seaweed, bucket) -> None:
    prefer(max_attempts=3)
    with fault_proxy_to(seaweed.host, seaweed.port) as proxy:
        proxy.set_faults(Fault.reset(Direction.DOWN, after=0, times=None))
        with pytest.raises(HTTPClientError):  # every try is reset
            session_to(seaweed, "127.0.0.1", proxy.port).head_bucket(bucket)
        assert proxy.stats.connections == 3
        proxy.reset_stats()
        single = session_to(seaweed, "127.0.0.1", proxy.port, max_attempts=1)
        with pytest.raises(HTTPClientError):
            single.head_bucket(bucket)
        assert proxy.stats.connections == 1


def test_max_keys_sets_the_size_of_each_listing_request(seaweed, seaweed_admin, bucket) -> None:
    for n in range(5):
        seaweed_admin.put_object(Bucket=bucket, Key=f"k{n}", Body=b"x")
    prefer(max_keys=2)
    pages = list(session_to(seaweed, seaweed.host, seaweed.port).list_prefix(bucket))
    assert [len(p.objects) for p in pages] == [2, 2, 1]
    pages = list(session_to(seaweed, seaweed.host, seaweed.port, max_keys=4).list_prefix(bucket))
    assert [len(p.objects) for p in pages] == [4, 1]


def test_requests_go_through_the_preferred_proxy(seaweed, bucket) -> None:
    with fault_proxy_to(seaweed.host, seaweed.port) as proxy:
        assert bucket in [
            b.name for b in session_to(seaweed, seaweed.host, seaweed.port).list_buckets()
        ]
        assert proxy.stats.connections == 0  # no proxy preferred: straight to the server
        prefer(proxy=proxy.endpoint_url)
        names = [b.name for b in session_to(seaweed, seaweed.host, seaweed.port).list_buckets()]
        assert bucket in names
        assert proxy.stats.connections == 1
        assert proxy.stats.bytes_up > 0


def test_the_preferred_ca_bundle_is_trusted(seaweed_tls, test_ca, tmp_path) -> None:
    host, port = seaweed_tls.host, seaweed_tls.port
    with pytest.raises(SSLError):  # the test CA is nobody's by default
        session_to(seaweed_tls, host, port, https=True, max_attempts=1).list_buckets()
    bundle = tmp_path / "ca.pem"
    test_ca.cert_pem.write_to_path(str(bundle))
    prefer(ca_bundle=str(bundle))
    assert isinstance(session_to(seaweed_tls, host, port, https=True).list_buckets(), list)


def test_tls_verification_goes_off_for_one_bookmark_only(seaweed_tls) -> None:
    host, port = seaweed_tls.host, seaweed_tls.port
    unverified = session_to(seaweed_tls, host, port, https=True, verify_tls=False)
    assert unverified.connection.tls_unverified  # the window flags it
    assert isinstance(unverified.list_buckets(), list)
    with pytest.raises(SSLError):
        session_to(seaweed_tls, host, port, https=True, max_attempts=1).list_buckets()
