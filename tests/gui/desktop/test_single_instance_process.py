"""Single instance with real processes: a second `eider FILE` (what the desktop entry's Exec
line runs on a double-click) hands the file to the running Eider and exits; a socket left by
an Eider that was killed is taken over."""

from __future__ import annotations

import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import desktop_entry
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.credentials.spec import CredentialKind
from app.core.resources import APP_ID
from tests.gui.desktop.eider_process import (
    ROOT,
    child_environment,
    read_report,
    start_eider,
    stop,
    wait_until,
)

pytestmark = [pytest.mark.gui]


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A runtime folder of its own, short enough for a Unix socket path (108 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="eider-run-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A profile file somewhere in the user's files, as if downloaded."""
    target = tmp_path / "Downloads" / "Wasabi.cyberduckprofile"
    target.parent.mkdir()
    shutil.copyfile(ROOT / "profiles" / "Wasabi.cyberduckprofile", target)
    return target


@pytest.fixture(autouse=True)
def a_bookmark() -> None:
    """With a bookmark Eider opens without starting the local sandbox (not needed here)."""
    BookmarkStore().add(
        Bookmark("Placeholder", "amazon-s3", credential_kind=CredentialKind.ANONYMOUS)
    )


def banner_text(report: Path) -> str:
    return str(read_report(report).get("bookmarks_banner", ""))


def window_up(report: Path) -> bool:
    return "Placeholder" in read_report(report).get("bookmarks", [])


def test_the_desktop_exec_line_hands_a_profile_to_the_running_eider(
    tmp_path: Path, runtime: Path, profile: Path
) -> None:
    data_home = tmp_path / "share"
    desktop_entry.install(data_home)
    entry = (data_home / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
    exec_line = next(x for x in entry.splitlines() if x.startswith("Exec="))
    command = [
        str(profile) if part == "%F" else part
        for part in shlex.split(exec_line.removeprefix("Exec="))
    ]
    report, log = tmp_path / "window.json", tmp_path / "first.txt"
    first = start_eider([], child_environment(runtime, report), log)
    try:
        assert wait_until(lambda: window_up(report), 60), log.read_text(errors="replace")
        second_log = tmp_path / "second.txt"
        with second_log.open("wb") as stderr:
            second = subprocess.run(
                command, env=child_environment(runtime), stderr=stderr, timeout=60, check=False
            )
        assert second.returncode == 0, second_log.read_text(errors="replace")
        assert wait_until(lambda: "Imported the profile" in banner_text(report), 30), (
            read_report(report),
            log.read_text(errors="replace"),
        )
        assert "Wasabi" in banner_text(report)
        assert first.poll() is None  # the first Eider runs on; only the second one exited
    finally:
        code = stop(first, log)
    assert code == 0, log.read_text(errors="replace")
    assert not list((runtime / "eider").glob("*.sock")), "the socket outlived its Eider"


def test_a_second_plain_start_opens_a_new_window_in_the_running_eider(
    tmp_path: Path, runtime: Path
) -> None:
    report, log = tmp_path / "window.json", tmp_path / "log.txt"
    first = start_eider([], child_environment(runtime, report), log)
    try:
        assert wait_until(lambda: window_up(report), 60), log.read_text(errors="replace")
        assert read_report(report)["browser_windows"] == 1
        second = start_eider([], child_environment(runtime), log)
        assert second.wait(timeout=60) == 0, log.read_text(errors="replace")
        assert wait_until(lambda: read_report(report).get("browser_windows") == 2, 30)
    finally:
        code = stop(first, log)
    assert code == 0, log.read_text(errors="replace")


def test_a_stale_socket_is_taken_over_and_then_served(
    tmp_path: Path, runtime: Path, profile: Path
) -> None:
    log = tmp_path / "log.txt"
    crashed = start_eider([], child_environment(runtime, tmp_path / "crashed.json"), log)
    assert wait_until(lambda: window_up(tmp_path / "crashed.json"), 60), log.read_text(
        errors="replace"
    )
    crashed.send_signal(signal.SIGKILL)  # as a crash would: the socket file stays behind
    crashed.wait(timeout=30)
    [stale] = (runtime / "eider").glob("*.sock")

    report = tmp_path / "window.json"
    successor = start_eider([], child_environment(runtime, report), log)
    try:
        assert wait_until(lambda: window_up(report), 60), log.read_text(errors="replace")
        assert stale.exists() and successor.poll() is None
        late = start_eider([str(profile)], child_environment(runtime), log)
        assert late.wait(timeout=60) == 0, log.read_text(errors="replace")
        assert wait_until(lambda: "Imported the profile" in banner_text(report), 30), log.read_text(
            errors="replace"
        )
    finally:
        code = stop(successor, log)
    assert code == 0, log.read_text(errors="replace")
