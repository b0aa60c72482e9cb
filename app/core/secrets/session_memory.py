"""Secrets kept for this session only: in this process's memory, gone when Eider exits."""

from __future__ import annotations

import threading

_lock = threading.Lock()
_values: dict[str, str] = {}


def get(account: str) -> str | None:
    with _lock:
        return _values.get(account)


def put(account: str, value: str) -> None:
    with _lock:
        _values[account] = value


def delete(account: str) -> None:
    with _lock:
        _values.pop(account, None)


def clear() -> None:
    with _lock:
        _values.clear()
