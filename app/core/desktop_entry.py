"""`eider --install-desktop-entry` / `--uninstall-desktop-entry`: register Eider with a
freedesktop desktop (GNOME, KDE, Xfce...) for the current user.

Copies the desktop entry (its Exec line pointing at this Eider), the AppStream metainfo, the
icons and the MIME types for Cyberduck profiles and bookmarks under the user's XDG data folder,
then refreshes the desktop's caches with update-mime-database / update-desktop-database /
gtk-update-icon-cache when they are installed. Double-clicking a `.cyberduckprofile`,
`.profile` or `.duck` file then runs `eider FILE`, which imports it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.explained import ExplainedError
from app.core.programs import find_program
from app.core.resources import (
    APP_ID,
    ICON_SIZES,
    app_icon_png,
    app_icon_svg,
    desktop_file,
    metainfo_file,
    mime_file,
)

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopEntryError(RuntimeError, ExplainedError):
    """The desktop entry could not be installed or removed."""


@dataclass
class DesktopEntryReport:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)  # the cache tools that ran
    warnings: list[str] = field(default_factory=list)


def data_home() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the XDG base directory rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def launch_command() -> list[str]:
    """How the desktop should start this Eider: the bundle's executable, the `eider` script
    beside this interpreter, else this interpreter with `-m app`."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).parent / "eider"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "app"]


def exec_argument(argument: str) -> str:
    """One argument quoted for an Exec key (Desktop Entry Specification, "The Exec key"),
    then escaped as a desktop file string value."""
    if argument and not (_RESERVED & set(argument)):
        quoted = argument
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        quoted = f'"{inner}"'
    return quoted.replace("%", "%%").replace("\\", "\\\\")


def entry_text(template: str, command: Sequence[str]) -> str:
    """The desktop entry with its Exec and TryExec lines pointing at `command`."""
    line = " ".join(exec_argument(a) for a in command)
    lines = []
    for raw in template.splitlines():
        key, _, value = raw.partition("=")
        if key == "Exec":
            field_code = " %F" if value.endswith(" %F") else ""
            raw = f"Exec={line}{field_code}"
        elif key == "TryExec":
            raw = f"TryExec={exec_argument(command[0])}"
        lines.append(raw)
    return "\n".join(lines) + "\n"


def _targets(home: Path) -> dict[str, Path]:
    targets = {
        "desktop": home / "applications" / f"{APP_ID}.desktop",
        "metainfo": home / "metainfo" / f"{APP_ID}.metainfo.xml",
        "mime": home / "mime" / "packages" / f"{APP_ID}.xml",
        "svg": home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        targets[f"png{size}"] = home / "icons/hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return targets


def _copy(source: Path, target: Path, report: DesktopEntryReport) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
    report.written.append(target)


def _refresh(home: Path, report: DesktopEntryReport) -> None:
    runs = [
        ("update-mime-database", [str(home / "mime")]),
        ("update-desktop-database", ["-q", str(home / "applications")]),
        ("gtk-update-icon-cache", ["-f", "-t", "-q", str(home / "icons" / "hicolor")]),
    ]
    for tool, arguments in runs:
        program = find_program(tool)
        if program is None:
            continue
        try:
            done = subprocess.run(
                [program, *arguments], capture_output=True, text=True, timeout=120, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.warnings.append(f"{tool} did not run: {exc}")
            continue
        if done.returncode == 0:
            report.refreshed.append(tool)
        else:
            first = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[0]
            report.warnings.append(f"{tool} failed: {first}")


def _require_freedesktop() -> None:
    if sys.platform in ("win32", "darwin"):
        raise DesktopEntryError(
            "Desktop entries are for Linux and BSD desktops; on Windows and macOS use the "
            "installer or the .app bundle (see packaging/pyinstaller/README.md)."
        )


def install(home: Path | None = None, command: Sequence[str] | None = None) -> DesktopEntryReport:
    _require_freedesktop()
    home = home or data_home()
    report = DesktopEntryReport()
    targets = _targets(home)
    try:
        text = entry_text(desktop_file().read_text("utf-8"), command or launch_command())
        target = targets["desktop"]
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        report.written.append(target)
        _copy(metainfo_file(), targets["metainfo"], report)
        _copy(mime_file(), targets["mime"], report)
        _copy(app_icon_svg(), targets["svg"], report)
        for size in ICON_SIZES:
            _copy(app_icon_png(size), targets[f"png{size}"], report)
    except OSError as exc:
        raise DesktopEntryError(
            f"Could not install the desktop entry under {home}: {exc.strerror or exc}"
        ) from exc
    _refresh(home, report)
    return report


def uninstall(home: Path | None = None) -> DesktopEntryReport:
    _require_freedesktop()
    home = home or data_home()
    report = DesktopEntryReport()
    for target in _targets(home).values():
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopEntryError(f"Could not remove {target}: {exc.strerror or exc}") from exc
        report.removed.append(target)
    _refresh(home, report)
    return report
