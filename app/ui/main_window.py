"""The browser window. It composes widgets and wires signals; it holds no S3 logic."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from app import __version__


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Eider")
        self.setAccessibleName("Eider main window")
        self.resize(1100, 700)
        placeholder = QLabel(f"Eider {__version__}: no connection open yet.")
        placeholder.setObjectName("emptyState")
        placeholder.setAccessibleName("No connection open")
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage("Ready")
