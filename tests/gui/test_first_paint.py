"""EIDER_FIRST_PAINT (app/ui/first_paint.py), which the start-up benchmark times the window
with: `python -m app` offscreen, with a bookmark saved, writes when its window first painted
and quits by itself. And the window's process imports botocore and the core before Qt
(app/ui/core_before_qt.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.credentials.spec import CredentialKind

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def save_a_bookmark() -> None:
    """With no bookmark Eider would start its sandbox; with one it opens on the list."""
    BookmarkStore().add(
        Bookmark(
            nickname="somewhere",
            profile="SeaweedFS",
            host="127.0.0.1",
            port=9,
            credential_kind=CredentialKind.ENVIRONMENT,
        )
    )


def window_env(mark: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "EIDER_FIRST_PAINT": str(mark),
    }


def test_the_window_reports_its_first_paint_and_quits(tmp_path: Path) -> None:
    save_a_bookmark()
    mark = tmp_path / "painted.json"
    env = window_env(mark)
    launched = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    ended = time.monotonic()
    assert done.returncode == 0, done.stderr
    painted = json.loads(mark.read_text())
    assert launched < painted["monotonic"] < ended  # the clock the benchmark subtracts from
    assert 0 < painted["since_start_s"] <= ended - launched + 0.02  # /proc: 10 ms ticks
    assert painted["cpu_s"] > 0
    # the window it timed was the user's, not a sandbox started for want of a bookmark
    assert [b.nickname for b in BookmarkStore().list()] == ["somewhere"]


# Opens the window as `python -m app` does (it quits at its first paint), then prints the
# modules in the order they were first imported (sys.modules keeps insertion order).
PROBE = """
import json, sys
from app.cli.main import main
code = main([])
print(json.dumps({"code": code, "modules": list(sys.modules)}))
"""


def test_the_window_imports_botocore_and_the_core_before_qt(tmp_path: Path) -> None:
    save_a_bookmark()
    mark = tmp_path / "painted.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=window_env(mark),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and mark.exists()
    order = {name: index for index, name in enumerate(report["modules"])}
    qt = order["PySide6"]
    for module in ("botocore.session", "app.core.s3.session", "app.core.transfers.engine"):
        assert order[module] < qt, f"{module} was imported after PySide6"
