"""Icons drawn in the palette's colours are drawn again when the palette changes (the system
switching between light and dark, see color_scheme.py).

Models need nothing from here: they hand out `icons.icon(...)` on every `data()` call and the
views repaint on a palette change. What holds an icon itself (an action, a tree item, a
button) says how to draw it again with `on_palette_change`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.ui import icons


class _PaletteWatch(QObject):
    def __init__(self, widget: QWidget, redraw: Callable[[], None]) -> None:
        super().__init__(widget)  # lives and dies with the widget, on the GUI thread
        self._redraw = redraw
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self._redraw()
        return False


def on_palette_change(widget: QWidget, redraw: Callable[[], None]) -> None:
    """Call `redraw` each time `widget`'s palette changes (the application's included)."""
    _PaletteWatch(widget, redraw)


def follow_palette_with_action_icons(widget: QWidget) -> None:
    """`widget`'s actions named in icons.ACTIONS take their icon again on a palette change."""

    def redraw() -> None:
        for action in widget.actions():
            icon = icons.action_icon(action.objectName())
            if icon is not None:
                action.setIcon(icon)

    on_palette_change(widget, redraw)
