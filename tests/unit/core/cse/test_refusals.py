"""A wrong key or a changed object fails with an authentication error in words, and no
plaintext reaches the target name (an existing file there is left as it was)."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.cse.key_store import store_local_key
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions

SMALL = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB, download_chunk_size=MIB)


def _upload(engine: TransferEngine, path: Path, bucket: str, options: TransferOptions) -> None:
    snap = engine.wait(engine.upload(path, bucket, "secret.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error


def _failed_download(
    engine: TransferEngine, bucket: str, target: Path, options: TransferOptions
) -> str:
    target.write_bytes(b"what was here before")
    snap = engine.wait(engine.download(bucket, "secret.bin", target, options), 60)
    assert snap.state is JobState.FAILED
    assert len(snap.failures) == 1
    assert target.read_bytes() == b"what was here before"
    assert not list(target.parent.glob("*.eider-partial"))
    return snap.failures[0].message


def test_a_wrong_local_key_is_an_authentication_error(
    moto_engine: Callable[..., TransferEngine], moto_bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "f.bin").write_bytes(os.urandom(5000))
    engine = moto_engine()
    _upload(
        engine,
        tmp_path / "f.bin",
        moto_bucket,
        replace(SMALL, cse_key_ref=store_local_key(os.urandom(32))),
    )
    wrong = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    message = _failed_download(engine, moto_bucket, tmp_path / "back.bin", wrong)
    assert "not encrypted with this client-side key" in message
    assert "Nothing was written under the target name" in message


def test_a_wrong_kms_key_is_an_authentication_error(
    moto_engine: Callable[..., TransferEngine],
    moto_bucket: str,
    kms: Any,
    kms_key_id: str,
    tmp_path: Path,
) -> None:
    (tmp_path / "f.bin").write_bytes(os.urandom(5000))
    engine = moto_engine()
    _upload(engine, tmp_path / "f.bin", moto_bucket, replace(SMALL, cse_kms_key_id=kms_key_id))
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    message = _failed_download(
        engine, moto_bucket, tmp_path / "back.bin", replace(SMALL, cse_kms_key_id=other)
    )
    assert f"KMS refused to unwrap the object's data key with {other}" in message


def test_a_local_key_for_a_kms_object_says_which_key_is_needed(
    moto_engine: Callable[..., TransferEngine], moto_bucket: str, kms_key_id: str, tmp_path: Path
) -> None:
    (tmp_path / "f.bin").write_bytes(os.urandom(100))
    engine = moto_engine()
    _upload(engine, tmp_path / "f.bin", moto_bucket, replace(SMALL, cse_kms_key_id=kms_key_id))
    local = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    message = _failed_download(engine, moto_bucket, tmp_path / "back.bin", local)
    assert "wrapped by KMS" in message and "--cse-kms-key-id" in message


@pytest.mark.parametrize("size", [5000, 13 * MIB], ids=["small", "multipart"])
def test_one_flipped_byte_on_the_server_fails_authentication(
    size: int,
    moto_engine: Callable[..., TransferEngine],
    moto_admin: Any,
    moto_bucket: str,
    tmp_path: Path,
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    (tmp_path / "f.bin").write_bytes(os.urandom(size))
    engine = moto_engine()
    _upload(engine, tmp_path / "f.bin", moto_bucket, options)
    stored = moto_admin.get_object(Bucket=moto_bucket, Key="secret.bin")
    body = bytearray(stored["Body"].read())
    body[len(body) // 2] ^= 0x01
    moto_admin.put_object(
        Bucket=moto_bucket, Key="secret.bin", Body=bytes(body), Metadata=stored["Metadata"]
    )
    message = _failed_download(engine, moto_bucket, tmp_path / "back.bin", options)
    assert "failed authentication" in message
    assert "Nothing was written under the target name" in message


def test_a_changed_key_commitment_is_refused_before_any_byte_is_read(
    moto_engine: Callable[..., TransferEngine],
    moto_admin: Any,
    moto_bucket: str,
    tmp_path: Path,
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    (tmp_path / "f.bin").write_bytes(os.urandom(100))
    engine = moto_engine()
    _upload(engine, tmp_path / "f.bin", moto_bucket, options)
    meta = moto_admin.head_object(Bucket=moto_bucket, Key="secret.bin")["Metadata"]
    meta["x-amz-d"] = base64.b64encode(os.urandom(28)).decode()
    moto_admin.copy_object(
        Bucket=moto_bucket,
        Key="secret.bin",
        CopySource={"Bucket": moto_bucket, "Key": "secret.bin"},
        Metadata=meta,
        MetadataDirective="REPLACE",
    )
    message = _failed_download(engine, moto_bucket, tmp_path / "back.bin", options)
    assert "key commitment does not match" in message


def test_a_key_no_longer_kept_anywhere_says_how_to_give_it_again(
    moto_engine: Callable[..., TransferEngine], moto_bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "f.bin").write_bytes(b"x")
    engine = moto_engine()
    options = replace(SMALL, cse_key_ref="cse-key-file:0123456789abcdef")  # never stored
    snap = engine.wait(engine.upload(tmp_path / "f.bin", moto_bucket, "f.bin", options), 60)
    assert snap.state is JobState.FAILED
    message = snap.failures[0].message
    assert "is not in the keyring, the vault or this session's memory" in message
    assert "--cse-key-file" in message
