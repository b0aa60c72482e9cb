"""X Direct Save (XDS) for a drag out of Eider, on X11: the property Qt does not set.

Qt's xcb plugin names its hidden selection-owner window as the drag source, so at drag start
(`announce`, run by a zero-time timer once `QDrag.exec` has taken the XdndSelection) this sets
`XdndDirectSave0` on that window to the suggested file name; at the drop the target (Thunar,
Nemo, PCManFM, …) writes the full `file://` URI of where it wants the file back into it and
asks Qt for the `XdndDirectSave0` data, which `ObjectDragMime` answers after `read` (see
`drag_out.py`). Needs python-xlib and an X11 display; `for_this_display` says None otherwise.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class DirectSaveProperty:
    def __init__(self, display: Any, file_name: str) -> None:
        self._display = display
        self._name = file_name.encode()
        self._property = display.intern_atom("XdndDirectSave0")
        self._type = display.intern_atom("text/plain")
        self._owner: Any = None

    @classmethod
    def for_this_display(cls, file_name: str) -> DirectSaveProperty | None:
        if QGuiApplication.platformName() != "xcb":
            return None
        try:
            from Xlib import display as xdisplay

            return cls(xdisplay.Display(), file_name)
        except Exception as exc:  # no python-xlib, or the display refused a second client
            log.info("XDS is not offered: %s", exc)
            return None

    def announce(self) -> None:
        """Set the property on the window that owns XdndSelection now (the drag's source)."""
        owner = self._display.get_selection_owner(self._display.intern_atom("XdndSelection"))
        if not owner:
            return
        owner.change_property(self._property, self._type, 8, self._name)
        self._display.flush()
        self._owner = owner

    def read(self) -> str | None:
        """The URI the target wrote back (None before it did)."""
        if self._owner is None:
            return None
        found = self._owner.get_full_property(self._property, 0)
        if found is None:
            return None
        value = found.value
        text = value.decode(errors="replace") if isinstance(value, bytes) else str(value)
        return None if text.encode() == self._name else text

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._owner is not None:
                self._owner.delete_property(self._property)
            self._display.close()
