"""The Preferences a command runs under: the settings file's, with the --bookmark's overrides.
Each command's own flags go on top of what this returns."""

from __future__ import annotations

import argparse

from app.core.bookmarks import BookmarkStore
from app.core.bookmarks.connect import preferences_for
from app.core.preferences.loading import load_preferences
from app.core.preferences.sections import Preferences


def preferences_for_args(args: argparse.Namespace) -> Preferences:
    preferences = load_preferences()
    bookmark = getattr(args, "bookmark", None)
    if bookmark:
        return preferences_for(BookmarkStore().get(bookmark), preferences)
    return preferences
