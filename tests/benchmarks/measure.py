"""What one timed run of a client costs: wall seconds, the client's CPU seconds and the CPU
seconds the S3 server spent serving it (client and server share the machine's cores)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TIME = shutil.which("time", path="/usr/bin")


@dataclass(frozen=True)
class Run:
    seconds: float
    client_cpu_s: float
    server_cpu_s: float | None = None  # None where no server was measured
    peak_rss_mib: float | None = None


def server_cpu(pid: int | None) -> float | None:
    """User plus system CPU seconds the process `pid` has used so far (Linux /proc)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _spent(before: float | None, pid: int | None) -> float | None:
    after = server_cpu(pid)
    return None if before is None or after is None else after - before


def run_process(args: list[str], env: dict[str, str], server_pid: int | None = None) -> Run:
    """Run a command to completion (its output discarded); fails on a non-zero exit."""
    # Peak RSS through /usr/bin/time: a child's own ru_maxrss starts from that of the process
    # that forked it (Linux carries it over exec), here this whole benchmark.
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        wrapped = [TIME, "-f", "%M", "-o", str(peak_file), *args] if TIME else args
        before = server_cpu(server_pid)
        started = time.perf_counter()
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            server = _spent(before, server_pid)
            proc.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            errors = err.read()[-800:]
        if proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {errors!r}")
        peak = peak_file.read_text().split()[-1] if TIME else None
    return Run(
        seconds=wall,
        client_cpu_s=usage.ru_utime + usage.ru_stime,
        server_cpu_s=server,
        peak_rss_mib=int(peak) / 1024 if peak else None,
    )


def run_in_process(action: Callable[[], object], server_pid: int | None = None) -> Run:
    """Time `action` in this process; its CPU is this process's (all threads) over the call."""
    before = server_cpu(server_pid)
    own = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    action()
    wall = time.perf_counter() - started
    spent = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (spent.ru_utime - own.ru_utime) + (spent.ru_stime - own.ru_stime)
    return Run(seconds=wall, client_cpu_s=cpu, server_cpu_s=_spent(before, server_pid))
