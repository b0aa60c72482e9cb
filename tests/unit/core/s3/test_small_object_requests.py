from __future__ import annotations

import base64
import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    ParamValidationError,
    ProxyConnectionError,
    SSLError,
)

from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from app.core.s3.small_object_requests import SmallObjectRequests
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import RunningS3


def _count_client_calls(lean: SmallObjectRequests, client: Any, bucket: str) -> list[str]:
    """Operations that go through botocore's full call path (parameter building) from now on.

    A first request learns the bucket's URL from a pre-signed GetObject, through botocore.
    """
    lean.put_object(client, Bucket=bucket, Key="warm-up", Body=b"")
    calls: list[str] = []
    client.meta.events.register(
        "before-parameter-build.s3.*",
        lambda event_name, **_: calls.append(event_name.rsplit(".", 1)[-1]),
    )
    return calls


def _md5(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()  # noqa: S324


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


@pytest.fixture(autouse=True)
def close_connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every SmallObjectRequests made closes its connections at the end, as the engine's do."""
    made: list[SmallObjectRequests] = []
    original = SmallObjectRequests.__init__

    def remember(self: SmallObjectRequests, session: S3Session) -> None:
        original(self, session)
        made.append(self)

    monkeypatch.setattr(SmallObjectRequests, "__init__", remember)
    yield
    for lean in made:
        lean.close()


def test_put_and_get_skip_botocore_and_keep_every_field(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    calls = _count_client_calls(lean, client, bucket)
    data = os.urandom(70_000)
    key = "dir one/ünï cödé+&=?#%~.bin"

    put = lean.put_object(
        client,
        Bucket=bucket,
        Key=key,
        Body=data,
        ContentType="application/x-test",
        CacheControl="max-age=60",
        ContentMD5=_md5(data),
        Metadata={"mtime": "1600000000.5", "eider-sha256": "ab"},
    )
    got = lean.get_object(client, Bucket=bucket, Key=key)

    assert calls == []  # neither request took botocore's per-call path
    assert put["ETag"].strip('"') == hashlib.md5(data).hexdigest()  # noqa: S324
    assert got["Body"].read() == data
    assert got["ContentLength"] == len(data)
    assert got["ETag"] == put["ETag"]
    assert got["Metadata"] == {"mtime": "1600000000.5", "eider-sha256": "ab"}
    assert got["LastModified"].tzinfo is not None
    head = seaweed_admin.head_object(Bucket=bucket, Key=key)
    assert head["ContentType"] == "application/x-test"
    assert head["CacheControl"] == "max-age=60"
    listed = [o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]]
    assert sorted(listed) == sorted([key, "warm-up"])


def test_ranged_get_with_if_match(session: S3Session, seaweed_admin: Any, bucket: str) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="r.bin", Body=b"0123456789")
    etag = seaweed_admin.head_object(Bucket=bucket, Key="r.bin")["ETag"]
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)

    got = lean.get_object(client, Bucket=bucket, Key="r.bin", Range="bytes=2-5", IfMatch=etag)

    assert got["Body"].read() == b"2345"
    assert got["ContentRange"] == "bytes 2-5/10"


def test_a_wrong_content_md5_is_refused_through_the_client(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    calls = _count_client_calls(lean, client, bucket)

    with pytest.raises(ClientError) as caught:
        lean.put_object(client, Bucket=bucket, Key="bad", Body=b"abc", ContentMD5=_md5(b"abd"))

    # The server's refusal is repeated by botocore, so the error is parsed as everywhere else.
    assert calls == ["PutObject"]
    assert caught.value.response["Error"]["Code"] in ("BadDigest", "InvalidDigest")
    listed = seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]
    assert [o["Key"] for o in listed] == ["warm-up"]


def test_a_missing_key_raises_the_clients_error(session: S3Session, bucket: str) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)

    with pytest.raises(ClientError) as caught:
        lean.get_object(client, Bucket=bucket, Key="nothing-here")

    assert caught.value.response["Error"]["Code"] in ("NoSuchKey", "404")


