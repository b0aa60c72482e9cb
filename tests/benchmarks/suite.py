"""The benchmarks `python -m tests.benchmarks run` knows, and the results file it writes: the
run's date, machine, load averages, Python and package versions, then each benchmark's figures."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.figures import Benchmark

ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = Path(__file__).resolve().parent / "results"
LATEST = "latest.json"

# name -> module with `benchmark(quick: bool) -> Benchmark`, in the order they run
BENCHMARKS = {
    "transfers": "tests.benchmarks.bench_transfers",
    "listing": "tests.benchmarks.bench_listing",
    "sync": "tests.benchmarks.bench_sync",
    "operations": "tests.benchmarks.bench_s3_operations",
    "startup": "tests.benchmarks.bench_startup",
}
PACKAGES = ("boto3", "botocore", "s3transfer", "urllib3", "PySide6_Essentials", "qasync")
PEER_VERSION_COMMANDS = {
    "aws": ["aws", "--version"],
    "s5cmd": ["s5cmd", "version"],
    "rclone": ["rclone", "version"],
    "weed": ["weed", "version"],
}


def run(names: list[str], quick: bool, results_dir: Path = RESULTS_DIR) -> tuple[Path, bool]:
    """Run the named benchmarks (all when empty) one after the other; write the results file.
    Returns its path and whether every benchmark finished. `latest.json` is replaced only by a
    run of all benchmarks that all finished."""
    chosen = names or list(BENCHMARKS)
    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "quick": quick,
        "benchmarks_run": chosen,
        "machine": _machine(),
        "load_average_before": list(os.getloadavg()),
        "python": sys.version.split()[0],
        "packages": _packages(),
        "peer_tools": _peer_versions(),
        "eider_commit": _git_commit(),
        "benchmarks": {},
    }
    ok = True
    for name in chosen:
        print(f"== {name}{' (quick)' if quick else ''}", flush=True)
        entry: dict[str, Any] = {"load_average_before": list(os.getloadavg())}
        clock = time.perf_counter()
        try:
            entry.update(_load(name)(quick).as_json())
        except Exception:  # recorded in the results; the run fails at the end
            ok = False
            entry["error"] = traceback.format_exc()
            print(entry["error"], file=sys.stderr, flush=True)
        entry["elapsed_s"] = round(time.perf_counter() - clock, 2)
        entry["load_average_after"] = list(os.getloadavg())
        results["benchmarks"][name] = entry
    results["load_average_after"] = list(os.getloadavg())
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y-%m-%dT%H%MZ") + ("-quick" if quick else "")
    path = results_dir / f"{stamp}.json"
    text = json.dumps(results, indent=2) + "\n"
    path.write_text(text)
    if ok and set(chosen) == set(BENCHMARKS):
        (results_dir / LATEST).write_text(text)
    elif ok and not quick:
        merge_into_latest(path)
    return path, ok


def merge_into_latest(path: Path) -> None:
    """Put the benchmarks of the finished full run `path` into `latest.json` in place of theirs,
    keeping the others' figures; `sources` names the results file each benchmark came from
    (with its date and load, shown beside the README's table). Without a `latest.json`
    (no complete run yet) nothing is merged."""
    latest_path = path.parent / LATEST
    if not latest_path.exists():
        return
    text = latest_path.read_text()
    latest = json.loads(text)
    run = json.loads(path.read_text())
    if "sources" not in latest:  # latest.json is still one complete run's file
        dated = sorted(p for p in path.parent.glob("*.json") if p.name != LATEST)
        origin = next((p.name for p in dated if p.read_text() == text), None)
        latest["sources"] = {name: _source(latest, origin) for name in latest["benchmarks"]}
    sources = latest["sources"]
    for name, entry in run["benchmarks"].items():
        latest["benchmarks"][name] = entry
        sources[name] = _source(run, path.name)
    latest_path.write_text(json.dumps(latest, indent=2) + "\n")


def _source(results: dict[str, Any], file: str | None) -> dict[str, Any]:
    return {
        "file": file,
        "date": results["date"],
        "eider_commit": results["eider_commit"],
    }


def _load(name: str) -> Callable[[bool], Benchmark]:
    module = importlib.import_module(BENCHMARKS[name])
    return module.benchmark  # type: ignore[no-any-return]


def _machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "system": platform.system(),
        "release": platform.release(),
        "architecture": platform.machine(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def _packages() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _peer_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for tool, command in PEER_VERSION_COMMANDS.items():
        program = shutil.which(command[0])
        if program is None:
            versions[tool] = None
            continue
        done = subprocess.run(
            [program, *command[1:]], capture_output=True, text=True, timeout=60, check=False
        )
        lines = (done.stdout or done.stderr).strip().splitlines()
        versions[tool] = lines[0].strip() if lines else None
    return versions


def _git_commit() -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None
