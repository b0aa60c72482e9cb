"""The mime data of objects dragged out of Eider: what each kind of target reads.

Chosen at drag start (Qt fixes the offered formats then), after
`/work/shared/research/drag_out_linux.md`:

- always `application/x-eider-objects` (`payload.py`), for Eider windows;
- a small selection of files (`is_small`): `text/uri-list` with `file://` URLs of the files'
  final names in a private staging folder (`app/core/transfers/drag_staging.py`), and
  `text/plain` with their `s3://` URLs for targets that take only text. File managers read the
  URL list while merely hovering; the first read starts the downloads (queue jobs, never on the
  GUI thread) and answers at once, so a drag between Eider windows downloads nothing. A URL
  names a file only once it is complete: an early or failed drop finds nothing, never a
  partial file;
- anything larger, or a folder: KDE's promise (`ark_promise.py`: Dolphin, Plasma; X11 and
  Wayland) and X Direct Save (`XdndDirectSave0`, X11 only: Thunar, Nemo,
  Caja, PCManFM, xfdesktop) and no URL list or text, which those file managers would take
  instead (and GNOME Files would save as a text file). The target writes the folder it wants
  into the source window's property; `retrieveData("XdndDirectSave0")` reads it back
  (`read_direct_save`), queues the downloads there and answers "S" at once (or "F").
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QUrl

from app.ui.dnd.ark_promise import ARK_PATH, ARK_SERVICE
from app.ui.dnd.payload import OBJECTS_FORMAT, ObjectsPayload

URI_LIST = "text/uri-list"
TEXT = "text/plain"
DIRECT_SAVE = "XdndDirectSave0"
SMALL_BYTES = 64 * 1024 * 1024
SMALL_COUNT = 50


def is_small(sizes: list[int | None]) -> bool:
    """Files only (a folder's size is None), at most 50 and 64 MiB together."""
    return (
        0 < len(sizes) <= SMALL_COUNT
        and all(size is not None for size in sizes)
        and sum(size or 0 for size in sizes) <= SMALL_BYTES
    )


def direct_save_folder(uri: str) -> Path | None:
    """The local folder an XDS target asked for: the folder part of a `file://` URI that
    names an existing, writable folder; None for anything else (a remote URI, a bare name)."""
    url = QUrl(uri.strip())
    if not url.isLocalFile():
        return None
    folder = Path(url.toLocalFile()).parent
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


class ObjectDragMime(QMimeData):
    def __init__(
        self,
        payload: ObjectsPayload,
        staged: list[Path] | None,
        stage: Callable[[], None],
        save_into: Callable[[Path], None],
        read_direct_save: Callable[[], str | None] | None,
        ark: tuple[str, str] | None = None,
    ) -> None:
        """`staged`: the final paths of a small selection (None: offer XDS instead); `stage()`
        starts their downloads; `save_into(folder)` queues the downloads an XDS target asked
        for; `read_direct_save()` reads the URI the target wrote (None off X11); `ark` is the
        (D-Bus name, object path) of KDE's promise (`ark_promise.py`), None without a bus."""
        super().__init__()
        self.payload = payload
        self.staged = staged
        self._stage = stage
        self._save_into = save_into
        self._read_direct_save = read_direct_save
        self._ark = ark
        self.staging_started = False
        self.direct_save_answer: bytes | None = None

    def formats(self) -> list[str]:
        formats = [OBJECTS_FORMAT]
        if self.staged is not None:
            formats += [URI_LIST, TEXT]
        else:
            if self._read_direct_save is not None:
                formats.append(DIRECT_SAVE)
            if self._ark is not None:
                formats += [ARK_SERVICE, ARK_PATH]
        return formats

    def hasFormat(self, mimetype: str) -> bool:
        return mimetype in self.formats()

    def retrieveData(self, mimetype: str, preferred_type: object) -> object:
        if mimetype == OBJECTS_FORMAT:
            return QByteArray(self.payload.encode())
        if mimetype == URI_LIST and self.staged is not None:
            if not self.staging_started:
                self.staging_started = True
                self._stage()
            # A list of URLs: Qt gives it to urls() as it is and to data() as the text form.
            return [QUrl.fromLocalFile(str(p)) for p in self.staged]
        if mimetype == TEXT and self.staged is not None:
            return QByteArray("\n".join(self.payload.s3_urls()).encode())
        if self._ark is not None and self.staged is None and mimetype in (ARK_SERVICE, ARK_PATH):
            return QByteArray(self._ark[0 if mimetype == ARK_SERVICE else 1].encode())
        if mimetype == DIRECT_SAVE and self._read_direct_save is not None:
            if self.direct_save_answer is None:
                self.direct_save_answer = self._direct_save()
            return QByteArray(self.direct_save_answer)
        return None

    def _direct_save(self) -> bytes:
        assert self._read_direct_save is not None
        uri = self._read_direct_save()
        folder = direct_save_folder(uri) if uri else None
        if folder is None:
            return b"F"
        self._save_into(folder)
        return b"S"
