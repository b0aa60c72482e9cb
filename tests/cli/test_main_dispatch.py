from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from app.cli.main import COMMANDS, main


@pytest.mark.parametrize(("name", "module"), sorted(COMMANDS.items()))
def test_each_command_is_registered_by_its_module(name: str, module: str) -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    importlib.import_module(module).add_parser(subparsers)
    assert name in subparsers.choices


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help-commands"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_opening_the_window_imports_no_command_module() -> None:
    # The window itself is replaced by a no-op: this is about what dispatch imports.
    code = (
        "import sys, app.ui.application as ui\n"
        "ui.run_gui = lambda args: 0\n"
        "import app.cli.main as m\n"
        "assert m.main([]) == 0\n"
        "loaded = [n for n in set(m.COMMANDS.values()) if n in sys.modules]\n"
        "print(','.join(sorted(loaded)) or 'none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none"


def test_plain_help_lists_every_command_with_its_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--sandbox" in out  # the window's own options are still there
    commands = out.split("commands (")[1]
    for name in COMMANDS:
        assert f"\n  {name} " in commands
    assert "mirror a local folder and an s3:// prefix" in commands  # sync's summary
