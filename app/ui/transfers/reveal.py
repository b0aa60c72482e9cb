"""Show a local file in the desktop's file manager.

On Linux the freedesktop `org.freedesktop.FileManager1.ShowItems` call opens the folder with
the file selected, where a file manager offers it on the session bus; everywhere else (and
when that call cannot be made) the folder is opened with the desktop's default handler.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

FILE_MANAGER = "org.freedesktop.FileManager1"
FILE_MANAGER_PATH = "/org/freedesktop/FileManager1"


def _show_items_over_dbus(path: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    interface = bus.interface()
    if interface is None or not interface.isServiceRegistered(FILE_MANAGER).value():
        return False
    manager = QDBusInterface(FILE_MANAGER, FILE_MANAGER_PATH, FILE_MANAGER, bus)
    uri = QUrl.fromLocalFile(str(path)).toString()
    reply = manager.callWithArgumentList(QDBus.CallMode.NoBlock, "ShowItems", [[uri], ""])
    return reply.type() != QDBusMessage.MessageType.ErrorMessage


def reveal(local: str) -> bool:
    """Show `local` (a file or folder; the nearest existing folder if it is gone)."""
    path = Path(local)
    if path.exists() and _show_items_over_dbus(path):
        return True
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
