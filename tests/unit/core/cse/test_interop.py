"""Eider's client-side encryption and the official S3 Encryption Client (Python, v4) read each
other's objects, small and multipart, with moto's KMS. The official client runs with its
defaults: it writes the key-committing v3 format and refuses to read anything without key
commitment, so these tests also prove Eider writes v3."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from s3_encryption import S3EncryptionClient

from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions

SMALL = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB, download_chunk_size=MIB)


@pytest.mark.parametrize("size", [0, 1000, 12 * MIB + 7], ids=["empty", "small", "multipart"])
def test_eider_encrypts_and_the_official_client_decrypts(
    size: int,
    moto_engine: Callable[..., TransferEngine],
    official: S3EncryptionClient,
    moto_admin: Any,
    moto_bucket: str,
    kms_key_id: str,
    tmp_path: Path,
) -> None:
    data = os.urandom(size)
    (tmp_path / "f.bin").write_bytes(data)
    engine = moto_engine()
    options = replace(SMALL, cse_kms_key_id=kms_key_id)
    snap = engine.wait(engine.upload(tmp_path / "f.bin", moto_bucket, "f.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error

    stored = moto_admin.get_object(Bucket=moto_bucket, Key="f.bin")
    assert stored["Metadata"]["x-amz-c"] == "115"  # v3, key-committing
    assert stored["Metadata"]["x-amz-w"] == "12"  # kms+context
    assert stored["ContentLength"] == size + 16
    if size:
        assert data[:64] not in stored["Body"].read()
    if size > 6 * MIB:
        assert "-" in stored["ETag"]  # it went up in parts
    got = official.get_object(Bucket=moto_bucket, Key="f.bin")["Body"].read()
    assert got == data


@pytest.mark.parametrize("size", [1000, 12 * MIB + 7], ids=["small", "multipart"])
def test_the_official_client_encrypts_and_eider_decrypts(
    size: int,
    moto_engine: Callable[..., TransferEngine],
    official: S3EncryptionClient,
    moto_admin: Any,
    moto_bucket: str,
    kms_key_id: str,
    tmp_path: Path,
) -> None:
    data = os.urandom(size)
    (tmp_path / "src.bin").write_bytes(data)
    official.upload_file(
        str(tmp_path / "src.bin"),
        moto_bucket,
        "o.bin",
        multipart_threshold=6 * MIB,
        multipart_chunksize=5 * MIB,
    )
    head = moto_admin.head_object(Bucket=moto_bucket, Key="o.bin")
    assert head["Metadata"]["x-amz-c"] == "115"
    engine = moto_engine()
    options = replace(SMALL, cse_kms_key_id=kms_key_id)
    target = tmp_path / "back.bin"
    snap = engine.wait(engine.download(moto_bucket, "o.bin", target, options), 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data
    assert not list(tmp_path.glob("*.eider-partial"))
