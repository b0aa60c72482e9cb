"""Fixtures for the transfer engine tests: a session on SeaweedFS and engines that get closed."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobEvent
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

# Small sizes, same code paths as the defaults: multipart from 6 MiB in 5 MiB parts, downloads
# in 1 MiB ranges.
SMALL = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB, download_chunk_size=MIB)


def random_file(path: Path, size: int) -> bytes:
    data = os.urandom(size)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


@pytest.fixture
def make_engine(session: S3Session) -> Iterator[Callable[..., TransferEngine]]:
    engines: list[TransferEngine] = []

    def make(**kwargs: object) -> TransferEngine:
        engine = TransferEngine(session, sample_interval=0.05, **kwargs)  # type: ignore[arg-type]
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()  # also closes the journal it opened


@pytest.fixture
def make_moto_engine(moto: RunningS3) -> Iterator[Callable[..., TransferEngine]]:
    """Engines on moto, for what SeaweedFS lacks (storage classes, KMS, object lock)."""
    engines: list[TransferEngine] = []

    def make(**kwargs: object) -> TransferEngine:
        session = S3Session(connection_for(moto))
        engine = TransferEngine(session, sample_interval=0.05, **kwargs)  # type: ignore[arg-type]
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def events() -> list[JobEvent]:
    return []


def pause_after(
    engine: TransferEngine, operation: str, done: list, count: int
) -> Callable[[str], None]:
    """Pause a job (once) when `done` holds `count` entries after an `operation` call; returns
    the function that names the job. The job id is known only once upload()/download()
    returns, and on a quiet machine the job may be past `count` calls by then, so the call
    that reaches the count waits until the job is named."""
    holder: dict[str, str] = {}
    named = threading.Event()

    def hook(**_: Any) -> None:
        if len(done) >= count:
            named.wait(30)
            if "job" in holder:
                engine.pause(holder.pop("job"))

    def name(job_id: str) -> None:
        holder["job"] = job_id
        named.set()

    engine.session.client().meta.events.register(f"after-call.s3.{operation}", hook)
    return name
