"""`python -m app` starts: the version flag, and the window offscreen.

The child processes get an in-memory keyring (`ChildMemoryKeyring`), never the machine's: the
window probes the keyring at start-up and, on a first run, stores the sandbox's secret."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from app import __version__

ROOT = Path(__file__).resolve().parents[1]


def _child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.fixtures.memory_keyring.ChildMemoryKeyring",
        "EIDER_TEST_KEYRING_LOG": str(tmp_path / "keyring.log"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def test_version_flag(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_child_env(tmp_path),
    )
    assert out.stdout.strip() == f"eider {__version__}"


def test_window_starts_offscreen_and_keeps_running(tmp_path: Path) -> None:
    env = _child_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    log = tmp_path / "keyring.log"
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and not log.exists() and time.monotonic() < deadline:
            time.sleep(0.05)  # until the window's start-up has reached the keyring
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)  # and it keeps running after that: what we want
        assert proc.returncode is None, proc.stderr.read().decode() if proc.stderr else ""
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert b"Traceback" not in err
    # The keyring the window used was the test's in-memory one (it notes each call).
    calls = log.read_text().splitlines()
    assert calls and all(c.split()[0] in ("get", "set", "delete") for c in calls), calls
