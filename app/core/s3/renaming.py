"""The key an object or folder gets when it is renamed in place or moved into a folder."""

from __future__ import annotations

from app.core.s3.location import Location


def renamed_key(key: str, new_name: str) -> str:
    """'a/b.txt' + 'c.txt' -> 'a/c.txt'; a folder ('a/b/') keeps its '/'."""
    if not new_name or "/" in new_name or new_name in (".", ".."):
        raise ValueError("A new name cannot be empty, '.', '..' or contain '/'.")
    is_folder = key.endswith("/")
    stem = key[:-1] if is_folder else key
    parent = stem[: stem.rfind("/") + 1]
    return f"{parent}{new_name}/" if is_folder else f"{parent}{new_name}"


def moved_key(bucket: str, key: str, into_bucket: str, into_prefix: str) -> str:
    """The key `key` (of `bucket`) gets when moved into the folder `into_prefix` of
    `into_bucket` under its own name; a folder ('a/b/') keeps its '/'.

    Raises ValueError for a move that goes nowhere or puts a folder inside itself."""
    if not into_bucket:
        raise ValueError("Name a bucket to move into: s3://bucket/folder/")
    is_folder = key.endswith("/")
    name = key.rstrip("/").rsplit("/", 1)[-1] + ("/" if is_folder else "")
    new_key = into_prefix + name
    if (into_bucket, new_key) == (bucket, key):
        raise ValueError("That is where it is already.")
    if is_folder and into_bucket == bucket and new_key.startswith(key):
        raise ValueError("A folder cannot be moved into itself.")
    return new_key


def rename_destination(bucket: str, key: str, text: str) -> tuple[str, str]:
    """(bucket, key) that Rename/Move gives `key` for what the user typed: a new name in
    place, or `s3://bucket/folder/` to move it into that folder under its own name.

    Raises ValueError for text that is neither."""
    if not text.lower().startswith("s3://"):
        return bucket, renamed_key(key, text)
    target = Location.parse(text)
    return target.bucket, moved_key(bucket, key, target.bucket, target.prefix)
