"""Where Eider keeps its files: platformdirs, wrapped once.

`EIDER_HOME` (or `set_base_dir`) puts everything under one folder: used by the tests and for a
portable install.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app.core.private_files import make_private_folder

APP_NAME = "Eider"
_base_override: Path | None = None
_made_private: set[Path] = set()


def set_base_dir(path: Path | None) -> None:
    global _base_override
    _base_override = path


def _base() -> Path | None:
    if _base_override is not None:
        return _base_override
    env = os.environ.get("EIDER_HOME")
    return Path(env) if env else None


def _dir(kind: str) -> Path:
    base = _base()
    if base is not None:
        path = base / kind
    else:
        finder = {
            "config": platformdirs.user_config_path,
            "data": platformdirs.user_data_path,
            "state": platformdirs.user_state_path,
            "cache": platformdirs.user_cache_path,
            "log": platformdirs.user_log_path,
        }[kind]
        path = finder(APP_NAME, appauthor=False)
    if path not in _made_private:
        # Bookmarks, the journal, logs and caches are this user's alone (0700).
        make_private_folder(path)
        _made_private.add(path)
    return path


def config_dir() -> Path:
    return _dir("config")


def data_dir() -> Path:
    return _dir("data")


def state_dir() -> Path:
    return _dir("state")


def cache_dir() -> Path:
    return _dir("cache")


def log_dir() -> Path:
    return _dir("log")
