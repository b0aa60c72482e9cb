"""Helpers for the bucket tab tests: open a tab on a real server, save through its button."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from pytestqt.qtbot import QtBot

from app.ui.info.bucket.section_tab import SectionTab

WAIT_MS = 30_000
TabT = TypeVar("TabT", bound=SectionTab[Any, Any])


def new_bucket(admin: Any, **extra: Any) -> str:
    name = f"tabs-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name, **extra)
    return name


def opened(qtbot: QtBot, tab: TabT) -> TabT:
    """`tab` shown and loaded from the server."""
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.load()
    return tab


def save(qtbot: QtBot, tab: SectionTab[Any, Any], button: Any = None) -> bool:
    """Click Save (or `button`) and wait until the server answered and the tab read it back."""
    with qtbot.waitSignal(tab.saveFinished, timeout=WAIT_MS) as blocker:
        (button or tab.save_button).click()
    return bool(blocker.args[0])
