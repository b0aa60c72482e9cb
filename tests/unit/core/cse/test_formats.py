"""Eider reads v2 objects (the official client's former default) and envelopes kept in
instruction files, and refuses envelopes that mix formats."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from s3_encryption import S3EncryptionClient, S3EncryptionClientConfig
from s3_encryption.materials.kms_keyring import KmsKeyring
from s3_encryption.materials.materials import AlgorithmSuite, CommitmentPolicy

from app.core.cse.envelope import ENVELOPE_NAMES
from app.core.cse.key_store import store_local_key
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import admin_client
from tests.fixtures.servers import RunningS3

SMALL = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB, download_chunk_size=MIB)
V3_OBJECT_ONLY = {"x-amz-c", "x-amz-d", "x-amz-i"}


def _official_v2(moto: RunningS3, kms: Any, kms_key_id: str) -> S3EncryptionClient:
    config = S3EncryptionClientConfig(
        keyring=KmsKeyring(kms, kms_key_id),
        encryption_algorithm=AlgorithmSuite.ALG_AES_256_GCM_IV12_TAG16_NO_KDF,
        commitment_policy=CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT,
    )
    return S3EncryptionClient(admin_client(moto), config)


def _move_envelope_to_instruction_file(
    admin: Any,
    bucket: str,
    key: str,
    keep: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    meta = admin.head_object(Bucket=bucket, Key=key)["Metadata"]
    envelope = {k: v for k, v in meta.items() if k in ENVELOPE_NAMES and k not in keep}
    rest = {k: v for k, v in meta.items() if k not in envelope}
    admin.copy_object(
        Bucket=bucket,
        Key=key,
        CopySource={"Bucket": bucket, "Key": key},
        Metadata=rest,
        MetadataDirective="REPLACE",
    )
    admin.put_object(Bucket=bucket, Key=key + ".instruction", Body=json.dumps(envelope).encode())


def _download(engine: TransferEngine, bucket: str, target: Path, options: TransferOptions) -> Any:
    return engine.wait(engine.download(bucket, "o.bin", target, options), 60)


def test_v2_objects_of_the_official_client_are_read(
    moto: RunningS3,
    moto_engine: Callable[..., TransferEngine],
    moto_admin: Any,
    moto_bucket: str,
    kms: Any,
    kms_key_id: str,
    tmp_path: Path,
) -> None:
    data = os.urandom(12 * MIB + 1)
    (tmp_path / "src").write_bytes(data)
    _official_v2(moto, kms, kms_key_id).upload_file(
        str(tmp_path / "src"), moto_bucket, "o.bin", multipart_chunksize=5 * MIB
    )
    assert moto_admin.head_object(Bucket=moto_bucket, Key="o.bin")["Metadata"]["x-amz-cek-alg"] == (
        "AES/GCM/NoPadding"
    )
    snap = _download(
        moto_engine(), moto_bucket, tmp_path / "back", replace(SMALL, cse_kms_key_id=kms_key_id)
    )
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back").read_bytes() == data


def test_a_v2_envelope_in_an_instruction_file_is_read(
    moto: RunningS3,
    moto_engine: Callable[..., TransferEngine],
    moto_admin: Any,
    moto_bucket: str,
    kms: Any,
    kms_key_id: str,
    tmp_path: Path,
) -> None:
    data = os.urandom(3000)
    _official_v2(moto, kms, kms_key_id).put_object(Bucket=moto_bucket, Key="o.bin", Body=data)
    _move_envelope_to_instruction_file(moto_admin, moto_bucket, "o.bin")
    assert "x-amz-key-v2" not in moto_admin.head_object(Bucket=moto_bucket, Key="o.bin")["Metadata"]
    snap = _download(
        moto_engine(), moto_bucket, tmp_path / "back", replace(SMALL, cse_kms_key_id=kms_key_id)
    )
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back").read_bytes() == data


def test_a_v3_envelope_split_between_metadata_and_instruction_file_is_read(
    moto_engine: Callable[..., TransferEngine], moto_admin: Any, moto_bucket: str, tmp_path: Path
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    data = os.urandom(3000)
    (tmp_path / "src").write_bytes(data)
    engine = moto_engine()
    assert (
        engine.wait(engine.upload(tmp_path / "src", moto_bucket, "o.bin", options), 60).state
        is JobState.DONE
    )
    _move_envelope_to_instruction_file(moto_admin, moto_bucket, "o.bin", keep=V3_OBJECT_ONLY)
    snap = _download(engine, moto_bucket, tmp_path / "back", options)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back").read_bytes() == data


def test_an_instruction_file_that_claims_the_object_s_own_names_is_refused(
    moto_engine: Callable[..., TransferEngine], moto_admin: Any, moto_bucket: str, tmp_path: Path
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    (tmp_path / "src").write_bytes(os.urandom(100))
    engine = moto_engine()
    assert (
        engine.wait(engine.upload(tmp_path / "src", moto_bucket, "o.bin", options), 60).state
        is JobState.DONE
    )
    # Everything moved out, x-amz-c/d/i included: a writer never does that.
    _move_envelope_to_instruction_file(moto_admin, moto_bucket, "o.bin")
    snap = _download(engine, moto_bucket, tmp_path / "back", options)
    assert snap.state is JobState.FAILED
    assert "only the object's own metadata may hold" in snap.failures[0].message
    assert not (tmp_path / "back").exists()


def test_metadata_mixing_v2_and_v3_keys_is_refused(
    moto_engine: Callable[..., TransferEngine], moto_admin: Any, moto_bucket: str, tmp_path: Path
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    (tmp_path / "src").write_bytes(os.urandom(100))
    engine = moto_engine()
    assert (
        engine.wait(engine.upload(tmp_path / "src", moto_bucket, "o.bin", options), 60).state
        is JobState.DONE
    )
    meta = moto_admin.head_object(Bucket=moto_bucket, Key="o.bin")["Metadata"]
    meta["x-amz-key-v2"] = meta["x-amz-3"]
    moto_admin.copy_object(
        Bucket=moto_bucket,
        Key="o.bin",
        CopySource={"Bucket": moto_bucket, "Key": "o.bin"},
        Metadata=meta,
        MetadataDirective="REPLACE",
    )
    snap = _download(engine, moto_bucket, tmp_path / "back", options)
    assert snap.state is JobState.FAILED
    assert "mixes format versions" in snap.failures[0].message


def test_plain_objects_download_as_they_are_with_a_cse_key_given(
    moto_engine: Callable[..., TransferEngine], moto_admin: Any, moto_bucket: str, tmp_path: Path
) -> None:
    moto_admin.put_object(Bucket=moto_bucket, Key="o.bin", Body=b"not encrypted")
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    snap = _download(moto_engine(), moto_bucket, tmp_path / "back", options)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back").read_bytes() == b"not encrypted"
