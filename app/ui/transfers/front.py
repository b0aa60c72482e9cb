"""Bring a top-level window to the front."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

NO_STACKING = ("offscreen", "minimal")  # platforms without windows to stack


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QGuiApplication.platformName() not in NO_STACKING:
        window.raise_()
        window.activateWindow()
