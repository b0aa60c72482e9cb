"""A test hook: with EIDER_WINDOW_REPORT=FILE, the first window writes what it shows (title,
bookmarks, bucket tree, object names, banner) to FILE as JSON, refreshed twice a second.

Lets a test that starts Eider as a real process (`python -m app`) see the window's state. It
reads the widgets' models, so it shows what a user would see; it never holds a secret (names
only). The file is written off the GUI thread.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.core.atomic_file import write_atomically
from app.ui.main_window import MainWindow

ENV = "EIDER_WINDOW_REPORT"
_MAX_ROWS = 200


def _column(model: QAbstractItemModel) -> list[str]:
    rows = min(model.rowCount(QModelIndex()), _MAX_ROWS)
    return [
        str(model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)) for row in range(rows)
    ]


def snapshot(window: MainWindow) -> dict[str, object]:
    banner = window.error_banner
    return {
        "title": window.windowTitle(),
        "bookmarks": _column(window.sidebar.model),
        "buckets": _column(window.folder_tree.model()),
        "objects": _column(window.object_list.model()),
        "banner": {
            "visible": not banner.isHidden(),
            "notice": banner.notice,
            "text": banner.text,
        },
        "bookmarks_banner": window.sidebar.banner.label.text(),
        "browser_windows": sum(
            isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
    }


def install_window_report(window: MainWindow) -> QTimer | None:
    target = os.environ.get(ENV)
    if not target:
        return None
    path = Path(target)
    timer = QTimer(window)
    timer.setInterval(500)

    def write() -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # qasync's last pass of Qt events after a loop run: skip a tick
            return
        if shiboken6.isValid(window):
            text = json.dumps(snapshot(window), ensure_ascii=False)
            loop.run_in_executor(None, write_atomically, path, text)

    timer.timeout.connect(write)
    timer.start()
    return timer
