"""The Preferences as the settings file holds them now, read without keeping a store open
(the command line, and each new connection)."""

from __future__ import annotations

from app.core.preferences.sections import Preferences


def load_preferences() -> Preferences:
    from app.core.settings import SettingsStore  # the store imports this package's model

    return SettingsStore().preferences()
