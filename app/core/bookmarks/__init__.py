"""Bookmarks: saved connections (profile + overrides), stored without secrets."""

from app.core.bookmarks.connect import connection_for_bookmark, profile_for
from app.core.bookmarks.duck import DuckImport, export_duck, import_duck
from app.core.bookmarks.model import Bookmark, BookmarkError, secret_owner
from app.core.bookmarks.store import BookmarkStore, BookmarkStoreError

__all__ = [
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "BookmarkStoreError",
    "DuckImport",
    "connection_for_bookmark",
    "export_duck",
    "import_duck",
    "profile_for",
    "secret_owner",
]
