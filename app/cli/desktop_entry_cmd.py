"""`eider --install-desktop-entry` and `eider --uninstall-desktop-entry`."""

from __future__ import annotations

import sys

from app.core import desktop_entry
from app.core.desktop_entry import DesktopEntryError, DesktopEntryReport


def _print(report: DesktopEntryReport) -> None:
    for path in report.written:
        print(f"installed {path}")
    for path in report.removed:
        print(f"removed {path}")
    if report.refreshed:
        print(f"refreshed the desktop's caches with {', '.join(report.refreshed)}")
    for warning in report.warnings:
        print(f"eider: warning: {warning}", file=sys.stderr)


def install() -> int:
    try:
        report = desktop_entry.install()
    except DesktopEntryError as exc:
        print(f"eider: {exc}", file=sys.stderr)
        return 1
    _print(report)
    print("Eider is in the applications menu and opens .cyberduckprofile, .profile, .duck files.")
    return 0


def uninstall() -> int:
    try:
        report = desktop_entry.uninstall()
    except DesktopEntryError as exc:
        print(f"eider: {exc}", file=sys.stderr)
        return 1
    _print(report)
    if not report.removed:
        print("No desktop entry of Eider was installed for this user.")
    return 0
