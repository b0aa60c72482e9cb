"""A real drag between two Eider windows: X11 under Xvfb, input injected with xdotool (XTEST),
so Qt's own XDND code carries the drag from one window to the other
(`resources/screenshots/take_drag_hover.py` does the work and checks the server)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xdotool")),
    reason="needs Debian's xvfb and xdotool (packaging/bootstrap.sh installs them)",
)
def test_a_real_drag_from_one_window_to_another_moves_the_object(tmp_path: Path) -> None:
    shot = tmp_path / "hover.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1300x560x24",
            sys.executable,
            "resources/screenshots/take_drag_hover.py",
            str(shot),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr[-3000:]
    assert "hover highlight seen: True | object moved on the server: True" in result.stdout, output
    assert result.returncode == 0, output
    assert "Traceback" not in result.stderr, output
    assert shot.stat().st_size > 10_000, "a screenshot of both windows"


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xdotool")),
    reason="needs Debian's xvfb and xdotool (packaging/bootstrap.sh installs them)",
)
def test_a_folder_dropped_on_an_xds_target_is_saved_where_it_asks() -> None:
    """X Direct Save through Qt's own xcb drag: a stand-in file manager (an XdndAware window
    of a second X connection, `check_xds_drag.py`) takes the drop as Thunar does."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1300x560x24",
            sys.executable,
            "resources/screenshots/check_xds_drag.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr[-3000:]
    assert "suggested name: b'album'" in result.stdout, output
    assert "XDS answer: S | folder saved where the target asked: True" in result.stdout, output
    assert result.returncode == 0, output
    assert "Traceback" not in result.stderr, output
