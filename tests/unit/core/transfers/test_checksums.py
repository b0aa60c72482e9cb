"""Checksums against published check values and against what a real S3 server (SeaweedFS) says."""

from __future__ import annotations

import base64
import hashlib
import os
import zlib
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from app.core.transfers import checksums
from app.core.transfers.checksums import ChecksumAlgorithm

CHECK_INPUT = b"123456789"


def _md5(data: bytes):
    return hashlib.md5(data, usedforsecurity=False)


def test_crc32c_matches_the_published_check_value() -> None:
    # RFC 3720 (iSCSI) B.4 and the CRC catalogue: CRC-32C("123456789") = 0xE3069283
    assert checksums.crc32c_pure(CHECK_INPUT) == 0xE3069283
    assert checksums.crc32c(CHECK_INPUT) == 0xE3069283
    # RFC 3720 B.4: 32 bytes of zeros / of 0xFF
    assert checksums.crc32c_pure(bytes(32)) == 0x8A9136AA
    assert checksums.crc32c_pure(b"\xff" * 32) == 0x62A8AB43


def test_crc32c_continues_across_chunks() -> None:
    data = os.urandom(10_000)
    whole = checksums.crc32c_pure(data)
    running = 0
    for start in range(0, len(data), 777):
        running = checksums.crc32c_pure(data[start : start + 777], running)
    assert running == whole
    assert checksums.crc32c(data) == whole


def test_backend_is_named() -> None:
    assert checksums.CRC32C_BACKEND in {"awscrt", "google_crc32c", "crc32c", "pure-python"}
    assert checksums.CRC64NVME_BACKEND in {"awscrt", "pure-python"}


def test_crc64nvme_matches_the_published_check_value_in_every_backend() -> None:
    # The CRC catalogue's CRC-64/NVME: check value 0xAE8B14860A799888 for "123456789".
    assert checksums.crc64nvme_pure(CHECK_INPUT) == 0xAE8B14860A799888
    assert checksums.crc64nvme(CHECK_INPUT) == 0xAE8B14860A799888
    data = os.urandom(70_001)
    running = 0
    for start in range(0, len(data), 4099):  # any chunking, any buffer type, no copy needed
        running = checksums.crc64nvme(memoryview(data)[start : start + 4099], running)
    assert running == checksums.crc64nvme_pure(bytearray(data)) == checksums.crc64nvme(data)
    expected = base64.b64encode((0xAE8B14860A799888).to_bytes(8, "big")).decode()
    assert checksums.checksum_b64(ChecksumAlgorithm.CRC64NVME, CHECK_INPUT) == expected


@pytest.mark.parametrize(
    ("algorithm", "expected"),
    [
        (ChecksumAlgorithm.CRC32, base64.b64encode((0xCBF43926).to_bytes(4, "big")).decode()),
        (ChecksumAlgorithm.CRC32C, base64.b64encode((0xE3069283).to_bytes(4, "big")).decode()),
        (ChecksumAlgorithm.MD5, base64.b64encode(_md5(CHECK_INPUT).digest()).decode()),
        (ChecksumAlgorithm.SHA256, base64.b64encode(hashlib.sha256(CHECK_INPUT).digest()).decode()),
    ],
)
def test_streaming_checksum_in_s3_encoding(algorithm: ChecksumAlgorithm, expected: str) -> None:
    streaming = checksums.new_checksum(algorithm)
    for byte in CHECK_INPUT:
        streaming.update(bytes([byte]))
    assert streaming.b64() == expected
    assert checksums.checksum_b64(algorithm.value, CHECK_INPUT) == expected


def test_file_checksums_of_a_range_in_one_pass(tmp_path: Path) -> None:
    data = os.urandom(300_000)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    got = checksums.file_checksums(
        path, [ChecksumAlgorithm.MD5, ChecksumAlgorithm.CRC32], 1000, 200_000, chunk_size=4096
    )
    part = data[1000:201_000]
    assert got[ChecksumAlgorithm.MD5] == base64.b64encode(_md5(part).digest()).decode()
    crc = zlib.crc32(part).to_bytes(4, "big")
    assert got[ChecksumAlgorithm.CRC32] == base64.b64encode(crc).decode()
    with pytest.raises(ValueError, match="ended 100 bytes before"):
        checksums.file_checksums(path, ["SHA256"], 299_000, 1100)


