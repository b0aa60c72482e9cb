"""The Preferences as the settings file holds them now, read without keeping a store open
(the command line, and each new connection)."""

from __future__ import annotations

import logging

from app.core.preferences.sections import Preferences
from app.core.transfers.limits import TransferLimits

log = logging.getLogger(__name__)


def load_preferences() -> Preferences:
    from app.core.settings import SettingsStore  # the store imports this package's model

    try:
        return SettingsStore().preferences()
    except OSError as exc:  # no config folder can be made: the defaults still work
        log.warning("The settings cannot be read (%s); the default preferences hold", exc)
        return Preferences()


def load_transfer_limits() -> TransferLimits:
    from app.core.settings import SettingsStore

    try:
        return SettingsStore().transfer_limits()
    except OSError as exc:
        log.warning("The settings cannot be read (%s); the default limits hold", exc)
        return TransferLimits()
