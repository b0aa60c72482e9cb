"""Eider's icons load from resources/ and follow the palette; the palette follows the
system's light or dark scheme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from app.core.resources import ICON_SIZES, ResourceMissing, ui_icon_names
from app.ui import color_scheme, icons
from app.ui.application import create_application

pytestmark = [pytest.mark.gui]


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    original = qapp.palette()
    yield qapp
    qapp.setPalette(original)


def darkest_and_lightest(icon_name: str) -> tuple[int, int]:
    image = icons.icon(icon_name).pixmap(QSize(32, 32)).toImage()
    lightness = [
        QColor.fromRgba(image.pixel(x, y)).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert lightness, f"{icon_name} drew nothing"
    return min(lightness), max(lightness)


def test_every_ui_icon_renders(app: QApplication) -> None:
    names = ui_icon_names()
    assert len(names) >= 30
    for name in names:
        icon = icons.icon(name)
        assert not icon.isNull(), name
        assert QSize(16, 16) in icon.availableSizes() and QSize(48, 48) in icon.availableSizes()
        darkest_and_lightest(name)
    with pytest.raises(ResourceMissing):
        icons.icon("no-such-icon")


def test_icons_are_drawn_in_the_palette_s_text_colour(app: QApplication) -> None:
    app.setPalette(app.style().standardPalette())
    _, lightest_on_light = darkest_and_lightest("folder")
    assert lightest_on_light < 100  # dark strokes on a light window
    app.setPalette(color_scheme.dark_palette())
    darkest_on_dark, _ = darkest_and_lightest("folder")
    assert darkest_on_dark > 150  # light strokes on a dark window


def test_kinds_map_to_their_icons(app: QApplication) -> None:
    assert icons.FILE_KINDS["jpg"] == "file-image"
    assert (
        icons.file_icon("photos/2026/coast.JPG").cacheKey() == icons.icon("file-image").cacheKey()
    )
    assert icons.file_icon("no-extension").cacheKey() == icons.icon("file").cacheKey()
    assert icons.file_icon("photos/", is_folder=True).cacheKey() == icons.icon("folder").cacheKey()
    assert (
        icons.encryption_icon("aws:kms").cacheKey() == icons.icon("encryption-sse-kms").cacheKey()
    )
    assert icons.encryption_icon(None).cacheKey() == icons.icon("encryption-none").cacheKey()
    assert set(icons.TRANSFER_STATES.values()) <= set(ui_icon_names())
    assert set(icons.ENCRYPTION_KINDS.values()) <= set(ui_icon_names())
    assert set(icons.FILE_KINDS.values()) <= set(ui_icon_names())
    assert set(icons.ACTIONS.values()) <= set(ui_icon_names())
    assert icons.action_icon("noSuchAction") is None


def test_the_application_carries_eider_s_icon(app: QApplication) -> None:
    create_application()
    sizes = app.windowIcon().availableSizes()
    for size in ICON_SIZES:
        assert QSize(size, size) in sizes
    assert app.desktopFileName() == "org.eider.Eider"


def test_the_palette_follows_the_scheme_both_ways(app: QApplication) -> None:
    app.setPalette(app.style().standardPalette())
    assert color_scheme.apply_scheme(app, Qt.ColorScheme.Dark)
    assert color_scheme.is_dark(app.palette())
    assert not color_scheme.apply_scheme(app, Qt.ColorScheme.Dark)  # already dark
    assert not color_scheme.apply_scheme(app, Qt.ColorScheme.Unknown)
    assert color_scheme.apply_scheme(app, Qt.ColorScheme.Light)
    assert not color_scheme.is_dark(app.palette())
