"""Answering the hidden-files panel's confirmation boxes, as a user would."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.gui.conftest import wait_for


def question(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    """The visible confirmation box with objectName `name`, once it shows."""
    boxes: list[QMessageBox] = []

    def shown() -> bool:
        boxes[:] = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
        return bool(boxes)

    wait_for(qtbot, shown)
    return boxes[0]


def answer_yes(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Click Yes in the box `name` and wait until the panel says the action changed things."""
    box = question(qtbot, window, name)
    with qtbot.waitSignal(window.hidden_files.changed, timeout=30_000):
        box.button(QMessageBox.StandardButton.Yes).click()
