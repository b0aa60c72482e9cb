"""How numbers look in the window."""

from __future__ import annotations

from app.core.preferences.sections import SizeFormat

_UNITS = ("KiB", "MiB", "GiB", "TiB", "PiB", "EiB")


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")


_DECIMAL_UNITS = ("kB", "MB", "GB", "TB", "PB", "EB")


def decimal_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in _DECIMAL_UNITS:
        value /= 1000
        if value < 1000 or unit == _DECIMAL_UNITS[-1]:
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")


def size_text(size: int, style: SizeFormat = SizeFormat.BINARY) -> str:
    """A size as Preferences > Browser asks: binary units, decimal units or plain bytes."""
    if style is SizeFormat.DECIMAL:
        return decimal_size(size)
    if style is SizeFormat.BYTES:
        return f"{size:,}"
    return human_size(size)
