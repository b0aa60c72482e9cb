"""Client CPU-seconds per GiB of an upload and a verified download under each integrity
policy, against a SeaweedFS this starts; the engine runs in this process.

    python -m tests.benchmarks.bench_integrity_cpu [--mib 256] [--rounds 2]

`crc64nvme`: each part carries its CRC64NVME, the server keeps the full-object CRC and the
download checks it. `md5`: each part carries Content-MD5, Eider reads the file once more for
the CRC64NVME it keeps in metadata, and the download checks that. Process CPU (user + system)
over each step, so the figures hold under load even though the seconds do not.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import uuid
from pathlib import Path

import keyring

from app.core.integrity_policy import IntegrityPolicy
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import seaweed_server

GIB = 1 << 30
POLICIES = (IntegrityPolicy.CRC64NVME, IntegrityPolicy.MD5)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    size = args.mib << 20
    print(f"load average {os.getloadavg()[0]:.1f}; {args.mib} MiB, {args.rounds} rounds")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        source = work / "big.bin"
        source.write_bytes(os.urandom(size))
        with seaweed_server(work / "weed") as (_, server):
            admin_client(server).create_bucket(Bucket="bench-integrity")  # type: ignore[attr-defined]
            for _ in range(args.rounds):
                for policy in POLICIES:
                    _measure(server, policy, source, work, size)


def _measure(server: object, policy: IntegrityPolicy, source: Path, work: Path, size: int) -> None:
    engine = TransferEngine(S3Session(connection_for(server, integrity=policy)))  # type: ignore[arg-type]
    key = f"{policy.value}-{uuid.uuid4().hex[:8]}"
    target = work / f"{key}.back"
    try:
        started, clock = _cpu(), time.monotonic()
        up = engine.wait(engine.upload(source, "bench-integrity", key), 1200)
        uploaded, up_clock = _cpu(), time.monotonic()
        down = engine.wait(engine.download("bench-integrity", key, target), 1200)
        downloaded, down_clock = _cpu(), time.monotonic()
    finally:
        engine.close()
    if up.state is not JobState.DONE or down.state is not JobState.DONE:
        raise RuntimeError(up.error or down.error)
    gib = size / GIB
    print(
        f"{policy.value:10} upload {(uploaded - started) / gib:5.2f} CPU-s/GiB"
        f" ({up_clock - clock:5.1f} s); verified download {(downloaded - uploaded) / gib:5.2f}"
        f" CPU-s/GiB ({down_clock - up_clock:5.1f} s){'; ' + down.notes[0] if down.notes else ''}"
    )
    target.unlink()


if __name__ == "__main__":
    main()
