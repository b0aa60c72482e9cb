"""Where Eider's bundled files (icons, desktop entry, MIME types, provider profiles) are,
however it was installed.

They live in the repository's `resources/` and `profiles/` folders. `app/resources` and
`app/profiles` point at them (symbolic links), so the same paths work in a source checkout, in a
pip install (the wheel carries the files as package data of `app`, see pyproject.toml) and in
the PyInstaller build (the spec copies them to `app/resources` and `app/profiles` inside the
bundle). Every reader goes through this module.
"""

from __future__ import annotations

from pathlib import Path

APP_ID = "org.eider.Eider"  # the desktop entry, AppStream and icon name
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the hicolor PNGs made from the SVG


class ResourceMissing(FileNotFoundError):
    """A bundled file is not where the install put it (a broken install, not a user error)."""


def _app_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    return _app_dir() / "resources"


def shipped_profiles_dir() -> Path:
    """The provider profiles Eider ships (the catalogue; the user's own are elsewhere)."""
    return _app_dir() / "profiles"


def resource(*parts: str) -> Path:
    path = resource_root().joinpath(*parts)
    if not path.is_file():
        raise ResourceMissing(f"Eider's installation lacks {'/'.join(parts)} (looked in {path})")
    return path


def ui_icon_path(name: str) -> Path:
    return resource("icons", "ui", f"{name}.svg")


def ui_icon_names() -> list[str]:
    return sorted(p.stem for p in (resource_root() / "icons" / "ui").glob("*.svg"))


def app_icon_svg() -> Path:
    return resource("icons", "app", f"{APP_ID}.svg")


def app_icon_png(size: int) -> Path:
    return resource("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def desktop_file() -> Path:
    return resource("desktop", f"{APP_ID}.desktop")


def metainfo_file() -> Path:
    return resource("desktop", f"{APP_ID}.metainfo.xml")


def mime_file() -> Path:
    return resource("desktop", f"{APP_ID}.mime.xml")


def translations_dir() -> Path:
    """The translation template (eider.ts) and the compiled catalogues (eider_<locale>.qm)."""
    return resource_root() / "translations"
