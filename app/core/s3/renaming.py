"""The key an object or folder gets when it is renamed in place."""

from __future__ import annotations


def renamed_key(key: str, new_name: str) -> str:
    """'a/b.txt' + 'c.txt' -> 'a/c.txt'; a folder ('a/b/') keeps its '/'."""
    if not new_name or "/" in new_name or new_name in (".", ".."):
        raise ValueError("A new name cannot be empty, '.', '..' or contain '/'.")
    is_folder = key.endswith("/")
    stem = key[:-1] if is_folder else key
    parent = stem[: stem.rfind("/") + 1]
    return f"{parent}{new_name}/" if is_folder else f"{parent}{new_name}"
