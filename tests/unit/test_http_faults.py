"""The HTTP fault proxy proven with a real S3 client (botocore) against SeaweedFS: it passes
requests through unchanged, and each fault reaches the client as the fault it names."""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tests.conftest import admin_client
from tests.fixtures.http_faults import (
    HttpFault,
    HttpFaultKind,
    HttpFaultProxy,
    Request,
    http_fault_proxy_to,
)
from tests.fixtures.servers import RunningS3


@pytest.fixture
def proxy(seaweed: RunningS3) -> Iterator[HttpFaultProxy]:
    with http_fault_proxy_to(seaweed.host, seaweed.port) as running:
        yield running


def client_via(proxy: HttpFaultProxy, server: RunningS3, attempts: int = 1) -> object:
    return boto3.client(
        "s3",
        endpoint_url=proxy.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
        config=Config(
            s3={"addressing_style": "path"},
            retries={"mode": "standard", "total_max_attempts": attempts},
            read_timeout=2,
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


def is_get(request: Request) -> bool:
    return request.method == "GET" and not request.query


@pytest.fixture
def bucket_with_object(seaweed: RunningS3) -> tuple[str, bytes]:
    name = f"t-{uuid.uuid4().hex[:20]}"
    admin = admin_client(seaweed)
    admin.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    data = os.urandom(200_000)
    admin.put_object(Bucket=name, Key="obj", Body=data)  # type: ignore[attr-defined]
    return name, data


def test_requests_pass_through_unchanged(
    proxy: HttpFaultProxy, seaweed: RunningS3, bucket_with_object: tuple[str, bytes]
) -> None:
    bucket, data = bucket_with_object
    client = client_via(proxy, seaweed)
    client.put_object(Bucket=bucket, Key="put", Body=data)  # type: ignore[attr-defined]
    got = client.get_object(Bucket=bucket, Key="put")["Body"].read()  # type: ignore[attr-defined]
    assert got == data
    listed = client.list_objects_v2(Bucket=bucket)  # type: ignore[attr-defined]
    assert sorted(o["Key"] for o in listed["Contents"]) == ["obj", "put"]
    assert proxy.stats.requests == 3 and not proxy.stats.faults


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [(HttpFaultKind.SLOWDOWN, 503, "SlowDown"), (HttpFaultKind.ERROR_500, 500, "InternalError")],
)
def test_error_answers_reach_the_client(
    proxy: HttpFaultProxy,
    seaweed: RunningS3,
    bucket_with_object: tuple[str, bytes],
    kind: HttpFaultKind,
    status: int,
    code: str,
) -> None:
    bucket, _ = bucket_with_object
    proxy.set_faults(HttpFault(kind, is_get, times=1))
    client = client_via(proxy, seaweed)
    with pytest.raises(ClientError) as caught:
        client.get_object(Bucket=bucket, Key="obj")  # type: ignore[attr-defined]
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert client.get_object(Bucket=bucket, Key="obj")  # type: ignore[attr-defined]


def test_a_500_after_the_server_hides_a_change_that_happened(
    proxy: HttpFaultProxy, seaweed: RunningS3, bucket_with_object: tuple[str, bytes]
) -> None:
    bucket, _ = bucket_with_object
    proxy.set_faults(HttpFault(HttpFaultKind.ERROR_500_AFTER, lambda r: r.method == "PUT"))
    client = client_via(proxy, seaweed)
    with pytest.raises(ClientError):
        client.put_object(Bucket=bucket, Key="new", Body=b"made")  # type: ignore[attr-defined]
    assert admin_client(seaweed).get_object(Bucket=bucket, Key="new")["Body"].read() == b"made"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fault",
    [
        HttpFault(HttpFaultKind.CLOSE_AFTER_HEADERS, is_get),
        HttpFault(HttpFaultKind.TRUNCATE, is_get, offset=1000),
        HttpFault(HttpFaultKind.WRONG_LENGTH, is_get, delta=50),
        HttpFault(HttpFaultKind.STALL, is_get, seconds=3),
    ],
    ids=lambda f: f.kind.name,
)
def test_broken_bodies_fail_the_read(
    proxy: HttpFaultProxy,
    seaweed: RunningS3,
    bucket_with_object: tuple[str, bytes],
    fault: HttpFault,
) -> None:
    bucket, _ = bucket_with_object
    proxy.set_faults(fault)
    client = client_via(proxy, seaweed)
    with pytest.raises(BotoCoreError):
        client.get_object(Bucket=bucket, Key="obj")["Body"].read()  # type: ignore[attr-defined]


def test_a_corrupt_body_keeps_its_headers(
    proxy: HttpFaultProxy, seaweed: RunningS3, bucket_with_object: tuple[str, bytes]
) -> None:
    bucket, data = bucket_with_object
    proxy.set_faults(HttpFault(HttpFaultKind.CORRUPT, is_get, offset=12345))
    client = client_via(proxy, seaweed)
    answer = client.get_object(Bucket=bucket, Key="obj")  # type: ignore[attr-defined]
    got = answer["Body"].read()
    assert len(got) == len(data) and got != data
    assert answer["ETag"].strip('"') == hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_a_corrupt_request_body_is_refused_by_the_server(
    proxy: HttpFaultProxy, seaweed: RunningS3, bucket_with_object: tuple[str, bytes]
) -> None:
    bucket, _ = bucket_with_object
    proxy.set_faults(HttpFault(HttpFaultKind.CORRUPT, lambda r: r.method == "PUT", offset=7))
    client = client_via(proxy, seaweed)
    body = os.urandom(5000)
    with pytest.raises(ClientError):
        client.put_object(  # type: ignore[attr-defined]
            Bucket=bucket, Key="bad", Body=body, ContentMD5=_md5_b64(body)
        )


def _md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