def test_what_it_does_not_map_goes_through_the_client(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    calls = _count_client_calls(lean, client, bucket)

    lean.put_object(client, Bucket=bucket, Key="d", Body=b"x", ContentDisposition="inline")
    with pytest.raises(ParamValidationError, match="ASCII"):
        lean.put_object(client, Bucket=bucket, Key="m", Body=b"x", Metadata={"note": "café"})

    assert calls == ["PutObject", "PutObject"]  # botocore's own rules and messages apply
    assert seaweed_admin.head_object(Bucket=bucket, Key="d")["ContentDisposition"] == "inline"


def test_the_gui_thread_guard_still_refuses(session: S3Session, bucket: str) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    thread_guard.forbid_current_thread()
    try:
        with pytest.raises(thread_guard.BlockingCallOnForbiddenThread):
            lean.get_object(client, Bucket=bucket, Key="k")
    finally:
        thread_guard.allow_current_thread()


# -- the worker's own connections (app.core.s3.direct_http) -------------------------------------


def _direct_connection(lean: SmallObjectRequests, client: Any, bucket: str) -> Any:
    """This thread's connection to the bucket's server (None when it has none)."""
    direct = lean.direct_http(client, bucket)
    assert direct is not None, "no proxy here: requests go on the worker's connection"
    return direct.thread_connection()


def test_one_connection_carries_request_after_request(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    lean.put_object(client, Bucket=bucket, Key="a", Body=b"first")
    connection = _direct_connection(lean, client, bucket)
    socket_before = connection.sock

    lean.put_object(client, Bucket=bucket, Key="b", Body=b"second")
    got = lean.get_object(client, Bucket=bucket, Key="a")
    assert got["Body"].read() == b"first"
    got["Body"].close()
    lean.put_object(client, Bucket=bucket, Key="c", Body=b"third")

    # A PUT's answer is read to its end, so the next request finds the connection free.
    assert _direct_connection(lean, client, bucket) is connection
    assert connection.sock is socket_before
    assert seaweed_admin.get_object(Bucket=bucket, Key="c")["Body"].read() == b"third"


def test_a_body_left_unread_never_becomes_the_next_answer(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    big, small = os.urandom(3 * 1024 * 1024), os.urandom(1000)
    seaweed_admin.put_object(Bucket=bucket, Key="big", Body=big)
    seaweed_admin.put_object(Bucket=bucket, Key="small", Body=small)
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)

    partial = lean.get_object(client, Bucket=bucket, Key="big")
    assert partial["Body"].read(10) == big[:10]
    partial["Body"].close()  # most of the body still on the way

    assert lean.get_object(client, Bucket=bucket, Key="small")["Body"].read() == small
    assert lean.get_object(client, Bucket=bucket, Key="big")["Body"].read() == big


def test_a_connection_that_died_while_idle_is_replaced(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    calls = _count_client_calls(lean, client, bucket)
    dead = _direct_connection(lean, client, bucket)
    # What a server's idle timeout leaves behind: a socket that can no longer carry a request.
    dead.sock.shutdown(socket.SHUT_RDWR)

    lean.put_object(client, Bucket=bucket, Key="k", Body=b"after")

    assert calls == []  # replaced on the spot, not handed to botocore
    assert _direct_connection(lean, client, bucket) is not dead
    assert seaweed_admin.get_object(Bucket=bucket, Key="k")["Body"].read() == b"after"


def test_with_a_proxy_requests_take_the_clients_connection_pool(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    # Nothing listens at the proxy address; the lean request must not go around it.
    session = S3Session(connection_for(seaweed, proxy="http://127.0.0.1:9", max_attempts=1))
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)

    assert lean.direct_http(client, bucket) is None
    with pytest.raises(ProxyConnectionError, match=r"127\.0\.0\.1:9"):
        lean.put_object(client, Bucket=bucket, Key="k", Body=b"x")
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)


def test_https_with_the_connections_ca_bundle(seaweed_tls: RunningS3) -> None:
    admin = admin_client(seaweed_tls)
    admin.create_bucket(Bucket="tls-lean")
    session = S3Session(connection_for(seaweed_tls))
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket("tls-lean")
    calls = _count_client_calls(lean, client, "tls-lean")
    data = os.urandom(70_000)

    lean.put_object(client, Bucket="tls-lean", Key="k", Body=data, ContentMD5=_md5(data))
    got = lean.get_object(client, Bucket="tls-lean", Key="k")["Body"].read()

    assert calls == []
    assert _direct_connection(lean, client, "tls-lean").sock.version().startswith("TLS")
    assert got == data


def test_https_without_the_ca_fails_through_the_client(seaweed_tls: RunningS3) -> None:
    admin_client(seaweed_tls).create_bucket(Bucket="tls-lean-untrusted")
    session = S3Session(connection_for(seaweed_tls, ca_bundle=None, max_attempts=1))
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket("tls-lean-untrusted")

    # The certificate is refused on the worker's connection; botocore then refuses it too
    # and its error is the one reported (worded by app.core.errors like any other).
    with pytest.raises(SSLError):
        lean.put_object(client, Bucket="tls-lean-untrusted", Key="k", Body=b"x")


def test_threads_starting_together_share_the_connections_close_finds(
    session: S3Session, bucket: str
) -> None:
    lean = SmallObjectRequests(session)
    client = session.client_for_bucket(bucket)
    start = threading.Barrier(8)
    kept: list[Any] = []

    def first_request(n: int) -> None:
        start.wait()  # all learn the bucket's URL at once
        lean.put_object(client, Bucket=bucket, Key=f"k{n}", Body=b"x")
        kept.append(_direct_connection(lean, client, bucket))

    threads = [threading.Thread(target=first_request, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lean.close()

    # Each thread's connection belongs to the target that was kept, so close() reached it
    # (one lost in a second, forgotten target would be left open).
    assert len(kept) == 8 and all(c is not None for c in kept)
    assert all(c.sock is None for c in kept)
