"""Icons for the bookmarks sidebar's buttons where the desktop has no icon theme.

The sidebar asks the theme (`QIcon.fromTheme`); without one (Windows, macOS, a bare X server)
its buttons fall back to their text and the row of seven words makes the sidebar 500 px wide.
These small drawn glyphs keep the buttons icon-sized; a theme icon, when present, wins.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

from app.ui.palette_follow import on_palette_change

ICON_PX = 16
# Action object name (see BookmarksSidebar) -> glyph.
GLYPHS = {
    "bookmarkAdd": "+",
    "bookmarkEdit": "\N{LOWER RIGHT PENCIL}",
    "bookmarkDuplicate": "",  # two offset squares, drawn (few fonts have a glyph for it)
    "bookmarkDelete": "\N{MINUS SIGN}",
    "bookmarkUp": "\N{UPWARDS ARROW}",
    "bookmarkDown": "\N{DOWNWARDS ARROW}",
    "bookmarkConnect": "\N{RIGHTWARDS ARROW TO BAR}",
}


def glyph_icon(glyph: str, widget: QWidget) -> QIcon:
    ratio = widget.devicePixelRatioF()
    pixmap = QPixmap(round(ICON_PX * ratio), round(ICON_PX * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(widget.font())
    font.setPixelSize(ICON_PX - 2)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(widget.palette().color(QPalette.ColorRole.ButtonText))
    if glyph:
        painter.drawText(QRectF(0, 0, ICON_PX, ICON_PX), Qt.AlignmentFlag.AlignCenter, glyph)
    else:
        painter.drawRect(QRectF(2.5, 2.5, 8, 8))
        painter.fillRect(QRectF(6, 6, 8, 8), widget.palette().color(QPalette.ColorRole.Button))
        painter.drawRect(QRectF(5.5, 5.5, 8, 8))
    painter.end()
    return QIcon(pixmap)


def fill_missing_icons(sidebar: QWidget) -> None:
    """Give each sidebar action without a theme icon its glyph (buttons show icons only),
    drawn again in the new colours when the palette changes."""
    drawn = []
    for action in sidebar.actions():
        glyph = GLYPHS.get(action.objectName())
        if glyph is not None and action.icon().isNull():
            action.setIcon(glyph_icon(glyph, sidebar))
            drawn.append((action, glyph))

    def redraw() -> None:
        for action, glyph in drawn:
            action.setIcon(glyph_icon(glyph, sidebar))

    if drawn:
        on_palette_change(sidebar, redraw)
