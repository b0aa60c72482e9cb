"""The "Local sandbox" bookmark: how the sandbox server appears in the sidebar.

Its id is derived from the sandbox's data folder, so every run finds the same bookmark and
only updates its port (chosen free at each start). The bookmark names the sandbox's key file
(`secret_file`) rather than keeping the secret in a store: no keyring is needed.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.model import SECRET_KEY
from app.core.connection import Connection
from app.core.credentials.spec import CredentialKind
from app.core.sandbox import DEMO_BUCKET, Sandbox

# Where earlier versions kept the sandbox's key, in the keyring (besides the bookmark's owner).
LEGACY_SECRET_OWNER = "sandbox"  # noqa: S105 - a keyring owner name, not a secret
SANDBOX_NICKNAME = "Local sandbox"
SANDBOX_PROFILE = "seaweedfs"  # the shipped SeaweedFS profile's Vendor


def sandbox_bookmark_id(root: Path) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"eider-sandbox:{root.resolve()}"))


def sandbox_bookmark(
    sandbox: Sandbox, connection: Connection, existing: Bookmark | None = None
) -> Bookmark:
    """The bookmark for the running sandbox: `existing` (the user may have renamed it)
    pointed at the server's current host and port, or a new one."""
    address = {
        "host": connection.host,
        "port": connection.port,
        "access_key_id": connection.credentials.access_key_id,
        "credential_kind": CredentialKind.STATIC,
        "secret_file": connection.credentials.secret_file,
    }
    if existing is not None:
        return existing.with_changes(**address)
    return Bookmark(
        nickname=SANDBOX_NICKNAME,
        profile=SANDBOX_PROFILE,
        id=sandbox_bookmark_id(sandbox.root),
        path=f"{DEMO_BUCKET}/",
        comment="A SeaweedFS server on this computer, started and stopped by Eider.",
        **address,  # type: ignore[arg-type]
    )


def find_existing(store: BookmarkStore, sandbox: Sandbox) -> Bookmark | None:
    wanted = sandbox_bookmark_id(sandbox.root)
    return next((b for b in store.list() if b.id == wanted), None)


def forget_stored_copies(bookmark: Bookmark) -> None:
    """Drop keyring copies of the sandbox key that earlier versions made: the key file is the
    one place for it now (blocking keyring call; a failing keyring is left as it is)."""
    for owner in (LEGACY_SECRET_OWNER, bookmark.secret_owner):
        with contextlib.suppress(secrets.SecretStoreError):
            secrets.delete_secret(owner, SECRET_KEY)


def ensure_sandbox_bookmark(store: BookmarkStore, sandbox: Sandbox) -> Bookmark:
    """Start the sandbox if needed and add or update its bookmark in `store` (blocking)."""
    connection = sandbox.start()
    existing = find_existing(store, sandbox)
    bookmark = sandbox_bookmark(sandbox, connection, existing)
    forget_stored_copies(bookmark)
    if existing is None:
        return store.add(bookmark)
    if existing != bookmark:
        return store.update(bookmark)
    return bookmark
