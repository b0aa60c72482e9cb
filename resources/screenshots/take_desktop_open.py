"""Retake desktop-open-profile.png: a double-click on a profile while Eider runs, under Xvfb.

From the repository root:
    xvfb-run -a -s '-screen 0 1280x800x24' python resources/screenshots/take_desktop_open.py \
        resources/screenshots/desktop-open-profile.png

Installs the desktop entry into a temporary XDG data folder, starts Eider (first run: the local
sandbox), then runs the entry's Exec line with a .cyberduckprofile as a file manager would. The
second process must hand the file over and exit; the running Eider imports it and says so in
its bookmarks banner. Then the whole X screen is saved. Nothing of yours is touched (temporary
EIDER_HOME, XDG folders and an in-memory keyring).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

root = Path.cwd()
sys.path.insert(0, str(root))
scratch = Path(tempfile.mkdtemp(prefix="eider-shot-"))
os.environ.update(
    EIDER_HOME=str(scratch / "home"),
    XDG_DATA_HOME=str(scratch / "share"),
    XDG_RUNTIME_DIR=str(scratch / "run"),
    PYTHONPATH=str(root),
    NO_PROXY="127.0.0.1,localhost",
)
(scratch / "run").mkdir(mode=0o700)

from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.core import desktop_entry  # noqa: E402
from app.core.resources import APP_ID  # noqa: E402

CHILD = (
    "import sys, keyring\n"
    "from tests.fixtures.memory_keyring import MemoryKeyring\n"
    "keyring.set_keyring(MemoryKeyring())\n"
    "from app.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def report() -> dict[str, object]:
    try:
        return json.loads((scratch / "window.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def wait(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}: {report()}")
        time.sleep(0.2)


desktop_entry.install()
entry = (scratch / "share" / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
exec_line = next(x for x in entry.splitlines() if x.startswith("Exec=")).removeprefix("Exec=")
profile = scratch / "Downloads" / "MinIO.cyberduckprofile"
profile.parent.mkdir()
shutil.copyfile(root / "profiles" / "MinIO.cyberduckprofile", profile)

env = {**os.environ, "EIDER_WINDOW_REPORT": str(scratch / "window.json")}
running = subprocess.Popen([sys.executable, "-c", CHILD], env=env, cwd=root)
try:
    wait(lambda: "README.txt" in report().get("objects", []), "the sandbox listing")
    command = [str(profile) if a == "%F" else a for a in shlex.split(exec_line)]
    print("running the Exec line:", shlex.join(command))
    started = time.monotonic()
    second = subprocess.run(command, env=dict(os.environ), timeout=60, check=False)
    took = time.monotonic() - started
    print(f"second process exited with {second.returncode} after {took:.1f} s")
    if second.returncode != 0:
        raise SystemExit("the second process failed")
    wait(lambda: "Imported the profile" in report().get("bookmarks_banner", ""), "the import")
    print("running Eider says:", report()["bookmarks_banner"])
    print("browser windows:", report()["browser_windows"], "- second process alive:", end=" ")
    print(second.returncode is None)
    time.sleep(1.0)  # let the banner paint
    app = QGuiApplication(sys.argv[:1])
    shot = app.primaryScreen().grabWindow(0)
    shot.save(sys.argv[1])
    print("saved", sys.argv[1], shot.width(), "x", shot.height())
finally:
    running.send_signal(signal.SIGTERM)
    running.wait(timeout=90)
    shutil.rmtree(scratch, ignore_errors=True)
