"""Where the commands' log records go: a file in the log folder, never the terminal.

Without a handler, Python prints warnings on stderr through its last-resort handler: every
failed item would then show twice, once raw and once as the command's `eider: error:` line.
The error messages point at this file ("the log file has the details").
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from app.core import paths
from app.core.errors.redact import scrub_for_log
from app.core.private_files import make_private_file

LOG_NAME = "eider-cli.log"
_MAX_BYTES = 1024 * 1024
_BACKUPS = 3


class _CommandLog(RotatingFileHandler):
    """Marks the handler this module installed, so that a second command run in the same
    process (the tests) replaces it rather than adding another."""

    def _open(self) -> TextIO:
        make_private_file(Path(self.baseFilename))  # the log is this user's alone (0600)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written must not put a traceback in the command's output."""

    def format(self, record: logging.LogRecord) -> str:
        # Records come from libraries too (botocore, urllib3): no secret reaches the file,
        # whatever a message or a traceback happens to repeat.
        return scrub_for_log(super().format(record))


def _level() -> int:
    """EIDER_LOG_LEVEL=DEBUG (or INFO) writes more than warnings, for a bug report."""
    wanted = os.environ.get("EIDER_LOG_LEVEL", "").strip().upper()
    level = logging.getLevelName(wanted) if wanted else logging.WARNING
    return level if isinstance(level, int) else logging.WARNING


def log_path() -> Path:
    return paths.log_dir() / LOG_NAME


def send_logs_to_file() -> Path | None:
    """Returns the log file, or None when the log folder cannot be made (records are dropped:
    every error also reaches stderr as the command's own message)."""
    root = logging.getLogger()
    try:
        path = log_path()
    except OSError:
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return None
    for handler in list(root.handlers):
        if isinstance(handler, _CommandLog):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    handler = _CommandLog(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
    )
    level = _level()
    handler.setLevel(level)
    if level < logging.WARNING:  # a debug log: the libraries' records too (still scrubbed)
        root.setLevel(level)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
