"""How a download reads bodies and picks its whole-file checksums."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from typing import Any

import pytest
from botocore.httpchecksum import Crc32Checksum, StreamingChecksumBody
from botocore.response import StreamingBody

from app.core.s3 import botocore_private
from app.core.s3.session import S3Session
from app.core.transfers.body_reader import BodyReader
from app.core.transfers.download import _whole_object_algorithms
from app.core.transfers.options import ChecksumAlgorithm, TransferOptions
from app.core.transfers.retry import IntegrityError
from app.core.transfers.upload import SHA256_META

PLAIN = "0123456789abcdef0123456789abcdef"


def _facts(etag: str = PLAIN, encrypted: bool = False, **extra: Any) -> dict[str, Any]:
    return {"etag": etag, "encrypted": encrypted, "metadata": extra.pop("metadata", {}), **extra}


@pytest.mark.parametrize(
    ("facts", "mode", "wanted"),
    [
        (_facts(), "ranges", [ChecksumAlgorithm.MD5]),
        (_facts(ChecksumCRC32C="AAAAAA=="), "ranges", [ChecksumAlgorithm.CRC32C]),
        (_facts(metadata={SHA256_META: "ab" * 32}), "ranges", [ChecksumAlgorithm.SHA256]),
        (_facts(encrypted=True), "ranges", []),  # an SSE-KMS/SSE-C ETag is not an MD5
        (_facts(f"{PLAIN}-3"), "parts", []),  # checked part by part against the ETag
        (_facts(f"{PLAIN}-3", ChecksumCRC32="AAAAAA=="), "parts", [ChecksumAlgorithm.CRC32]),
        (_facts(f"{PLAIN}-3", ChecksumCRC32="AAAAAA==-3"), "parts", []),  # composite: per part
    ],
)
def test_md5_over_the_whole_file_only_when_nothing_cheaper_checks_it(
    facts: dict[str, Any], mode: str, wanted: list[ChecksumAlgorithm]
) -> None:
    assert _whole_object_algorithms(TransferOptions(), facts, mode) == wanted


def test_nothing_is_hashed_when_verification_is_off() -> None:
    options = replace(TransferOptions(), verify_download=False)
    assert _whole_object_algorithms(options, _facts(ChecksumCRC32="AAAAAA=="), "ranges") == []


def test_a_body_of_another_shape_is_read_and_copied_in() -> None:
    data = os.urandom(300_000)
    reader = BodyReader(StreamingBody(io.BytesIO(data), len(data)))
    assert not reader.direct
    buffer = memoryview(bytearray(100_000))
    got = bytearray()
    while n := reader.readinto(buffer):
        got += buffer[:n]
    reader.close(complete=True)
    assert bytes(got) == data


def test_a_body_botocore_checks_keeps_its_check() -> None:
    data = os.urandom(200_000)
    # Injected: a response whose checksum header does not match its bytes, as botocore wraps
    # one when it validates response checksums.
    body = StreamingChecksumBody(io.BytesIO(data), len(data), Crc32Checksum(), "AAAAAA==")
    reader = BodyReader(body)
    assert not reader.direct
    buffer = memoryview(bytearray(len(data)))
    assert reader.readinto(buffer) == len(data)
    with pytest.raises(IntegrityError, match="checksum"):
        reader.close(complete=True)


def test_a_botocore_body_is_read_in_place_and_its_connection_reused(
    seaweed_admin: Any, bucket: str, session: S3Session
) -> None:
    data = os.urandom(3 * 1024 * 1024 + 5)
    seaweed_admin.put_object(Bucket=bucket, Key="body.bin", Body=data)
    client = session.client()
    connections = []
    for _ in range(2):
        response = client.get_object(Bucket=bucket, Key="body.bin")
        reader = BodyReader(response["Body"])
        assert reader.direct
        connections.append(botocore_private.body_streams(response["Body"])[0].connection)
        buffer = memoryview(bytearray(1024 * 1024))
        got = bytearray()
        while n := reader.readinto(buffer):
            got += buffer[:n]
        reader.close(complete=True)
        assert bytes(got) == data
    assert connections[0] is connections[1], "a fully read body gives its connection back"
