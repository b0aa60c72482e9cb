"""Answers no S3 server gives: a listing that repeats itself, a size that is not a byte count.

A broken or hostile server must not keep Eider listing forever or hand nonsense on to the
transfer engine; these checks stop at the first such answer and say what the server sent.
"""

from __future__ import annotations

from app.core.explained import ExplainedError

# S3's limit is 5 TiB (50 TB announced); anything above a signed 64-bit count is no size.
MAX_OBJECT_SIZE = 2**63 - 1


class ImplausibleAnswer(RuntimeError, ExplainedError):
    """The server's answer cannot be right; `errors.describe` names it as the server's fault."""


def checked_size(text: str | None, key: str) -> int:
    """A listed object's size as an int, or ImplausibleAnswer naming the key."""
    try:
        size = int(text or 0)
    except ValueError:
        raise ImplausibleAnswer(
            f"The server listed '{key}' with the size {_short(text)!r}, which is not a number."
        ) from None
    if not 0 <= size <= MAX_OBJECT_SIZE:
        raise ImplausibleAnswer(
            f"The server listed '{key}' with the size {_short(text)}, which no object can have."
        )
    return size


def checked_count(text: str | None, field: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        raise ImplausibleAnswer(
            f"The server's listing has {_short(text)!r} as {field}, which is not a number."
        ) from None


# Listings, errors and settings are read whole; no S3 answer of that kind comes near this.
MAX_WHOLE_ANSWER = 64 * 1024 * 1024


def answer_too_large() -> ImplausibleAnswer:
    return ImplausibleAnswer(
        f"The server's answer is longer than {MAX_WHOLE_ANSWER // (1024 * 1024)} MiB, more than "
        "any S3 listing, error or setting; Eider stopped reading it."
    )


class RepeatGuard:
    """Remembers a listing's continuation tokens; a token seen before means an endless listing."""

    def __init__(self, bucket: str, prefix: str) -> None:
        self._bucket = bucket
        self._prefix = prefix
        self._seen: set[str] = set()

    def check(self, token: str) -> None:
        if token in self._seen:
            where = f"'{self._bucket}/{self._prefix}'" if self._prefix else f"'{self._bucket}'"
            raise ImplausibleAnswer(
                f"The server's listing of {where} repeats itself: it sent the same continuation "
                f"token again after {len(self._seen)} page(s), so it would never end. "
                "Eider stopped listing."
            )
        self._seen.add(token)


def _short(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= 40 else text[:40] + "..."
