"""The `eider` command: with no sub-command (or only files) it opens the window."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.log_file import send_logs_to_file
from app.core.explained import ExplainedError

# Sub-command name -> the module that registers it. Each module defines
# `add_parser(subparsers)`, which registers its sub-command(s) and sets `func(args) -> int`.
# Only the module a command needs is imported: opening the window imports none of them.
COMMANDS: dict[str, str] = {
    "profile": "app.cli.profile_cmd",
    "bookmark": "app.cli.bookmark_cmd",
    "ls": "app.cli.ls_cmd",
    "cp": "app.cli.cp_cmd",
    "mv": "app.cli.cp_cmd",
    "rm": "app.cli.rm_cmd",
    "sync": "app.cli.sync_cmd",
    "presign": "app.cli.presign_cmd",
    "stat": "app.cli.stat_cmd",
    "info": "app.cli.info_cmd",
    "restore-to": "app.cli.restore_to_cmd",
    "jobs": "app.cli.jobs_cmd",
    "vault": "app.cli.vault_cmd",
}


def _command_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eider", description="Eider: S3 file-transfer browser and command-line client."
    )
    parser.add_argument("--version", action="version", version=f"eider {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[only]] if only else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eider",
        description="Open the Eider window. Run 'eider --help-commands' for the command line.",
    )
    parser.add_argument("--version", action="version", version=f"eider {__version__}")
    parser.add_argument(
        "--sandbox", action="store_true", help="browse a local SeaweedFS sandbox server"
    )
    parser.add_argument(
        "files", nargs="*", help="connection profile (.cyberduckprofile, .profile) files to import"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--help-commands":
        _command_parser().print_help()
        return 0
    if args_list and args_list[0] in COMMANDS:
        args = _command_parser(only=args_list[0]).parse_args(args_list)
        send_logs_to_file()
        try:
            return int(args.func(args))
        except ExplainedError as exc:  # already in words (a journal from a newer Eider, ...)
            from app.cli import exit_codes

            return exit_codes.fail(exc)
    gui_args = _gui_parser().parse_args(args_list)
    from app.ui.application import run_gui  # Qt is imported only when a window is wanted

    return run_gui(gui_args)
