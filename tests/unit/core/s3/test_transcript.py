"""The request transcript: one line per attempt, bounded, and never a secret in it."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core import secrets
from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript, counts_between
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import ServerSideEncryption
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from tests.conftest import connection_for
from tests.fixtures.credential_servers import LocalServer, sts_short_lived
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with
from tests.unit.core.credentials.test_assume_role import role_spec
from tests.unit.core.transfers.conftest import SMALL, random_file


def _assert_no_secret(transcript: Transcript, *secret_values: str) -> None:
    text = "\n".join(line.text() for line in transcript.lines())
    assert text  # there is something to search
    for value in secret_values:
        assert value and value not in text


def test_each_attempt_is_one_line_with_its_fields(seaweed: RunningS3, bucket: str) -> None:
    transcript = Transcript()
    session = S3Session(connection_for(seaweed), transcript=transcript)
    client = session.client()
    client.put_object(Bucket=bucket, Key="a/b.txt", Body=b"hello")
    client.head_object(Bucket=bucket, Key="a/b.txt")
    list(session.list_prefix(bucket, "a/", delimiter=None))
    lines = transcript.lines()
    put = next(line for line in lines if line.operation == "PutObject")
    assert (put.method, put.bucket, put.key, put.status, put.sent, put.retry) == (
        "PUT",
        bucket,
        "a/b.txt",
        "200",
        5,
        0,
    )
    assert put.duration >= 0 and "PUT" in put.text() and f"{bucket}/a/b.txt" in put.text()
    assert [line.operation for line in lines][-2:] == ["HeadObject", "ListObjectsV2"]
    with pytest.raises(ClientError):  # a 404 is a line too
        client.head_object(Bucket=bucket, Key="nope")
    assert transcript.lines()[-1].status == "404"
    assert transcript.counts()["HeadObject"] == 2


def test_the_transcript_keeps_only_the_newest_lines_but_counts_all() -> None:
    transcript = Transcript(limit=3)
    fields: dict[str, Any] = dict(
        time=0.0,
        method="GET",
        bucket="b",
        key="k",
        status="200",
        duration=0.0,
        sent=0,
        received=0,
        retry=0,
    )
    before = transcript.counts()
    for _ in range(5):
        transcript.add(operation="GetObject", **fields)
    assert [line.seq for line in transcript.lines()] == [3, 4, 5]
    assert [line.seq for line in transcript.lines(after=4)] == [5]
    assert counts_between(before, transcript.counts()) == {"GetObject": 5}


def test_no_secret_after_static_keys_sts_and_sse_c(
    seaweed: RunningS3, moto: RunningS3, moto_admin: Any, bucket: str, tmp_path: Path
) -> None:
    transcript = Transcript()
    # static keys, with SSE-C uploads and downloads through the engine (small and multipart)
    sse_key = os.urandom(32)
    sse_b64 = base64.b64encode(sse_key).decode()
    sse_md5 = base64.b64encode(hashlib.md5(sse_key, usedforsecurity=False).digest()).decode()
    secrets.set_secret("transcript-sse", SSE_C_SECRET_KIND, sse_b64)
    options = replace(
        SMALL, sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref="transcript-sse"
    )
    session = S3Session(connection_for(seaweed), transcript=transcript)
    random_file(tmp_path / "up" / "small.bin", 1000)
    random_file(tmp_path / "up" / "big.bin", 7 * 1024 * 1024)
    engine = TransferEngine(session, sample_interval=0.05)
    try:
        snap = engine.wait(engine.upload(tmp_path / "up", bucket, "enc/", options), 60)
        assert snap.state is JobState.DONE, snap.error
        snap = engine.wait(engine.download(bucket, "enc/", tmp_path / "down", options), 60)
        assert snap.state is JobState.DONE, snap.error
    finally:
        engine.close()
    operations = {line.operation for line in transcript.lines()}
    assert {"PutObject", "UploadPart", "GetObject"} <= operations
    # STS: keys and a session token issued by moto's STS, used against moto's S3
    moto_admin.create_bucket(Bucket="transcript-role")
    role = S3Session(connection_with(moto, role_spec(moto.endpoint_url)), transcript=transcript)
    role.client().put_object(Bucket="transcript-role", Key="k", Body=b"x")
    frozen = role.credentials.get_frozen_credentials()  # type: ignore[union-attr]
    assert frozen.token
    # and keys from the local STS stand-in (tests/fixtures/credential_servers.py)
    with LocalServer(sts_short_lived(3600)) as sts:
        stand_in = S3Session(connection_with(moto, role_spec(sts.url)), transcript=transcript)
        stand_in.client().put_object(Bucket="transcript-role", Key="k2", Body=b"y")
    issued = [
        f"short-{what}-{n}" for n in range(1, len(sts.requests) + 1) for what in ("secret", "token")
    ]
    assert issued  # the stand-in issued the keys the requests were signed with
    _assert_no_secret(
        transcript,
        seaweed.secret_key,
        sse_b64,
        sse_md5,
        frozen.secret_key,
        frozen.token,
        *issued,
        "source-secret-never-shown",
    )
    text = "\n".join(line.text() for line in transcript.lines())
    assert "Signature" not in text and "Authorization" not in text


def test_sessions_record_into_the_process_transcript_by_default(
    seaweed: RunningS3, bucket: str
) -> None:
    from app.core.s3.transcript import process_transcript

    before = process_transcript().counts()
    S3Session(connection_for(seaweed)).client().head_bucket(Bucket=bucket)
    assert counts_between(before, process_transcript().counts())["HeadBucket"] == 1
