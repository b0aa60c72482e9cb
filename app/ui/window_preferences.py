"""The Preferences a browser window's connection follows: the settings file's, under the
overrides of the bookmark the connection was opened from (the bookmark dialog's Advanced part),
as the command line and the transfers of that bookmark follow them."""

from __future__ import annotations

from app.core.bookmarks import BookmarkStore
from app.core.bookmarks.connect import preferences_for
from app.core.preferences.sections import Preferences


def window_preferences(
    preferences: Preferences, store: BookmarkStore, bookmark_id: str | None
) -> Preferences:
    """`preferences` with the overrides of bookmark `bookmark_id` (as it is now in `store`,
    which holds the bookmarks in memory); as they are without a bookmark or once it is gone."""
    if not bookmark_id:
        return preferences
    bookmark = next((b for b in store.list() if b.id == bookmark_id), None)
    return preferences if bookmark is None else preferences_for(bookmark, preferences)
