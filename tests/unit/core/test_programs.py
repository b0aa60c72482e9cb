"""Programs pip installs beside the interpreter are found without an activated environment."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

import pytest

from app.core.programs import find_program, with_environment_scripts


def test_weed_is_found_in_the_environment_when_path_does_not_name_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # What CI sees on a fresh machine: `.venv/bin/python -m pytest` with .venv/bin not on PATH.
    monkeypatch.setenv("PATH", str(tmp_path))
    found = find_program("weed")
    assert found is not None
    assert Path(found).parent in {Path(sysconfig.get_path("scripts")), Path(sys.executable).parent}


def test_a_program_on_path_wins_over_the_environment_copy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mine = tmp_path / "weed"
    mine.write_text("#!/bin/sh\n")
    mine.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_program("weed") == str(mine)


def test_a_missing_program_is_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_program("eider-no-such-program") is None


def test_scripts_folders_are_appended_once() -> None:
    scripts = sysconfig.get_path("scripts")
    extended = with_environment_scripts(os.pathsep.join(["/usr/bin", scripts]))
    assert extended.split(os.pathsep).count(scripts) == 1
    assert extended.split(os.pathsep)[0] == "/usr/bin"
