"""The "Local sandbox" bookmark follows the sandbox server: added once, re-pointed when the
port changes, renames kept, the secret only in the sandbox's user-only key file."""

from __future__ import annotations

from app.core import secrets
from app.core.bookmarks import BookmarkStore, connection_for_bookmark
from app.core.bookmarks.model import SECRET_KEY
from app.core.s3.session import S3Session
from app.core.sandbox import DEMO_BUCKET, Sandbox
from app.core.sandbox_bookmark import (
    LEGACY_SECRET_OWNER,
    SANDBOX_NICKNAME,
    ensure_sandbox_bookmark,
)


def test_the_sandbox_bookmark_is_made_once_and_follows_the_port() -> None:
    sandbox = Sandbox()
    try:
        store = BookmarkStore()
        # What an earlier version left in the keyring: removed, the key file is the one place.
        secrets.set_secret(LEGACY_SECRET_OWNER, SECRET_KEY, "old-sandbox-secret")
        bookmark = ensure_sandbox_bookmark(store, sandbox)
        assert secrets.get_secret(LEGACY_SECRET_OWNER, SECRET_KEY) is None
        assert bookmark.nickname == SANDBOX_NICKNAME
        assert (bookmark.host, bookmark.port) == (sandbox.start().host, sandbox.start().port)
        assert bookmark.secret_file == str(sandbox.key_file)
        secret = sandbox.key_file.read_text().strip()
        assert secret and secrets.get_secret(bookmark.secret_owner, SECRET_KEY) is None
        assert secret not in store.path.read_text(encoding="utf-8")

        # The bookmark opens the demo bucket like any bookmark.
        session = S3Session(connection_for_bookmark(bookmark))
        assert DEMO_BUCKET in [b.name for b in session.list_buckets()]

        # A previous run's port, and a nickname the user chose: the port is corrected, the
        # nickname kept, no second bookmark is made.
        store.update(bookmark.with_changes(port=1, nickname="My sandbox"))
        again = ensure_sandbox_bookmark(BookmarkStore(), sandbox)
        assert again.id == bookmark.id
        assert (again.port, again.nickname) == (bookmark.port, "My sandbox")
        assert [b.port for b in BookmarkStore().list()] == [bookmark.port]
    finally:
        sandbox.stop(timeout=3)
