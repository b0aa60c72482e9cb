"""The fault proxy proven with a real S3 client (botocore) against SeaweedFS.

Each fault is shown to happen (the client sees it) and to be survivable where it should be
(botocore's retries get through a reset and a stall). Timing is asserted only as a lower bound
(a slow link cannot be faster than its rate), which a busy machine cannot break.
"""

from __future__ import annotations

import os
import socket
import threading
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
    ResponseStreamingError,
)

from app.core.errors import ErrorKind, UserError, describe
from tests.fixtures.fault_proxy import Direction, Fault, FaultProxy, fault_proxy_to
from tests.fixtures.servers import RunningS3

KIB = 1024


@pytest.fixture
def proxy(seaweed: RunningS3):
    with fault_proxy_to(seaweed.host, seaweed.port) as running:
        yield running


def client_via(proxy: FaultProxy, server: RunningS3, attempts: int = 1, read_timeout: float = 5):
    return boto3.client(
        "s3",
        endpoint_url=proxy.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
        config=Config(
            s3={"addressing_style": "path"},
            retries={"mode": "standard", "total_max_attempts": attempts},
            connect_timeout=2,
            read_timeout=read_timeout,
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


def causes(exc: BaseException) -> list[BaseException]:
    seen = []
    current: BaseException | None = exc
    while current is not None and len(seen) < 20:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def put(seaweed_admin, bucket: str, size: int) -> bytes:
    data = os.urandom(size)
    seaweed_admin.put_object(Bucket=bucket, Key="obj", Body=data)
    return data


def test_passes_bytes_through_and_counts_them(proxy, seaweed, seaweed_admin, bucket) -> None:
    client = client_via(proxy, seaweed)
    data = os.urandom(512 * KIB)
    client.put_object(Bucket=bucket, Key="obj", Body=data)
    assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data
    stats = proxy.stats
    assert stats.connections == 1  # botocore kept one pooled connection
    assert stats.bytes_up > 512 * KIB and stats.bytes_down > 512 * KIB
    assert stats.resets == stats.stalls == stats.closes == 0


def test_retries_get_through_a_reset(proxy, seaweed, seaweed_admin, bucket) -> None:
    data = put(seaweed_admin, bucket, 64 * KIB)
    client = client_via(proxy, seaweed, attempts=3)
    proxy.set_faults(Fault.reset(Direction.DOWN, after=20, times=1))
    assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data
    stats = proxy.stats
    assert stats.resets == 1
    assert stats.connections == 2  # the reset one and the retry


def test_retries_get_through_a_reset_during_an_upload(proxy, seaweed, seaweed_admin, bucket):
    client = client_via(proxy, seaweed, attempts=3)
    proxy.set_faults(Fault.reset(Direction.UP, after=100 * KIB, times=1))
    data = os.urandom(1024 * KIB)
    client.put_object(Bucket=bucket, Key="up", Body=data)
    assert seaweed_admin.get_object(Bucket=bucket, Key="up")["Body"].read() == data
    assert proxy.stats.resets == 1


def test_without_retries_a_reset_is_a_clear_error(proxy, seaweed, seaweed_admin, bucket) -> None:
    put(seaweed_admin, bucket, 16 * KIB)
    client = client_via(proxy, seaweed, attempts=1)
    proxy.set_faults(Fault.reset(Direction.DOWN, after=20, times=1))
    with pytest.raises(BotoCoreError) as caught:
        client.get_object(Bucket=bucket, Key="obj")
    assert isinstance(caught.value, ConnectionClosedError | EndpointConnectionError)
    assert any(isinstance(e, ConnectionResetError) for e in causes(caught.value))  # a real RST
    error = describe(caught.value, "download", bucket, "obj")
    assert isinstance(error, UserError)
    assert error.message and error.fix
    assert seaweed.secret_key not in str(error)
    # errors.describe is being completed on another branch; once it knows dropped connections,
    # hold it to that kind.
    dropped = getattr(ErrorKind, "CONNECTION_DROPPED", None)
    if dropped is not None:
        assert error.kind is dropped


def test_every_attempt_is_reset_until_retries_run_out(proxy, seaweed, seaweed_admin, bucket):
    put(seaweed_admin, bucket, 16 * KIB)
    client = client_via(proxy, seaweed, attempts=3)
    proxy.set_faults(Fault.reset(Direction.DOWN, after=0, times=None))
    with pytest.raises(ConnectionClosedError):
        client.get_object(Bucket=bucket, Key="obj")
    assert proxy.stats.connections == 3
    assert proxy.stats.resets == 3
    proxy.clear_faults()
    assert len(client.get_object(Bucket=bucket, Key="obj")["Body"].read()) == 16 * KIB


def test_fires_caps_the_faults_of_rules_that_hit_every_connection(
    proxy, seaweed, seaweed_admin, bucket
):
    data = put(seaweed_admin, bucket, 16 * KIB)
    client = client_via(proxy, seaweed, attempts=4)
    proxy.set_faults(Fault.reset(Direction.DOWN, after=0, times=None), fires=2)
    assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data
    assert proxy.stats.resets == 2
    assert proxy.stats.connections == 3  # two reset, the third let through


def test_retries_get_through_a_stall(proxy, seaweed, seaweed_admin, bucket) -> None:
    data = put(seaweed_admin, bucket, 64 * KIB)
    client = client_via(proxy, seaweed, attempts=3, read_timeout=1)
    proxy.set_faults(Fault.stall(Direction.DOWN, seconds=3, after=0, times=1))
    assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data
    assert proxy.stats.stalls == 1
    assert proxy.stats.connections == 2


def test_without_retries_a_stall_is_a_read_timeout(proxy, seaweed, seaweed_admin, bucket):
    put(seaweed_admin, bucket, 16 * KIB)
    client = client_via(proxy, seaweed, attempts=1, read_timeout=1)
    proxy.set_faults(Fault.stall(Direction.DOWN, seconds=3, after=0, times=1))
    with pytest.raises(ReadTimeoutError) as caught:
        client.get_object(Bucket=bucket, Key="obj")
    error = describe(caught.value, "download", bucket, "obj")
    assert error.message and error.fix
    timeout_kind = getattr(ErrorKind, "READ_TIMEOUT", None)
    if timeout_kind is not None:
        assert error.kind is timeout_kind


def test_retries_get_through_a_stalled_upload(proxy, seaweed, seaweed_admin, bucket) -> None:
    client = client_via(proxy, seaweed, attempts=3, read_timeout=1)
    proxy.set_faults(Fault.stall(Direction.UP, seconds=3, after=200 * KIB, times=1))
    data = os.urandom(2048 * KIB)  # more than the socket buffers hold: the sender blocks
    client.put_object(Bucket=bucket, Key="up", Body=data)
    assert seaweed_admin.get_object(Bucket=bucket, Key="up")["Body"].read() == data
    assert proxy.stats.stalls == 1
    assert proxy.stats.connections == 2


@pytest.mark.parametrize("direction", [Direction.DOWN, Direction.UP])
def test_a_slow_link_is_slow(proxy, seaweed, seaweed_admin, bucket, direction) -> None:
    size, rate = 256 * KIB, 256 * KIB  # one second at the throttled rate
    data = put(seaweed_admin, bucket, size)
    client = client_via(proxy, seaweed, read_timeout=30)
    proxy.set_faults(Fault.throttle(direction, rate=rate))
    started = time.monotonic()
    if direction is Direction.DOWN:
        assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data
    else:
        client.put_object(Bucket=bucket, Key="obj", Body=data)
    elapsed = time.monotonic() - started
    assert elapsed >= 0.9 * size / rate  # a lower bound only: a busy machine is slower still
    assert seaweed_admin.get_object(Bucket=bucket, Key="obj")["Body"].read() == data


def test_a_response_cut_short_is_noticed(proxy, seaweed, seaweed_admin, bucket) -> None:
    put(seaweed_admin, bucket, 256 * KIB)
    client = client_via(proxy, seaweed)
    proxy.set_faults(Fault.close(Direction.DOWN, after=100 * KIB, times=1))
    response = client.get_object(Bucket=bucket, Key="obj")  # the headers came through
    with pytest.raises(ResponseStreamingError, match="IncompleteRead") as caught:
        response["Body"].read()
    assert proxy.stats.closes == 1
    error = describe(caught.value, "download", bucket, "obj")
    assert error.message and error.fix


def test_drop_connections_cuts_a_transfer_in_flight(proxy, seaweed, seaweed_admin, bucket):
    put(seaweed_admin, bucket, 256 * KIB)
    client = client_via(proxy, seaweed)
    proxy.set_faults(Fault.throttle(Direction.DOWN, rate=64 * KIB))  # 4 s if left alone
    response = client.get_object(Bucket=bucket, Key="obj")
    body = response["Body"]
    body.read(16 * KIB)
    assert proxy.drop_connections(reset=True) == 1
    with pytest.raises(ResponseStreamingError):
        body.read()


def test_starts_on_a_free_port_and_stops_without_leaking(seaweed) -> None:
    proxy = FaultProxy(seaweed.host, seaweed.port).start()
    other = FaultProxy(seaweed.host, seaweed.port).start()
    assert proxy.port != other.port and proxy.port > 0
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=2) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # keep-alive: pumps stay
        assert sock.recv(100).startswith(b"HTTP/1.")
        assert any(t.name.startswith("fault-proxy-1-") for t in threading.enumerate())
    proxy.stop()
    other.stop()
    # every accept and pump thread has ended (names are the proxy's own)
    assert [t.name for t in threading.enumerate() if t.name.startswith("fault-proxy")] == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2).close()


def test_rules_are_checked_and_loopback_only() -> None:
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy("192.0.2.1", 80)
    with pytest.raises(ValueError):
        Fault.stall(Direction.DOWN, seconds=0)
    with pytest.raises(ValueError):
        Fault.stall(Direction.DOWN, seconds=1000)
    with pytest.raises(ValueError):
        Fault.throttle(Direction.UP, rate=0)


def test_tls_passes_through(seaweed_tls, test_ca) -> None:
    with fault_proxy_to(seaweed_tls.host, seaweed_tls.port) as tls_proxy:
        client = boto3.client(
            "s3",
            endpoint_url=tls_proxy.https_endpoint_url(),
            aws_access_key_id=seaweed_tls.access_key,
            aws_secret_access_key=seaweed_tls.secret_key,
            region_name="us-east-1",
            verify=seaweed_tls.ca_bundle,
            config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 3}),
        )
        tls_proxy.set_faults(Fault.reset(Direction.DOWN, after=0, times=1))
        assert "Buckets" in client.list_buckets()
        assert tls_proxy.stats.resets == 1
        assert tls_proxy.stats.connections == 2
