"""Refuse S3 calls on threads that must never block (the GUI thread).

The Qt layer registers its GUI thread at start-up; any botocore call made on it then raises
instead of freezing the window. The CLI registers nothing.
"""

from __future__ import annotations

import threading
from typing import Any

_forbidden: set[int] = set()


class BlockingCallOnForbiddenThread(RuntimeError):
    pass


def forbid_current_thread() -> None:
    _forbidden.add(threading.get_ident())


def allow_current_thread() -> None:
    _forbidden.discard(threading.get_ident())


def check_before_call(**kwargs: Any) -> None:
    if threading.get_ident() in _forbidden:
        model = kwargs.get("model")
        name = getattr(model, "name", "an S3 operation")
        raise BlockingCallOnForbiddenThread(
            f"{name} was called on the GUI thread; run it in an executor"
        )
