"""Start Eider as a real process for the desktop tests and read what its first window shows
(through the EIDER_WINDOW_REPORT hook)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]

# The in-memory keyring: the machine's real keyring is never touched.
CHILD = (
    "import sys, keyring\n"
    "from tests.fixtures.memory_keyring import MemoryKeyring\n"
    "keyring.set_keyring(MemoryKeyring())\n"
    "from app.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def child_environment(runtime: Path, report: Path | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONFAULTHANDLER": "1",
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(ROOT),  # this checkout's `app`, whichever Eider the venv installed
    }
    env.pop("EIDER_WINDOW_REPORT", None)
    if report is not None:
        env["EIDER_WINDOW_REPORT"] = str(report)
    return env


def start_eider(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, *args], env=env, stderr=stderr, cwd=ROOT
        )


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)  # polling another process: there is no signal to wait on
    return False


def read_report(report: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(report.read_text("utf-8")))
    except (OSError, ValueError):
        return {}


def stop(child: subprocess.Popen[bytes], log: Path) -> int:
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
    try:
        return child.wait(timeout=90)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        message = "Eider did not quit on SIGTERM:\n" + log.read_text(errors="replace")
        raise AssertionError(message) from None
