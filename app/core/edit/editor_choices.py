"""The editor chosen with "Edit With…", remembered per file extension in `editors.json` under
the config folder (commands only; no secret can be in one)."""

from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path

from app.core import paths
from app.core.atomic_file import write_atomically

log = logging.getLogger(__name__)
FILE_NAME = "editors.json"


def extension_of(key: str) -> str:
    """'notes.MD' -> '.md'; '' for a name without one (remembered under '')."""
    name = posixpath.basename(key)
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


class EditorChoices:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / FILE_NAME
        self._commands: dict[str, str] = {}
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("Ignoring the remembered editors in %s: %s", self.path, exc)
            return
        if isinstance(raw, dict):
            self._commands = {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}

    def command_for(self, key: str) -> str | None:
        return self._commands.get(extension_of(key))

    def remember(self, key: str, command: str) -> None:
        """Blocking (writes the file): call it off the GUI thread."""
        self._commands[extension_of(key)] = command
        write_atomically(self.path, json.dumps(self._commands, indent=2, sort_keys=True))
