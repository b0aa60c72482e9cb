"""Jobs through a fault-injecting proxy: they end byte-identical or with a clear error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from tests.conftest import connection_for
from tests.fixtures.fault_proxy import Direction, Fault, FaultProxy, fault_proxy_to
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file


@pytest.fixture
def proxy(seaweed: RunningS3) -> Iterator[FaultProxy]:
    with fault_proxy_to(seaweed.host, seaweed.port) as running:
        yield running


@pytest.fixture
def engine(seaweed: RunningS3, proxy: FaultProxy) -> Iterator[TransferEngine]:
    # Short timeouts so a stall becomes a timeout quickly; botocore retries twice, the
    # engine's own layer retries what is left.
    connection = connection_for(
        seaweed, port=proxy.port, read_timeout=1.0, connect_timeout=2.0, max_attempts=2
    )
    engine = TransferEngine(S3Session(connection), connections=3)
    yield engine
    engine.close()


def test_multipart_upload_survives_resets_truncations_and_stalls(
    proxy: FaultProxy, engine: TransferEngine, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    data = random_file(tmp_path / "big.bin", 18 * MIB)
    proxy.set_faults(
        Fault.reset(Direction.UP, after=1 * MIB, times=2),
        Fault.close(Direction.UP, after=2 * MIB, times=1),
        Fault.stall(Direction.DOWN, seconds=3, times=1),
    )
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data
    # A rule hits the next connections opened; one that ends before `after` bytes escapes it,
    # so only "at least one of each kind" is certain.
    stats = proxy.stats
    assert stats.resets + stats.closes >= 1 and stats.stalls >= 1


def test_download_survives_resets_and_truncated_bodies(
    proxy: FaultProxy, engine: TransferEngine, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    data = os.urandom(10 * MIB + 5)
    seaweed_admin.put_object(Bucket=bucket, Key="obj.bin", Body=data)
    proxy.set_faults(
        Fault.reset(Direction.DOWN, after=300_000, times=2),
        Fault.close(Direction.DOWN, after=700_000, times=2),
        Fault.stall(Direction.DOWN, seconds=3, after=100_000, times=1),
    )
    options = replace(SMALL, download_chunk_size=2 * MIB)
    job = engine.download(bucket, "obj.bin", tmp_path / "out.bin", options)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "out.bin").read_bytes() == data
    assert proxy.stats.resets + proxy.stats.closes >= 1


def test_a_dead_link_fails_clearly_and_the_job_can_be_retried(
    proxy: FaultProxy, engine: TransferEngine, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    data = random_file(tmp_path / "big.bin", 12 * MIB)
    proxy.set_faults(Fault.reset(Direction.UP, after=64 * 1024, times=None))
    options = replace(SMALL, max_attempts=2)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", options)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.FAILED
    assert snap.error and "big.bin" in snap.error
    assert snap.failures and snap.failures[0].key == "big.bin"

    proxy.clear_faults()
    engine.retry(job)
    snap = engine.wait(job, 120)
    assert snap.state is JobState.DONE, snap.error
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data