def test_etag_helpers() -> None:
    md5 = _md5(b"x").hexdigest()
    assert checksums.is_plain_md5_etag(f'"{md5}"')
    assert checksums.is_plain_md5_etag(md5, server_side_encryption="AES256")
    assert not checksums.is_plain_md5_etag(f'"{md5}"', server_side_encryption="aws:kms")
    assert not checksums.is_plain_md5_etag(md5, server_side_encryption="aws:kms:dsse")
    assert not checksums.is_plain_md5_etag(md5, sse_customer_algorithm="AES256")
    assert not checksums.is_plain_md5_etag(f'"{md5}-2"')
    assert not checksums.is_plain_md5_etag('"not-an-md5"')
    assert checksums.md5_hex_from_etag(f'W/"{md5.upper()}"') == md5
    assert checksums.multipart_part_count(f'"{md5}-12"') == 12
    assert checksums.multipart_part_count(f'"{md5}"') is None
    assert checksums.is_plain_md5_response({"ETag": f'"{md5}"'})
    assert not checksums.is_plain_md5_response(
        {"ETag": f'"{md5}"', "SSECustomerAlgorithm": "AES256"}
    )


def test_multipart_etag_and_composite_arithmetic() -> None:
    parts = [b"a" * 10, b"b" * 7]
    digests = [_md5(p).digest() for p in parts]
    assert checksums.multipart_etag(digests) == _md5(b"".join(digests)).hexdigest() + "-2"
    crcs = [checksums.checksum_b64("CRC32", p) for p in parts]
    raw = b"".join(base64.b64decode(c) for c in crcs)
    assert (
        checksums.composite_checksum("CRC32", crcs) == checksums.checksum_b64("CRC32", raw) + "-2"
    )
    assert checksums.split_checksum("AbCd==-3") == ("AbCd==", 3)
    assert checksums.split_checksum("AbCd==") == ("AbCd==", None)
    with pytest.raises(ValueError):
        checksums.composite_checksum("MD5", crcs)
    with pytest.raises(ValueError):
        checksums.composite_checksum("CRC32", ["***"])
    with pytest.raises(ValueError):
        checksums.multipart_etag([])


# -- against SeaweedFS -----------------------------------------------------------------------

PART = 5 * 1024 * 1024  # S3's minimum part size for every part but the last


def test_server_accepts_our_crc32c_and_rejects_a_wrong_one(seaweed_admin, bucket: str) -> None:
    data = os.urandom(100_000)
    good = checksums.checksum_b64("CRC32C", data)
    seaweed_admin.put_object(Bucket=bucket, Key="k", Body=data, ChecksumCRC32C=good)
    head = seaweed_admin.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32C"] == good
    assert checksums.is_plain_md5_response(head)
    assert checksums.md5_hex_from_etag(head["ETag"]) == _md5(data).hexdigest()
    wrong = checksums.checksum_b64("CRC32C", data + b"!")
    with pytest.raises(ClientError, match=r"(?i)checksum|digest"):
        seaweed_admin.put_object(Bucket=bucket, Key="k2", Body=data, ChecksumCRC32C=wrong)


