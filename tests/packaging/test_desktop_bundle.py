"""The PyInstaller build: packaging/build_desktop.sh makes the one-folder app and its archive,
and the built executable runs: --version, --self-test (window, sandbox server, list, upload,
download) and --install-desktop-entry (its bundled resources, its own path in Exec).

Slow (1.5-4 min): packaging/test.sh runs it in a step of its own (`pytest -m build`)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from importlib.util import find_spec
from pathlib import Path

import pytest

from app import __version__
from app.core.resources import APP_ID

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(find_spec("PyInstaller") is None, reason="needs the 'desktop' extra"),
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is the one tested"),
]


def run(
    command: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.timeout(1200)
def test_the_built_app_runs_its_self_test_and_installs_its_desktop_entry(tmp_path: Path) -> None:
    env = {**os.environ, "EIDER_BUILD_PYTHON": sys.executable, "QT_QPA_PLATFORM": "offscreen"}
    dist = tmp_path / "dist"
    built = run([str(ROOT / "packaging" / "build_desktop.sh"), str(dist)], env, 1000)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    executable = dist / "eider" / "eider"
    archive = dist / f"eider-{__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        assert "eider/eider" in tar.getnames()

    app_env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "EIDER_BUILD_PYTHON")}
    version = run([str(executable), "--version"], app_env, 120)
    assert version.returncode == 0 and version.stdout.strip() == f"eider {__version__}"

    tested = run([str(executable), "--self-test"], app_env, 400)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    steps = ("provider profiles load", "sandbox server started", "uploaded", "the window lists")
    for step in (*steps, "byte for byte"):
        assert step in tested.stdout
    assert tested.stdout.strip().endswith("self-test: passed")

    data_home = tmp_path / "share"
    installed = run(
        [str(executable), "--install-desktop-entry"],
        {**app_env, "XDG_DATA_HOME": str(data_home)},
        120,
    )
    assert installed.returncode == 0, installed.stderr
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={executable.resolve()} %F" in entry.read_text("utf-8").splitlines()
    assert (data_home / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    assert run(["desktop-file-validate", str(entry)], app_env, 60).returncode == 0
