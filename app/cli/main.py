"""The `eider` command: with no sub-command (or only files) it opens the window."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__

# Imports are where each path needs them: `eider --version` loads nothing beyond argparse, and
# botocore, keyring and Qt load only for a command or window that uses them
# (tests/cli/test_lean_start.py).

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
    "edit": "app.cli.edit_cmd",
    "rekey": "app.cli.rekey_cmd",
}


def _command_parser(only: str | None = None) -> argparse.ArgumentParser:
    return _command_parsers(only)[0]


def _command_parsers(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:  # type: ignore[type-arg]
    parser = argparse.ArgumentParser(
        prog="eider", description="Eider: S3 file-transfer browser and command-line client."
    )
    parser.add_argument("--version", action="version", version=f"eider {__version__}")
    from app.cli.verbose import add_verbose_argument

    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[only]] if only else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).add_parser(subparsers)
    for command_parser in subparsers.choices.values():
        add_verbose_argument(command_parser)
    return parser, subparsers


def _commands_epilog() -> str:
    """The command list `eider --help` ends with (it imports every command module)."""
    subparsers = _command_parsers()[1]
    width = max(len(name) for name in COMMANDS)
    # argparse keeps each sub-command's one-line help on these pseudo-actions only
    lines = [f"  {a.dest:<{width}}  {a.help}" for a in subparsers._get_subactions()]
    return (
        "commands (run 'eider COMMAND --help' for one):\n"
        + "\n".join(lines)
        + "\n\nWith no command, Eider opens its window."
    )


def _gui_parser(with_commands: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eider",
        usage="eider [--sandbox] [files ...]\n       eider COMMAND [options] ...",
        description="Eider: S3 file-transfer browser and command-line client.",
        epilog=_commands_epilog() if with_commands else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eider {__version__}")
    parser.add_argument(
        "--sandbox", action="store_true", help="browse a local SeaweedFS sandbox server"
    )
    parser.add_argument(
        "files", nargs="*", help="connection profile (.cyberduckprofile, .profile) files to import"
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Eider to this user's applications menu and open profile files with it",
    )
    desktop.add_argument(
        "--uninstall-desktop-entry", action="store_true", help="undo --install-desktop-entry"
    )
    desktop.add_argument(
        "--self-test",
        action="store_true",
        help="open a window offscreen on a throw-away sandbox, list, upload, download, exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--help-commands":
        _command_parser().print_help()
        return 0
    if args_list and args_list[0] in COMMANDS:
        from app.cli.log_file import send_logs_to_file
        from app.cli.verbose import print_requests

        args = _command_parser(only=args_list[0]).parse_args(args_list)
        send_logs_to_file()
        stop_printing = print_requests() if args.verbose else None
        try:
            return int(args.func(args))
        except Exception as exc:
            from app.cli import exit_codes

            # already in words (a journal from a newer Eider, ...), or an answer no S3 server
            # gives: described in one line, never a traceback
            if not exit_codes.described_whole(exc):
                raise
            return exit_codes.fail(exc)
        finally:
            if stop_printing is not None:
                stop_printing()
    wants_help = any(arg in ("-h", "--help") for arg in args_list)
    gui_args = _gui_parser(with_commands=wants_help).parse_args(args_list)
    if gui_args.install_desktop_entry or gui_args.uninstall_desktop_entry:
        from app.cli import desktop_entry_cmd

        if gui_args.install_desktop_entry:
            return desktop_entry_cmd.install()
        return desktop_entry_cmd.uninstall()
    import app.ui.core_before_qt  # noqa: F401  (why: its docstring)

    if gui_args.self_test:
        from app.ui.self_test import run_self_test

        return run_self_test()
    from app.ui.application import run_gui  # Qt is imported only when a window is wanted

    return run_gui(gui_args)
