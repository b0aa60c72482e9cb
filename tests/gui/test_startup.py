from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_main_window_opens(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == "Eider"
