"""Profile icons for Qt. The core decodes `Disk`; PNG always loads, TIFF only where Qt's image
plugins are installed (not always with PySide6-Essentials), so a failure means "no icon"."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from app.core.profiles import Profile

_cache: dict[bytes, QIcon | None] = {}


def profile_icon(profile: Profile | None) -> QIcon | None:
    if profile is None or profile.icon is None:
        return None
    data = profile.icon.data
    if data not in _cache:
        pixmap = QPixmap()
        fmt = profile.icon.format if profile.icon.format != "unknown" else None
        loaded = pixmap.loadFromData(data, fmt) or pixmap.loadFromData(data)
        _cache[data] = QIcon(pixmap) if loaded and not pixmap.isNull() else None
    return _cache[data]
