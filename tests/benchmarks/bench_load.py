"""Benchmark (on demand): a queue of 10,000 small files uploading while the window lists a
200,000-key prefix, in one Eider process; its peak RSS and the event loop's stalls.

Run from the repository root (heavy: fills SeaweedFS with the listing's keys first):

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_load.py [--keys 200000]
        [--files 10000]

Eider runs in a subprocess (so its peak RSS is its own): a browser window offscreen and a
transfer engine on the same connection. The engine is given one folder upload of FILES small
files (1 KiB each) and at once the window lists the prefix ("load everything" as soon as the
first rows show, `tests/gui/listing_run.py`) with the stall probe and the hang watchdog
watching the event loop; a second probe and watchdog watch it from the start of the load
until both the listing and the upload have ended. Reported: peak RSS (and before the load),
listing and upload times, the worst event-loop gap, gaps over 100 ms, and each hang the
watchdog saw (how long Eider held the GUI thread, and where). Exits 1 only when the
listing or the upload did not complete; the figures are for the README's bound.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_listing import (  # noqa: E402
    ACCESS_KEY,
    BUCKET,
    PREFIX,
    SECRET_KEY,
    _admin,
    _fill,
    _own_peak_mib,
    open_bench_window,
)

UPLOAD_PREFIX = "queued/"
FILE_BYTES = 1024


def _make_files(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        # 100 files a folder, as a real tree would have
        (folder / f"d{i // 100:04d}").mkdir(exist_ok=True)
        (folder / f"d{i // 100:04d}" / f"f{i:06d}.bin").write_bytes(os.urandom(FILE_BYTES))


def child(port: int, folder: str) -> None:
    """In the subprocess: the window lists the prefix while the engine uploads the folder."""
    from PySide6.QtCore import QEventLoop, QTimer

    from app.core.s3.session import S3Session
    from app.core.transfers.engine import TransferEngine
    from app.core.transfers.jobs import JobState
    from app.ui.location import Location
    from tests.gui.hang_watchdog import HangWatchdog, held_over
    from tests.gui.listing_run import measure_listing
    from tests.gui.stall_probe import StallProbe

    opened = open_bench_window(port)
    window, connection, rss_before = opened.window, opened.connection, opened.rss_before_mib
    # One probe and one watchdog over the whole load, listing and upload, until both end.
    probe = StallProbe()
    watchdog = HangWatchdog(threshold_ms=100)
    probe.start()
    watchdog.start()
    engine = TransferEngine(S3Session(connection), connections=10)  # workers never touch Qt
    started = time.perf_counter()
    job = engine.upload(folder, BUCKET, UPLOAD_PREFIX)
    run = measure_listing(window.controller, Location(BUCKET, PREFIX), timeout_s=1800)
    listing_s = time.perf_counter() - started
    if window.error_banner.isVisible():
        raise RuntimeError(window.error_banner.text)
    upload_done_during_listing = engine.job(job).state is JobState.DONE
    waiter = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(
        lambda: engine.job(job).state in (JobState.DONE, JobState.FAILED) and waiter.quit()
    )
    poll.start(50)
    waiter.exec()
    poll.stop()
    upload_s = time.perf_counter() - started
    watchdog.stop()
    probe.stop()
    snapshot = engine.job(job)
    peak = _own_peak_mib()
    engine.close()
    result = {
        "rows": run.rows,
        "listing_timed_out": run.timed_out,
        "listing_s": listing_s,
        "upload_state": snapshot.state.value,
        "upload_error": snapshot.error,
        "upload_s": upload_s,
        "upload_done_during_listing": upload_done_during_listing,
        "worst_stall_ms": probe.worst_ms,
        "worst_gui_busy_ms": probe.worst_busy_ms,
        "worst_stall_without_core_waits_ms": probe.worst_without_core_waits_ms,
        "stalls_over_100ms": probe.stalls_over(100),
        "stalls_over_100ms_without_core_waits": probe.stalls_over_without_core_waits(100),
        "hangs_held_over_100ms": len(held_over(list(watchdog.hangs), 100)),
        "hangs": [
            {
                "wall_ms": round(h.wall_s * 1000),
                "held_ms": round(h.held_s * 1000),
                "at": h.stack[-1].strip() if h.stack else "",
            }
            for h in watchdog.hangs
        ],
        "peak_rss_mib": peak,
        "rss_before_load_mib": rss_before,
    }
    window.close()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt and the still-registered loop


def _run_child(port: int, folder: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(port), str(folder)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Eider's load child failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def report(keys: int, files: int, eider: dict[str, Any]) -> None:
    print(f"\n{files:,} queued files of {FILE_BYTES} B uploading while {keys:,} keys are listed")
    print(f"rows listed               {eider['rows']:,} in {eider['listing_s']:.1f} s")
    print(
        f"upload                    {eider['upload_state']} in {eider['upload_s']:.1f} s "
        f"(finished during the listing: {eider['upload_done_during_listing']})"
    )
    print(
        f"peak RSS                  {eider['peak_rss_mib']:.0f} MiB "
        f"({eider['rss_before_load_mib']:.0f} MiB before)"
    )
    print(
        f"event loop                worst gap {eider['worst_stall_ms']:.0f} ms wall "
        f"({eider['worst_stall_without_core_waits_ms']:.0f} ms less core waits, "
        f"{eider['worst_gui_busy_ms']:.0f} ms GUI-thread CPU); "
        f"{eider['stalls_over_100ms']} gaps over 100 ms "
        f"({eider['stalls_over_100ms_without_core_waits']} less core waits)"
    )
    print(f"hangs Eider held over 100 ms: {eider['hangs_held_over_100ms']}")
    for hang in eider["hangs"]:
        print(f"  hang {hang['wall_ms']} ms, held {hang['held_ms']} ms at {hang['at']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--child", nargs=2, metavar=("PORT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[0]), args.child[1])
        return 0

    from app.core.seaweed import SeaweedServer

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="eider-bench-") as tmp:
        work = Path(tmp)
        os.environ["EIDER_HOME"] = str(work / "home")
        _make_files(work / "queue", args.files)
        server = SeaweedServer(work / "weed", ACCESS_KEY, SECRET_KEY)
        server.start()
        try:
            endpoint = server.endpoint_url
            _admin(endpoint).create_bucket(Bucket=BUCKET)
            fill_s = _fill(endpoint, args.keys, work)
            print(f"filled {args.keys:,} keys in {fill_s:.1f} s", flush=True)
            eider = _run_child(server.ports["s3.port"], work / "queue")
            uploaded = sum(
                page.get("KeyCount", 0)
                for page in _admin(endpoint)
                .get_paginator("list_objects_v2")
                .paginate(Bucket=BUCKET, Prefix=UPLOAD_PREFIX)
            )
        finally:
            server.stop(timeout=5)
    report(args.keys, args.files, eider)
    if eider["rows"] != args.keys or eider["listing_timed_out"]:
        print(f"FAILED: the window showed {eider['rows']} rows of {args.keys}")
        return 1
    if eider["upload_state"] != "done" or uploaded != args.files:
        print(f"FAILED: upload {eider['upload_state']}, {uploaded} of {args.files} on the server")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
