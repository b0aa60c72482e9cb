"""Answering the Transfers window's questions the way a user clicks them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.application import WindowSet

WAIT_MS = 30_000


def click(qtbot: QtBot, box: QMessageBox, button: str) -> None:
    found = box.findChild(QPushButton, button)
    assert found is not None, f"{box.objectName()} has no {button}"
    found.click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)


def answer_quit(qtbot: QtBot, windows: WindowSet, button: str) -> None:
    """Click `button` (stopTransfersButton, finishTransfersButton, dontQuitButton) in the
    question asked when the last window closes while transfers run."""
    guard = windows.quit_guard
    qtbot.waitUntil(lambda: guard.dialog is not None, timeout=WAIT_MS)
    assert guard.dialog is not None
    click(qtbot, guard.dialog, button)
