"""A local AES-256 key wraps the data key (AES/GCM): Eider's own round trip, and the official
package's pipeline reading Eider's objects through a keyring written from the specification."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from s3_encryption import S3EncryptionClient, S3EncryptionClientConfig

from app.core.cse.key_store import store_local_key
from app.core.s3 import encryption_state
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import admin_client
from tests.fixtures.servers import RunningS3
from tests.fixtures.spec_aes_keyring import SpecAesGcmKeyring

SMALL = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB, download_chunk_size=MIB)


@pytest.mark.parametrize("size", [1000, 11 * MIB + 3], ids=["small", "multipart"])
def test_eider_round_trip_and_the_official_pipeline_decrypts(
    size: int,
    moto: RunningS3,
    moto_engine: Callable[..., TransferEngine],
    moto_admin: Any,
    moto_bucket: str,
    tmp_path: Path,
) -> None:
    key = os.urandom(32)
    options = replace(SMALL, cse_key_ref=store_local_key(key))
    data = os.urandom(size)
    (tmp_path / "f.bin").write_bytes(data)
    engine = moto_engine()
    snap = engine.wait(engine.upload(tmp_path / "f.bin", moto_bucket, "f.bin", options), 60)
    assert snap.state is JobState.DONE, snap.error
    head = moto_admin.head_object(Bucket=moto_bucket, Key="f.bin")
    assert (head["Metadata"]["x-amz-c"], head["Metadata"]["x-amz-w"]) == ("115", "02")
    assert encryption_state.classify(head) == encryption_state.CLIENT_SIDE  # the browser's column

    target = tmp_path / "back.bin"
    snap = engine.wait(engine.download(moto_bucket, "f.bin", target, options), 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data

    config = S3EncryptionClientConfig(keyring=SpecAesGcmKeyring(key))
    official = S3EncryptionClient(admin_client(moto), config)
    assert official.get_object(Bucket=moto_bucket, Key="f.bin")["Body"].read() == data
