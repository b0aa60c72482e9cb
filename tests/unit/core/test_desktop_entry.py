"""`eider --install-desktop-entry` / `--uninstall-desktop-entry` into a throw-away XDG data
folder, with the real update-mime-database and update-desktop-database."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core import desktop_entry
from app.core.resources import APP_ID

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="freedesktop desktops")


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def test_install_registers_entry_icons_and_mime_types(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--install-desktop-entry"]) == 0
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    text = entry.read_text("utf-8")
    command = desktop_entry.launch_command()
    assert f"Exec={' '.join(command)} %F" in text.splitlines()
    assert Path(command[0]).is_absolute()
    done = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert (data_home / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert (data_home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    # update-mime-database compiled the types: a double-click on x.duck finds its MIME type ...
    globs = (data_home / "mime" / "globs2").read_text("utf-8")
    assert "application/x-cyberduck-bookmark:*.duck" in globs
    assert "application/x-cyberduck-profile:*.cyberduckprofile" in globs
    assert "application/x-cyberduck-profile:*.profile" in globs
    # ... and update-desktop-database maps that type to Eider's entry.
    cache = (data_home / "applications" / "mimeinfo.cache").read_text("utf-8")
    assert f"application/x-cyberduck-profile={APP_ID}.desktop;" in cache
    out = capsys.readouterr().out
    assert "update-mime-database" in out and "update-desktop-database" in out

    assert main(["--uninstall-desktop-entry"]) == 0
    assert not entry.exists()
    assert not list((data_home / "icons").rglob(f"{APP_ID}.*"))
    assert not (data_home / "mime" / "packages" / f"{APP_ID}.xml").exists()
    assert "cyberduck" not in (data_home / "mime" / "globs2").read_text("utf-8")


def test_uninstall_without_install_says_so(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "No desktop entry of Eider was installed" in capsys.readouterr().out


def test_an_unwritable_data_folder_is_reported(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home.parent.mkdir(parents=True, exist_ok=True)
    data_home.write_text("a file where the folder should be")
    assert main(["--install-desktop-entry"]) == 1
    assert "Could not install the desktop entry under" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/eider", "/usr/bin/eider"),
        ("/opt/My Apps/eider", '"/opt/My Apps/eider"'),
        ("/opt/100%/eider", "/opt/100%%/eider"),
        ('/opt/a"b$c/eider', '"/opt/a\\\\"b\\\\$c/eider"'),
    ],
)
def test_exec_arguments_are_quoted_as_the_specification_says(argument: str, quoted: str) -> None:
    assert desktop_entry.exec_argument(argument) == quoted


def test_the_entry_still_validates_with_a_path_that_needs_quoting(tmp_path: Path) -> None:
    source = Path(desktop_entry.desktop_file())
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(
        desktop_entry.entry_text(source.read_text("utf-8"), ["/opt/My Apps/eider", "-m", "app"])
    )
    validator = shutil.which("desktop-file-validate")
    assert validator
    done = subprocess.run([validator, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
