"""Files the desktop hands over as "open file" events rather than on the command line: macOS
Finder's double-click or drop on the Dock icon arrives as a `QFileOpenEvent` on the
application. They take the same way as a later start's request (`open_requests`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenEvents(QObject):
    """Install on the QApplication: `opened` is called with each file's path."""

    def __init__(
        self, opened: Callable[[list[str]], object], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._opened = opened

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._opened([path])
                return True
        return super().eventFilter(watched, event)
