"""A pip install carries what a checkout reads from resources/ and profiles/: the wheel is
built, installed into a folder of its own, and Eider imported from there lists the shipped
provider profiles and loads its icons and desktop files.

Slow (30-60 s: pip builds in an isolated environment): packaging/test.sh runs it with the
PyInstaller build (`pytest -m build`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.build]

# Run with the installed copy first on the path, from a folder outside the checkout.
PROBE = """
import json, sys
from pathlib import Path
import app
from app.core import resources
from app.core.profiles.catalogue import SHIPPED_DIR, shipped_profiles
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
qt = QApplication([])
from app.ui import icons
print(json.dumps({
    "app": app.__file__,
    "profiles_dir": str(SHIPPED_DIR),
    "profiles": sorted(e.path.name for e in shipped_profiles()),
    "vendors": sorted(e.profile.vendor for e in shipped_profiles()),
    "desktop": str(resources.desktop_file()),
    "metainfo": str(resources.metainfo_file()),
    "icon_names": resources.ui_icon_names(),
    "state_icon_null": icons.transfer_state_icon("done").isNull(),
    "encryption_icon_null": icons.encryption_icon("SSE-KMS").isNull(),
    "app_icon_sizes": [s.width() for s in icons.app_icon().availableSizes()],
    "pixmap_null": icons.icon("bucket").pixmap(QSize(16, 16)).isNull(),
}))
"""


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=400, check=False
    )


@pytest.mark.timeout(900)
def test_an_installed_wheel_finds_its_profiles_and_icons(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], env, tmp_path)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = wheels.glob("eider-*.whl")
    installed = run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)], env, tmp_path
    )
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert not (target / "app" / "profiles").is_symlink()  # the files, not the checkout's link
    (dist_info,) = target.glob("eider-*.dist-info")
    assert "License-Expression: MIT" in (dist_info / "METADATA").read_text("utf-8")
    assert (dist_info / "licenses" / "LICENSE").is_file()

    probe_env = {
        **env,
        "PYTHONPATH": str(target),
        "EIDER_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    probed = run([sys.executable, "-c", PROBE], probe_env, tmp_path)
    assert probed.returncode == 0, probed.stdout[-3000:] + probed.stderr[-3000:]
    found = json.loads(probed.stdout.strip().splitlines()[-1])

    assert Path(found["app"]).is_relative_to(target)  # the installed copy, not the checkout
    assert Path(found["profiles_dir"]).is_relative_to(target)
    shipped = sorted(p.name for p in (ROOT / "profiles").glob("*.cyberduckprofile"))
    assert found["profiles"] == shipped and len(shipped) >= 30
    assert "amazon-s3" in found["vendors"] and "minio" in found["vendors"]
    assert Path(found["desktop"]).is_relative_to(target)
    assert Path(found["metainfo"]).is_relative_to(target)
    checkout_icons = sorted(p.stem for p in (ROOT / "resources" / "icons" / "ui").glob("*.svg"))
    assert found["icon_names"] == checkout_icons
    assert found["state_icon_null"] is False and found["encryption_icon_null"] is False
    assert found["pixmap_null"] is False
    assert {16, 48, 256} <= set(found["app_icon_sizes"])
