"""A stored object whose bytes no longer match the CRC64NVME the server keeps for it.

moto keeps whatever checksum a PutObject claims, unchecked (SeaweedFS refuses a wrong one with
BadDigest), so on moto an object can be stored for real with one byte changed and the original
claim kept: what a provider's silent corruption at rest looks like to a client.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from app.core.integrity_policy import IntegrityPolicy
from app.core.s3.session import S3Session
from app.core.transfers import checksums
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def test_the_servers_crc_catches_a_byte_changed_at_rest(
    moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = f"r-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    data = os.urandom(3 * MIB)
    claim = checksums.checksum_b64("CRC64NVME", data)
    altered = bytearray(data)
    altered[123_456] ^= 0x01
    moto_admin.put_object(
        Bucket=bucket,
        Key="obj",
        Body=bytes(altered),
        ChecksumAlgorithm="CRC64NVME",
        ChecksumCRC64NVME=claim,
    )
    head = moto_admin.head_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")
    assert head["ChecksumCRC64NVME"] == claim  # the claim is kept, the bytes are not its

    engine = TransferEngine(
        S3Session(connection_for(moto, integrity=IntegrityPolicy.CRC64NVME)), sample_interval=0.05
    )
    try:
        for options in (TransferOptions(), TransferOptions(download_chunk_size=MIB)):
            target = tmp_path / f"obj-{options.download_chunk_size}"
            snap = engine.wait(engine.download(bucket, "obj", target, options), 60)
            assert snap.state is JobState.FAILED, "a corrupted byte was accepted"
            assert "ChecksumCRC64NVME" in snap.failures[0].message, snap.failures
            assert not target.exists()
    finally:
        engine.close()
