"""Folders: zero-byte placeholder objects whose key ends in `/`."""

from __future__ import annotations

from app.core.s3.session import S3Session

DIRECTORY_CONTENT_TYPE = "application/x-directory"


def folder_name_problem(name: str) -> str | None:
    """Why `name` cannot be a folder name, or None when it can."""
    if not name:
        return "A folder name cannot be empty."
    if "/" in name:
        return "A folder name cannot contain '/'; create the folders one level at a time."
    if name in (".", ".."):
        return f"'{name}' cannot be a folder name: most tools read it as a relative path."
    if len(name.encode()) > 1000:
        return "The folder name is too long: an S3 key is at most 1,024 bytes."
    return None


def create_folder(session: S3Session, bucket: str, parent_prefix: str, name: str) -> str:
    """Create folder `name` inside `parent_prefix` ('' or ending in '/'); returns its key."""
    problem = folder_name_problem(name)
    if problem:
        raise ValueError(problem)
    if parent_prefix and not parent_prefix.endswith("/"):
        raise ValueError(f"The parent prefix '{parent_prefix}' must end with '/'.")
    key = f"{parent_prefix}{name}/"
    if len(key.encode()) > 1024:
        raise ValueError("The folder's full key would be longer than S3's 1,024 bytes.")
    session.call(
        bucket,
        lambda c: c.put_object(
            Bucket=bucket, Key=key, Body=b"", ContentType=DIRECTORY_CONTENT_TYPE
        ),
    )
    return key
