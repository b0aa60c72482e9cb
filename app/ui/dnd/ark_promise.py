"""KDE's drag-out promise (Ark's protocol), which Dolphin and the Plasma desktop honour on X11
and Wayland alike: the drag carries the source's D-Bus name and an object path
(`application/x-kde-ark-dndextract-service` / `-path`); at the drop the target calls
`org.kde.ark.DndExtract.extractSelectedFilesTo(destination)` there, a blocking call, which
Eider answers at once after queuing the downloads into that folder.

One exported object per drag, at `/DndExtract/<n>`; the previous one is withdrawn when the next
drag starts (the target calls after the drop, so a drag's promise outlives its `exec`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import ClassInfo, QObject, QUrl, Slot
from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

ARK_SERVICE = "application/x-kde-ark-dndextract-service"
ARK_PATH = "application/x-kde-ark-dndextract-path"
_paths = itertools.count(1)


def destination_folder(destination: str) -> Path | None:
    """A local folder from what Dolphin sends: a path or a `file://` URL; None otherwise."""
    text = destination.strip()
    if "://" in text:
        url = QUrl(text)
        if not url.isLocalFile():
            return None
        text = url.toLocalFile()
    folder = Path(text)
    return folder if folder.is_absolute() and folder.is_dir() else None


@ClassInfo({"D-Bus Interface": "org.kde.ark.DndExtract"})
class DndExtract(QObject):
    def __init__(self, save_into: Callable[[Path], None]) -> None:
        super().__init__()
        self._save_into = save_into
        self.asked: list[str] = []

    @Slot(str)
    def extractSelectedFilesTo(self, destination: str) -> None:
        self.asked.append(destination)
        folder = destination_folder(destination)
        if folder is None:
            log.warning("A KDE drop asked for %r, which is not a local folder", destination)
            return
        self._save_into(folder)


class ArkPromise:
    """The exported object of the current drag (`offer`), on `bus` (the session bus)."""

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self._bus = bus
        self._path: str | None = None
        self._object: DndExtract | None = None

    def offer(self, save_into: Callable[[Path], None]) -> tuple[str, str] | None:
        """Export a new promise; (service, path) for the mime data, None without a bus."""
        self.withdraw()
        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        path = f"/DndExtract/{next(_paths)}"
        extract = DndExtract(save_into)
        if not bus.registerObject(path, extract, QDBusConnection.RegisterOption.ExportAllSlots):
            log.info("The KDE drag promise could not be exported: %s", bus.lastError().message())
            return None
        self._bus, self._path, self._object = bus, path, extract
        return bus.baseService(), path

    @property
    def current(self) -> DndExtract | None:
        return self._object

    def withdraw(self) -> None:
        if self._bus is not None and self._path is not None:
            self._bus.unregisterObject(self._path)
        self._path, self._object = None, None
