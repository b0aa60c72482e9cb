"""Where dropped (or pasted) objects may go: the rule drag and drop and Paste share."""

from __future__ import annotations

from app.core.s3.location import Location, name_of, parent_of


def drop_refusal(bucket: str, keys: list[str], target: Location, same_server: bool) -> str | None:
    """Why the objects `keys` of `bucket` cannot be dropped at `target`, or None.
    `same_server`: both sides reach the same endpoint with the same access key."""
    if target.is_root:
        return "Drop onto a bucket or a folder."
    if not same_server or bucket != target.bucket:
        return None
    for key in keys:
        if key.endswith("/") and target.prefix.startswith(key):
            return f"The folder {name_of(key)} cannot go into itself or into its own subfolder."
    if all(parent_of(bucket, key) == target for key in keys):
        return "They are in that folder already (Duplicate makes a copy beside them)."
    return None
