from __future__ import annotations

import base64
import hashlib
import os
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from app.core.s3 import thread_guard
from app.core.s3.lean_requests import LeanRequests
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _count_client_calls(lean: LeanRequests, client: Any, bucket: str) -> list[str]:
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


def test_put_and_get_skip_botocore_and_keep_every_field(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = LeanRequests(session)
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
    lean = LeanRequests(session)
    client = session.client_for_bucket(bucket)

    got = lean.get_object(client, Bucket=bucket, Key="r.bin", Range="bytes=2-5", IfMatch=etag)

    assert got["Body"].read() == b"2345"
    assert got["ContentRange"] == "bytes 2-5/10"


def test_a_wrong_content_md5_is_refused_through_the_client(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = LeanRequests(session)
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
    lean = LeanRequests(session)
    client = session.client_for_bucket(bucket)

    with pytest.raises(ClientError) as caught:
        lean.get_object(client, Bucket=bucket, Key="nothing-here")

    assert caught.value.response["Error"]["Code"] in ("NoSuchKey", "404")


def test_what_it_does_not_map_goes_through_the_client(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    lean = LeanRequests(session)
    client = session.client_for_bucket(bucket)
    calls = _count_client_calls(lean, client, bucket)

    lean.put_object(client, Bucket=bucket, Key="d", Body=b"x", ContentDisposition="inline")
    with pytest.raises(ParamValidationError, match="ASCII"):
        lean.put_object(client, Bucket=bucket, Key="m", Body=b"x", Metadata={"note": "café"})

    assert calls == ["PutObject", "PutObject"]  # botocore's own rules and messages apply
    assert seaweed_admin.head_object(Bucket=bucket, Key="d")["ContentDisposition"] == "inline"


def test_the_gui_thread_guard_still_refuses(session: S3Session, bucket: str) -> None:
    lean = LeanRequests(session)
    client = session.client_for_bucket(bucket)
    thread_guard.forbid_current_thread()
    try:
        with pytest.raises(thread_guard.BlockingCallOnForbiddenThread):
            lean.get_object(client, Bucket=bucket, Key="k")
    finally:
        thread_guard.allow_current_thread()
