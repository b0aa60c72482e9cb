"""Proof that an installation carries its bundled files: every UI icon renders and every
shipped provider profile loads (`eider --self-test` runs it in a checkout, a pip install and
the PyInstaller build alike)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from app.core.profiles.catalogue import SHIPPED_DIR, shipped_profiles
from app.core.resources import ResourceMissing, resource_root, ui_icon_names
from app.ui import icons


def check_bundled_files() -> tuple[int, int]:
    """(icons, profiles) found; ResourceMissing names the first file that is not there."""
    names = ui_icon_names()
    if not names:
        raise ResourceMissing(f"Eider's installation has no icons (looked in {resource_root()})")
    for name in names:
        if icons.icon(name).pixmap(QSize(16, 16)).isNull():
            raise ResourceMissing(f"Eider's icon {name} does not render")
    profiles = shipped_profiles()  # a broken shipped profile raises ProfileError
    if not profiles:
        raise ResourceMissing(f"Eider's installation has no provider profiles ({SHIPPED_DIR})")
    return len(names), len(profiles)
