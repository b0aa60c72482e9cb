"""Light and dark palettes that follow the system's colour scheme (Qt 6.5+ `colorScheme`).

Desktops whose Qt platform theme already switches the palette (KDE, GNOME with a Qt theme,
Windows 11, macOS) are left alone. Where the scheme changes but the palette stays light (a
bare X session, Fusion on a desktop without a Qt theme), Eider switches Fusion's palette
itself, and back again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        Role.Window: "#2b2d30",
        Role.WindowText: "#e6e6e6",
        Role.Base: "#1e1f22",
        Role.AlternateBase: "#26282b",
        Role.ToolTipBase: "#3c3f41",
        Role.ToolTipText: "#e6e6e6",
        Role.PlaceholderText: "#8c8c8c",
        Role.Text: "#e6e6e6",
        Role.Button: "#3c3f41",
        Role.ButtonText: "#e6e6e6",
        Role.BrightText: "#ff6b6b",
        Role.Light: "#4a4d50",
        Role.Midlight: "#3f4245",
        Role.Mid: "#2f3134",
        Role.Dark: "#1b1c1e",
        Role.Shadow: "#000000",
        Role.Highlight: "#3574f0",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#6ea8fe",
        Role.LinkVisited: "#b48efa",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> bool:
    """Make `app`'s palette match `scheme` if the platform did not; True when it changed."""
    current = is_dark(app.palette())
    if scheme == Qt.ColorScheme.Dark and not current:
        app.setPalette(dark_palette())
        return True
    if scheme == Qt.ColorScheme.Light and current:
        app.setPalette(app.style().standardPalette())
        return True
    return False


def follow_system_color_scheme(app: QApplication) -> None:
    hints = QGuiApplication.styleHints()
    apply_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))
