"""The `eider` command: with no sub-command (or only files) it opens the window."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__

# Each module defines `add_parser(subparsers)`, which registers its sub-command(s) and sets
# `func(args) -> int` as the parser default.
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.profile_cmd",
    "app.cli.bookmark_cmd",
    "app.cli.ls_cmd",
    "app.cli.cp_cmd",
    "app.cli.rm_cmd",
    "app.cli.presign_cmd",
    "app.cli.stat_cmd",
    "app.cli.jobs_cmd",
    "app.cli.sync_cmd",
)


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eider", description="Eider: S3 file-transfer browser and command-line client."
    )
    parser.add_argument("--version", action="version", version=f"eider {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
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


def _subcommand_names() -> set[str]:
    parser = _command_parser()
    for action in parser._subparsers._actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--help-commands":
        _command_parser().print_help()
        return 0
    if args_list and args_list[0] in _subcommand_names():
        args = _command_parser().parse_args(args_list)
        return int(args.func(args))
    gui_args = _gui_parser().parse_args(args_list)
    from app.ui.application import run_gui  # Qt is imported only when a window is wanted

    return run_gui(gui_args)
