"""What the window system delivers during a drag: enter, move, then the drop (or leave)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.main_window import MainWindow

BOTH = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def file_mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def hover(
    viewport: QWidget, point: QPoint, mime: QMimeData, modifiers: Any = NONE
) -> QDragMoveEvent:
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(viewport, QDragEnterEvent(point, BOTH, mime, left, modifiers))
    move = QDragMoveEvent(point, BOTH, mime, left, modifiers)
    QApplication.sendEvent(viewport, move)
    return move


def drop(viewport: QWidget, point: QPoint, mime: QMimeData, modifiers: Any = NONE) -> QDropEvent:
    moved = hover(viewport, point, mime, modifiers)
    assert moved.isAccepted(), "the hover was refused"
    event = QDropEvent(QPointF(point), BOTH, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(viewport, event)
    return event


def row_point(window: MainWindow, name: str) -> QPoint:
    model = window.controller.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return window.object_list.visualRect(model.index(row, 0)).center()
    raise AssertionError(f"{name} is not listed")


def empty_point(window: MainWindow) -> QPoint:
    """A point below the last row. The test servers are shared, so the bucket list may hold
    other tests' buckets: the window grows until the rows leave room below them."""
    view = window.object_list
    rows = view.model().rowCount()
    for _ in range(5):
        viewport = view.viewport()
        point = QPoint(viewport.width() // 2, viewport.height() - 4)
        if not view.indexAt(point).isValid():
            return point
        last = view.visualRect(view.model().index(rows - 1, 0))
        window.resize(window.width(), window.height() + last.bottom() - viewport.height() + 60)
        QApplication.processEvents()
    raise AssertionError("the object list has no empty space below its rows")


def node_point(window: MainWindow, index: QModelIndex) -> QPoint:
    assert index.isValid()
    window.folder_tree.scrollTo(index)
    return window.folder_tree.visualRect(index).center()
