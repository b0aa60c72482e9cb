"""An SSE-C key never travels over plain HTTP to another machine: refused before sending."""

from __future__ import annotations

import os
from typing import Any

import pytest

from app.core.connection import Scheme
from app.core.s3.session import S3Session
from app.core.sse_c.errors import PlainHttpRefused
from app.core.sse_c.key_ring import customer_args
from app.core.sse_c.plain_http import is_loopback
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("minio.localhost", True),
        ("192.0.2.2", False),
        ("10.0.0.5", False),
        ("s3.example.com", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def _sent_requests(session: S3Session) -> list[str]:
    sent: list[str] = []
    client = session.client("us-east-1")

    def record(request: Any, **_: Any) -> None:
        sent.append(request.url)

    client.meta.events.register("before-send.s3", record)
    return sent


def test_a_non_loopback_http_endpoint_gets_no_request_with_a_key(seaweed: RunningS3) -> None:
    # A documentation address (RFC 5737): nothing answers there, and nothing may be tried.
    session = S3Session(connection_for(seaweed, host="192.0.2.77", port=9))
    sent = _sent_requests(session)
    client = session.client("us-east-1")
    with pytest.raises(PlainHttpRefused) as raised:
        client.head_object(Bucket="bucket", Key="k", **customer_args(os.urandom(32)))
    with pytest.raises(PlainHttpRefused):
        client.copy_object(
            Bucket="bucket",
            Key="k",
            CopySource={"Bucket": "bucket", "Key": "j"},
            CopySourceSSECustomerAlgorithm="AES256",
            CopySourceSSECustomerKey=os.urandom(32),
        )
    assert sent == []
    assert raised.value.host == "192.0.2.77"


def test_loopback_http_and_https_carry_keys(seaweed: RunningS3, seaweed_admin, bucket) -> None:
    key = os.urandom(32)
    seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"x", **customer_args(key))
    session = S3Session(connection_for(seaweed))
    assert session.connection.scheme is Scheme.HTTP
    sent = _sent_requests(session)
    head = session.client("us-east-1").head_object(Bucket=bucket, Key="k", **customer_args(key))
    assert head["ContentLength"] == 1 and len(sent) == 1
