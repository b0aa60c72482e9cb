"""Which program opens a private copy: a command given, else $VISUAL or $EDITOR, else the
desktop's default application (which gives no sign of when the editing ends)."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from app.core.programs import find_program

DESKTOP_OPENER = "xdg-open"


@dataclass(frozen=True)
class EditorCommand:
    argv: list[str]
    waits: bool  # the program returns when the editing is over (False: a desktop opener)


def editor_argv(command: str, path: Path) -> list[str]:
    """`command` split as a shell would; "{}" in it stands for the file, else it goes last."""
    parts = shlex.split(command)
    if not parts:
        raise ValueError("The editor command is empty")
    if "{}" in parts:
        return [str(path) if p == "{}" else p for p in parts]
    return [*parts, str(path)]


def choose_editor(command: str | None, path: Path) -> EditorCommand:
    chosen = command or os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return EditorCommand(editor_argv(chosen, path), waits=True)
    opener = find_program(DESKTOP_OPENER)
    if opener is None:
        raise ValueError(
            "No editor to open the object with: give one with --with, or set VISUAL or EDITOR."
        )
    return EditorCommand([opener, str(path)], waits=False)
