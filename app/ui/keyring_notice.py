"""Saying once, when Eider starts, that there is no system keyring and what that means.

Not an error: the banner explains what Eider does instead (asks for secrets, keeps them for
the session or in its vault) and how to start a keyring. Later actions do not repeat it.
"""

from __future__ import annotations

import asyncio

import shiboken6

from app.core import secrets
from app.core.errors import describe_missing_keyring
from app.ui.main_window import MainWindow


async def tell_if_no_keyring(window: MainWindow) -> bool:
    """True when the notice was shown. The probe (D-Bus) runs off the GUI thread."""
    status = await asyncio.get_running_loop().run_in_executor(None, secrets.keyring_status)
    if status.usable or not shiboken6.isValid(window):
        return False
    window.show_notice(describe_missing_keyring(status.reason))
    return True
