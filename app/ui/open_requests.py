"""What the running Eider does when a later start hands it a request (`single_instance`):
import the named files into its front window, or open a new window when none were named."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from app.ui.main_window import MainWindow
from app.ui.transfers.front import bring_to_front


class Windows(Protocol):
    windows: list[MainWindow]

    def open_empty(self) -> MainWindow: ...


def front_window(windows: Windows) -> MainWindow | None:
    visible = [w for w in windows.windows if w.isVisible()]
    active = [w for w in visible if w.isActiveWindow()]
    return (active or visible or [None])[-1]


def handle_open_request(windows: Windows, files: Sequence[str]) -> MainWindow:
    if not files:
        window = windows.open_empty()
        bring_to_front(window)
        return window
    window = front_window(windows) or windows.open_empty()
    window.bookmarks.import_files([Path(f) for f in files])
    bring_to_front(window)
    return window