def test_multipart_etag_and_composite_crc32c_match_the_server(seaweed_admin, bucket: str) -> None:
    parts = [os.urandom(PART), os.urandom(1234)]
    upload = seaweed_admin.create_multipart_upload(
        Bucket=bucket, Key="mp", ChecksumAlgorithm="CRC32C"
    )
    done = []
    for number, body in enumerate(parts, start=1):
        crc = checksums.checksum_b64("CRC32C", body)
        reply = seaweed_admin.upload_part(
            Bucket=bucket,
            Key="mp",
            UploadId=upload["UploadId"],
            PartNumber=number,
            Body=body,
            ChecksumAlgorithm="CRC32C",
            ChecksumCRC32C=crc,
        )
        done.append({"PartNumber": number, "ETag": reply["ETag"], "ChecksumCRC32C": crc})
    seaweed_admin.complete_multipart_upload(
        Bucket=bucket, Key="mp", UploadId=upload["UploadId"], MultipartUpload={"Parts": done}
    )
    head = seaweed_admin.head_object(Bucket=bucket, Key="mp", ChecksumMode="ENABLED")
    expected_etag = checksums.multipart_etag([_md5(p).digest() for p in parts])
    assert checksums.unquote_etag(head["ETag"]) == expected_etag
    assert not checksums.is_plain_md5_response(head)
    assert head["ChecksumCRC32C"] == checksums.composite_checksum(
        "CRC32C", [p["ChecksumCRC32C"] for p in done]
    )


def _crc32c_bitwise(data: bytes) -> int:
    """The textbook bit-at-a-time CRC32C, as an independent reference."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def test_sliced_crc32c_matches_the_bitwise_one_at_every_length_and_alignment() -> None:
    data = os.urandom(64)
    for start in range(8):
        for end in range(start, len(data) + 1):
            piece = data[start:end]
            expected = _crc32c_bitwise(piece)
            assert checksums.crc32c_pure(piece) == expected
            assert checksums.crc32c_pure(memoryview(data)[start:end]) == expected
            assert checksums.crc32c(bytearray(piece)) == expected


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "CRC64NVME"])
def test_crc_combine_equals_the_crc_of_the_concatenation(algorithm: str) -> None:
    crc = {"CRC32": zlib.crc32, "CRC32C": checksums.crc32c, "CRC64NVME": checksums.crc64nvme}[
        algorithm
    ]
    for len_a, len_b in [(0, 0), (1, 0), (0, 1), (7, 9), (1000, 12345), (3, 1 << 20)]:
        a, b = os.urandom(len_a), os.urandom(len_b)
        assert checksums.crc_combine(algorithm, crc(a), crc(b), len(b)) == crc(a + b)
    parts = [os.urandom(n) for n in (10, 0, 333, 4096)]
    b64 = [(checksums.checksum_b64(algorithm, p), len(p)) for p in parts]
    whole = checksums.checksum_b64(algorithm, b"".join(parts))
    assert checksums.full_object_checksum(algorithm, b64) == whole
    with pytest.raises(ValueError, match="cannot be combined"):
        checksums.crc_combine("SHA256", 1, 2, 3)


def test_full_object_crc32c_of_a_multipart_upload_matches_the_server(seaweed_admin, bucket):
    parts = [os.urandom(PART), os.urandom(4321)]
    upload = seaweed_admin.create_multipart_upload(
        Bucket=bucket, Key="full", ChecksumAlgorithm="CRC32C", ChecksumType="FULL_OBJECT"
    )
    done = []
    for number, body in enumerate(parts, start=1):
        crc = checksums.checksum_b64("CRC32C", body)
        reply = seaweed_admin.upload_part(
            Bucket=bucket,
            Key="full",
            UploadId=upload["UploadId"],
            PartNumber=number,
            Body=body,
            ChecksumAlgorithm="CRC32C",
            ChecksumCRC32C=crc,
        )
        done.append({"PartNumber": number, "ETag": reply["ETag"], "ChecksumCRC32C": crc})
    ours = checksums.full_object_checksum(
        "CRC32C", [(d["ChecksumCRC32C"], len(p)) for d, p in zip(done, parts, strict=True)]
    )
    seaweed_admin.complete_multipart_upload(
        Bucket=bucket,
        Key="full",
        UploadId=upload["UploadId"],
        MultipartUpload={"Parts": done},
        ChecksumCRC32C=ours,
        ChecksumType="FULL_OBJECT",
    )
    head = seaweed_admin.head_object(Bucket=bucket, Key="full", ChecksumMode="ENABLED")
    assert head["ChecksumType"] == "FULL_OBJECT"
    assert head["ChecksumCRC32C"] == ours == checksums.checksum_b64("CRC32C", b"".join(parts))
