"""Everything drag and drop does, from the keyboard: Cut, Copy and Paste of objects (between
windows too, through the clipboard), Copy To…, Move To… and Upload To… (a connection and a
folder chosen in `DestinationDialog`). Paste of files copied in a file manager uploads them.
They act on the list's selection, or on the folder tree's node when the tree has the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.errors import ErrorKind, UserError
from app.ui.dialogs import file_pick
from app.ui.dialogs.destination import DestinationDialog
from app.ui.dnd.drag_and_drop import DragAndDrop, Side
from app.ui.dnd.drag_out import TEXT
from app.ui.dnd.payload import OBJECTS_FORMAT, ObjectsPayload
from app.ui.location import Location
from app.ui.translation import N_, translate

THIS_CONNECTION = N_("This window's connection")


def _problem(message: str, fix: str = "") -> UserError:
    return UserError(ErrorKind.OTHER, message, fix)


class KeyboardTransfers(QObject):
    def __init__(self, dnd: DragAndDrop) -> None:
        super().__init__(dnd)
        self.dnd = dnd
        self.window = dnd.window
        self.browser = dnd.browser
        self.dialog: DestinationDialog | None = None
        self.actions: dict[str, QAction] = {}
        shortcuts: tuple[tuple[str, str, QKeySequence | str, Callable[[], None], bool], ...] = (
            ("cutAction", self.tr("Cu&t"), QKeySequence.StandardKey.Cut, self.cut, True),
            ("copyObjectsAction", self.tr("&Copy"), QKeySequence.StandardKey.Copy, self.copy, True),
            ("pasteAction", self.tr("&Paste"), QKeySequence.StandardKey.Paste, self.paste, True),
            ("copyToAction", self.tr("Copy &To…"), "Shift+F5", lambda: self.copy_to(False), False),
            ("moveToAction", self.tr("&Move To…"), "Shift+F6", lambda: self.copy_to(True), False),
            ("uploadToAction", self.tr("Upload T&o…"), "Ctrl+Alt+Shift+U", self.upload_to, False),
        )
        views: list[QWidget] = [self.window.object_list, self.window.folder_tree]
        for name, text, keys, slot, on_views in shortcuts:
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if on_views:  # the path bar and filter box keep their own Ctrl+X/C/V
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                for view in views:
                    view.addAction(action)
            else:
                self.window.addAction(action)
            self.actions[name] = action

    # -- what the keys act on ------------------------------------------------------------------

    def _chosen(self) -> tuple[str, list[str]] | None:
        tree = self.window.folder_tree
        if tree.hasFocus():
            node = tree.current_location
            if node is None or not node.prefix:
                self.browser.report(
                    _problem(self.tr("Choose a folder (a bucket cannot be moved)."))
                )
                return None
            return node.bucket, [node.prefix]
        here = self.browser.location
        if here.is_root:
            self.browser.report(_problem(self.tr("Open a bucket first.")))
            return None
        keys = [ref.key for ref in self.dnd.actions.selection()]
        if not keys:
            self.browser.report(_problem(self.tr("Select what to copy or move first.")))
            return None
        return here.bucket, keys

    def _target(self) -> Location | None:
        tree = self.window.folder_tree
        node = tree.current_location if tree.hasFocus() else None
        target = node or self.browser.location
        if target.is_root:
            self.browser.report(_problem(self.tr("Open the bucket or folder to paste into.")))
            return None
        return target

    # -- Cut, Copy, Paste ----------------------------------------------------------------------

    def cut(self) -> None:
        self._to_clipboard(cut=True)

    def copy(self) -> None:
        self._to_clipboard(cut=False)

    def _to_clipboard(self, cut: bool) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        bucket, keys = chosen
        payload = ObjectsPayload(
            self.dnd.token, self.browser.bookmark_id, bucket, tuple(keys), cut=cut
        )
        mime = QMimeData()
        mime.setData(OBJECTS_FORMAT, payload.encode())
        mime.setData(TEXT, "\n".join(payload.s3_urls()).encode())  # other programs: the URLs
        QGuiApplication.clipboard().setMimeData(mime)
        verb = self.tr("Cut") if cut else self.tr("Copied")
        self.dnd.actions.status.finish(
            "", self.tr("{0} {1} item(s): paste with Ctrl+V").format(verb, len(keys))
        )

    def paste(self) -> None:
        target = self._target()
        if target is None:
            return
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasFormat(OBJECTS_FORMAT):
            payload = ObjectsPayload.decode(bytes(mime.data(OBJECTS_FORMAT).data()))
            if payload is not None:
                self.dnd.drop_objects(payload, target, copy=not payload.cut)
                if payload.cut:  # a cut is pasted once
                    QGuiApplication.clipboard().clear()
                return
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime else []
        if files:
            self.dnd.upload_files(files, target)
            return
        self.browser.report(
            _problem(self.tr("Nothing to paste: cut or copy objects or files first."))
        )

    # -- Copy To…, Move To…, Upload To… --------------------------------------------------------

    def _connections(self) -> list[tuple[str, str | None]]:
        store = self.window.sidebar.model.store
        own = self.browser.bookmark_id
        choices: list[tuple[str, str | None]] = [(translate("", THIS_CONNECTION), None)]
        choices += [(b.nickname, b.id) for b in store.list() if b.id != own]
        return choices

    def _ask_destination(self, title: str, then: Callable[[str | None, Location], None]) -> None:
        dialog = DestinationDialog(self.window, title, self._connections(), self.browser.location)
        dialog.accepted.connect(lambda: then(dialog.bookmark_id, dialog.folder))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def copy_to(self, move: bool) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        bucket, keys = chosen
        payload = ObjectsPayload(self.dnd.token, self.browser.bookmark_id, bucket, tuple(keys))
        title = self.tr("Move To") if move else self.tr("Copy To")
        self._ask_destination(
            title,
            lambda bookmark_id, folder: self._spawn(
                self._send(payload, bookmark_id, folder, not move), folder
            ),
        )

    def upload_to(self) -> None:
        def chosen_files(files: list[str]) -> None:
            self._ask_destination(
                self.tr("Upload To"),
                lambda bookmark_id, folder: self._spawn(
                    self._upload(files, bookmark_id, folder), folder
                ),
            )

        file_pick.choose_files_to_upload(self.window, chosen_files)

    def _spawn(self, work: object, folder: Location) -> None:
        self.dnd.bridge.spawn(work, "starting a transfer", folder.bucket, "", self.browser.report)  # type: ignore[arg-type]

    async def _side(self, bookmark_id: str | None) -> Side | None:
        """The connection chosen: this window's, an open window's, or the bookmark's."""
        if bookmark_id is None:
            return None
        for side in self.dnd.directory.all():
            session = side.session()
            if side.bookmark_id() == bookmark_id and session is not None:
                return Side(session, bookmark_id, side.changed)
        session = await self.dnd.bridge.run(self.dnd.shared.session_for, bookmark_id)
        return Side(session, bookmark_id, None)

    async def _send(
        self, payload: ObjectsPayload, bookmark_id: str | None, folder: Location, copy: bool
    ) -> None:
        side = await self._side(bookmark_id)
        self.dnd.drop_objects(payload, folder, copy, side)

    async def _upload(self, files: list[str], bookmark_id: str | None, folder: Location) -> None:
        side = await self._side(bookmark_id)
        self.dnd.upload_files([Path(f) for f in files], folder, side)
