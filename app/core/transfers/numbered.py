"""'name (n)' names: where a duplicate goes, and where a copy, upload or download told to keep
both puts the new one."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

# Kept whole when a number goes before the extension: "backup (1).tar.gz", not "backup.tar (1).gz".
_DOUBLE_EXTENSIONS = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")
LIMIT = 10_000


def numbered_name(name: str, n: int) -> str:
    """'dir/name.ext' -> 'dir/name (n).ext'; 'dir/folder/' -> 'dir/folder (n)/'; a name that
    starts with a dot and has no other ('.hidden') takes the number at its end."""
    if name.endswith("/"):
        return f"{name[:-1]} ({n})/"
    base = posixpath.basename(name)
    parent = name[: len(name) - len(base)]
    lower = base.lower()
    ext = next((e for e in _DOUBLE_EXTENSIONS if lower.endswith(e) and len(base) > len(e)), None)
    if ext is None:
        dot = base.rfind(".")
        ext = base[dot:] if dot > 0 else ""
    stem = base[: len(base) - len(ext)]
    return f"{parent}{stem} ({n}){base[len(stem) :]}"


def numbered_names(name: str, limit: int = LIMIT) -> Iterator[str]:
    for n in range(1, limit + 1):
        yield numbered_name(name, n)
    raise ValueError(f"No free name for {name} after {limit:,} tries")


def first_free(name: str, taken: Callable[[str], bool], limit: int = LIMIT) -> str:
    """The first numbered name of `name` for which `taken` says no."""
    for candidate in numbered_names(name, limit):
        if not taken(candidate):
            return candidate
    raise AssertionError("numbered_names ends by raising")  # pragma: no cover
