"""Drag and drop of one browser window: drags out of its object list and folder tree, drops
onto them, and the transfers both start.

- **Drops of local files** (a file manager, the desktop) upload into the folder under the
  cursor: a folder row or tree node (highlighted while hovering), else the folder shown; a
  bucket row or node means its root. The conflict question applies as for Upload…. Profile
  and `.duck` files are imported instead; a drop mixing both asks which is meant.
- **Drops of objects** from an Eider window (this one or another, `payload.py`) move them, or
  copy them with Ctrl (the drop action, and so the cursor, says which): on the server when both
  sides reach the same endpoint with the same access key, else streamed through Eider
  (`app/core/transfers/relay.py`). Moving a folder or more than `CONFIRM_OVER` objects asks
  first; a folder dropped onto itself or into its own subfolder is refused; both windows list
  the folders that changed again once the jobs end.
- **Drags out** carry `ObjectDragMime` (`drag_out.py`): file URLs of staged downloads for a
  small selection, X Direct Save otherwise, `s3://` URLs as text.

`drop_objects` and `upload_files` are also what the keyboard's Paste, Copy to…, Move to… and
Upload to… run (`keyboard.py`).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QMessageBox, QWidget

from app.core.bookmarks.file_import import is_importable
from app.core.errors import ErrorKind, UserError
from app.core.s3.location import name_of, parent_of
from app.core.s3.session import S3Session
from app.core.transfers import drag_staging
from app.core.transfers.download import partial_path
from app.core.transfers.drop_rules import drop_refusal
from app.core.transfers.engine import endpoint_id
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.core.transfers.relay import Relay, Relays
from app.ui.controllers.transfers import OWN
from app.ui.dnd.ark_promise import ArkPromise
from app.ui.dnd.direct_save import DirectSaveProperty
from app.ui.dnd.drag_out import ObjectDragMime, is_small
from app.ui.dnd.open_windows import OpenWindows, WindowSide
from app.ui.dnd.payload import OBJECTS_FORMAT, ObjectsPayload
from app.ui.location import Location
from app.ui.models.listing_model import IS_FOLDER_ROLE, KEY_ROLE, SIZE_ROLE
from app.ui.translation import N_, english_plural, translate

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.window_actions import WindowActions

CONFIRM_OVER = 3  # moving more objects than this (or any folder) asks first
PROMISE_HINT = N_(
    "Folders and large selections drop on Dolphin, Thunar, Nemo, PCManFM or another Eider "
    "window; elsewhere use Download… (Ctrl+Shift+D)"
)
_tokens = itertools.count(1)


def _problem(message: str, fix: str = "") -> UserError:
    return UserError(ErrorKind.OTHER, message, fix)


@dataclass(frozen=True)
class Side:
    """Where objects come from or go: a session, its bookmark, who lists its folders."""

    session: S3Session
    bookmark_id: str | None
    changed: Callable[[Location], None] | None


class DropHighlight(QFrame):
    """The frame over the row, node or folder that a drop would go into."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("dropHighlight")
        self.setAccessibleName(self.tr("Drop target"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        color = self.palette().highlight().color()
        self.setStyleSheet(
            f"#dropHighlight {{ border: 2px solid {color.darker(130).name()}; border-radius: 3px;"
            f" background: rgba({color.red()}, {color.green()}, {color.blue()}, 80); }}"
        )
        self.hide()

    def show_at(self, rect: QRect) -> None:
        self.setGeometry(rect)
        self.raise_()
        self.show()


class DragAndDrop(QObject):
    relayChanged = Signal(object)  # Relay, from the relay worker to the GUI thread
    dropped = Signal(object)  # Location a drop was accepted for (tests, the tree)

    def __init__(self, window: MainWindow, actions: WindowActions) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        self.browser = window.controller
        self.transfers = actions.transfers
        self.bridge = actions.bridge
        shared = window.shared_transfers or self.transfers.shared
        self.shared = shared
        self.directory: OpenWindows = shared.open_windows
        self.token = f"{os.getpid()}-{next(_tokens)}"
        self.directory.join(
            WindowSide(
                self.token,
                lambda: self.browser.session,
                lambda: self.browser.bookmark_id,
                self.folder_changed,
            )
        )
        self.list_view = window.object_list
        self.tree = window.folder_tree
        self.highlights = {
            self.list_view.viewport(): DropHighlight(self.list_view.viewport()),
            self.tree.viewport(): DropHighlight(self.tree.viewport()),
        }
        for viewport in self.highlights:
            viewport.setAcceptDrops(True)
            viewport.installEventFilter(self)
        self.dialog: QMessageBox | None = None  # the question opened last (tests answer it)
        self.last_mime: ObjectDragMime | None = None  # kept alive for Qt (and tests)
        self._press: tuple[QWidget, QPoint] | None = None
        self._direct_save: DirectSaveProperty | None = None
        self.ark = ArkPromise()  # tests give it a bus of their own
        # local root -> the folder it went into, and who lists that folder again
        self._uploads: dict[str, tuple[Location, Callable[[Location], None]]] = {}
        self._relays_mine: dict[str, tuple[Side, Location, Side, bool]] = {}
        self._relays: Relays | None = None
        self._relays_early: dict[str, list[Relay]] = {}
        self._unsubscribe_relays: Callable[[], None] | None = None
        self.relayChanged.connect(self._relay_changed)
        self.transfers.jobFinished.connect(self._job_finished)

    # -- refreshing ----------------------------------------------------------------------------

    def folder_changed(self, folder: Location) -> None:
        """What `folder` holds changed: the tree and (if it shows it) the list list it again."""
        self.tree.reload(folder)
        if folder == self.browser.location:
            self.browser.refresh()

    # -- events --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget) or watched not in self.highlights:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = (watched, event.position().toPoint())
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            self._press = None
            return False
        if kind == QEvent.Type.MouseMove:
            assert isinstance(event, QMouseEvent)
            return self._maybe_start_drag(watched, event)
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            return self._hover(watched, event)
        if kind == QEvent.Type.DragLeave:
            self.highlights[watched].hide()
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.highlights[watched].hide()
            return self._drop(watched, event)
        return False

    # -- where a drop goes ---------------------------------------------------------------------

    def target_at(self, viewport: QWidget, point: QPoint) -> tuple[Location | None, QRect]:
        """The folder a drop at `point` goes into, and the rectangle to highlight."""
        here = self.browser.location
        if viewport is self.tree.viewport():
            node = self.tree.location_at(point)
            if node is not None:
                rect = self.tree.visualRect(self.tree.indexAt(point))
                return node, QRect(0, rect.y(), viewport.width(), rect.height())
            return (None if here.is_root else here), viewport.rect()
        view = self.list_view
        index = view.indexAt(point)
        if index.isValid() and index.data(IS_FOLDER_ROLE):
            key = index.data(KEY_ROLE)
            row = index.row()
            rect = QRect(0, view.rowViewportPosition(row), viewport.width(), view.rowHeight(row))
            return here.child(key), rect
        return (None if here.is_root else here), viewport.rect()

    def _hover(self, viewport: QWidget, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        mime = event.mimeData()
        what = _what(mime)
        target, rect = self.target_at(viewport, event.position().toPoint())
        if what is None or target is None:
            self.highlights[viewport].hide()
            if what is not None:
                event.ignore()
                return True
            return False
        event.setDropAction(self._action(event, what))
        event.accept()
        self.highlights[viewport].show_at(rect)
        return True

    @staticmethod
    def _action(event: QDragMoveEvent | QDropEvent, what: str) -> Qt.DropAction:
        if what == "files":
            return Qt.DropAction.CopyAction
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not event.possibleActions() & Qt.DropAction.MoveAction:
            copy = True
        return Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction

    def _drop(self, viewport: QWidget, event: QDropEvent) -> bool:
        mime = event.mimeData()
        what = _what(mime)
        if what is None:
            return False
        target, _rect = self.target_at(viewport, event.position().toPoint())
        if target is None:
            event.ignore()
            self.browser.report(_problem(self.tr("Open a bucket first, or drop onto a bucket.")))
            return True
        action = self._action(event, what)
        event.setDropAction(action)
        event.accept()
        self.dropped.emit(target)
        if what == "objects":
            payload = ObjectsPayload.decode(bytes(mime.data(OBJECTS_FORMAT).data()))
            if payload is not None:
                self.drop_objects(payload, target, action == Qt.DropAction.CopyAction)
        else:
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            self.drop_files(paths, target)
        return True

    # -- local files ---------------------------------------------------------------------------

    def drop_files(self, paths: list[Path], target: Location) -> None:
        importable = [p for p in paths if is_importable(p)]
        others = [p for p in paths if not is_importable(p)]
        if importable and not others:
            self.window.bookmarks.import_files(importable)
            return
        if not importable:
            self.upload_files(others, target)
            return
        box = QMessageBox(self.window)
        box.setObjectName("mixedDropQuestion")
        box.setAccessibleName(self.tr("What to do with the dropped files"))
        box.setWindowTitle(self.tr("Import or upload?"))
        box.setText(
            self.tr(
                "{0} of the dropped files are connection profiles or bookmarks "
                "({1}). Import them and upload the "
                "other {2} to {3}, or upload all {4}?"
            ).format(
                len(importable),
                ", ".join(p.name for p in importable[:3]),
                len(others),
                target.url,
                len(paths),
            )
        )
        split = box.addButton(
            self.tr("&Import Them, Upload the Rest"), QMessageBox.ButtonRole.AcceptRole
        )
        split.setObjectName("importAndUploadButton")
        everything = box.addButton(self.tr("&Upload All"), QMessageBox.ButtonRole.AcceptRole)
        everything.setObjectName("uploadAllButton")
        box.addButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            clicked = box.clickedButton()
            if clicked is split:
                self.window.bookmarks.import_files(importable)
                self.upload_files(others, target)
            elif clicked is everything:
                self.upload_files(paths, target)

        box.finished.connect(lambda _result: answered())
        self._ask(box)

    def upload_files(self, paths: list[Path], target: Location, side: Side | None = None) -> None:
        """Upload into `target` on this window's connection (or `side`'s)."""
        session = side.session if side is not None else self.browser.session
        if session is None:
            self.browser.report(
                _problem(self.tr("Not connected yet."), self.tr("Wait for the connection."))
            )
            return
        if not paths:
            return
        changed = side.changed if side is not None else self.folder_changed
        for path in paths:
            if changed is not None:  # (a bookmark no window shows: nothing to list again)
                self._uploads[str(path.absolute())] = (target, changed)
        bookmark = side.bookmark_id if side is not None else OWN
        files = [str(p) for p in paths]
        self.bridge.spawn(
            self.transfers.upload(session, files, target.bucket, target.prefix, bookmark),
            "starting an upload",
            target.bucket,
            "",
            self.browser.report,
        )

    def _job_finished(self, job: JobSnapshot) -> None:
        if job.kind is not JobKind.UPLOAD or job.where is None:
            return
        upload = self._uploads.pop(job.where.local, None)
        if upload is not None and job.state is JobState.DONE:
            target, changed = upload
            changed(target)

    # -- objects -------------------------------------------------------------------------------

    def drop_objects(
        self, payload: ObjectsPayload, target: Location, copy: bool, to: Side | None = None
    ) -> None:
        """Move (or copy) the payload's objects into `target`, on this window's connection or
        `to`'s; asks first before moving a folder or many objects."""
        self.bridge.spawn(
            self._refusable(self._drop_objects(payload, target, copy, to)),
            "copying" if copy else "moving",
            target.bucket,
            "",
            self.browser.report,
        )

    async def _refusable(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except Refused as refused:
            self.browser.report(refused.problem)

    async def _drop_objects(
        self, payload: ObjectsPayload, target: Location, copy: bool, to: Side | None
    ) -> None:
        source = await self._source_side(payload)
        if to is None:
            session = self.browser.session
            if session is None:
                raise_problem(
                    self.tr("Not connected yet."), self.tr("Wait for the connection to open.")
                )
            to = Side(session, self.browser.bookmark_id, self.folder_changed)
        # (`to.bookmark_id` may be None: an unsaved connection; its engine goes by endpoint)
        same = endpoint_id(source.session) == endpoint_id(to.session)
        keys = list(payload.keys)
        why = drop_refusal(payload.bucket, keys, target, same)
        if why is not None:
            raise_problem(why)
        ask = not copy and (len(keys) > CONFIRM_OVER or any(k.endswith("/") for k in keys))
        if ask and not await self._confirm_move(payload, target):
            return
        if same:
            for key in keys:
                dest = target.prefix + name_of(key) + ("/" if key.endswith("/") else "")
                job_id = await self.transfers.copy(
                    to.session, payload.bucket, key, target.bucket, dest, not copy, to.bookmark_id
                )
                self.transfers.follow(
                    job_id,
                    lambda job, k=key: self._objects_arrived(
                        job, source, payload.bucket, k, to, target, copy
                    ),
                )
            return
        relays = await self._relay_service()
        for key in keys:
            relay = await self.bridge.run(
                relays.start,
                source.session,
                source.bookmark_id,
                payload.bucket,
                key,
                to.session,
                to.bookmark_id,
                target.bucket,
                target.prefix,
                not copy,
            )
            self._relays_mine[relay.id] = (source, target, to, copy)
            for heard in [relay, *self._relays_early.pop(relay.id, [])]:
                self._relay_changed(heard)

    async def _source_side(self, payload: ObjectsPayload) -> Side:
        side = self.directory.get(payload.token)
        if side is not None:
            session = side.session()
            if session is not None:
                return Side(session, side.bookmark_id(), side.changed)
        if payload.bookmark_id:
            session = await self.bridge.run(self.shared.session_for, payload.bookmark_id)
            return Side(session, payload.bookmark_id, None)
        raise_problem(
            self.tr(
                "The window these objects came from is closed, and its connection has no bookmark."
            ),
            self.tr("Open the connection again and drag them from there."),
        )

    async def _confirm_move(self, payload: ObjectsPayload, target: Location) -> bool:
        folders = sum(1 for k in payload.keys if k.endswith("/"))
        files = len(payload.keys) - folders
        what = self.tr(" and ").join(
            part
            for part in (
                english_plural(
                    self.tr("%n folder(s) (with everything in them)", "", folders), folders
                )
                if folders
                else "",
                english_plural(self.tr("%n object(s)", "", files), files) if files else "",
            )
            if part
        )
        box = QMessageBox(self.window)
        box.setObjectName("moveConfirm")
        box.setAccessibleName(self.tr("Confirm the move"))
        box.setWindowTitle(self.tr("Move?"))
        box.setText(
            self.tr("Move {0} from s3://{1}/ to {2}?").format(what, payload.bucket, target.url)
        )
        box.setInformativeText(self.tr("Each source is deleted only once its copy is complete."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Move"))
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        box.finished.connect(
            lambda _r: (
                answer.done()
                or answer.set_result(
                    box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
                )
            )
        )
        self._ask(box)
        return await answer

    def _ask(self, box: QMessageBox) -> None:
        self.dialog = box
        box.finished.connect(box.deleteLater)
        box.open()

    def _objects_arrived(
        self,
        job: JobSnapshot,
        source: Side,
        bucket: str,
        key: str,
        to: Side,
        target: Location,
        copy: bool,
    ) -> None:
        if to.changed is not None:
            to.changed(target)
        if not copy and source.changed is not None:
            source.changed(parent_of(bucket, key))
        if job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            detail = f"{first.key}: {first.message}" if first else job.error or self.tr("it failed")
            self.browser.report(
                _problem(
                    (
                        self.tr("{0} was not fully copied ({1}).")
                        if copy
                        else self.tr("{0} was not fully moved ({1}).")
                    ).format(name_of(key), detail)
                )
            )

    # -- relays (two connections) --------------------------------------------------------------

    async def _relay_service(self) -> Relays:
        if self._relays is None:
            self._relays = await self.bridge.run(self.shared.relays)
            self._unsubscribe_relays = self._relays.subscribe(self.relayChanged.emit)
        return self._relays

    def _relay_changed(self, relay: Relay) -> None:
        mine = self._relays_mine.get(relay.id)
        if mine is None:  # another window's, or heard before `start` returned here
            self._relays_early.setdefault(relay.id, []).append(relay)
            while len(self._relays_early) > 64:
                self._relays_early.pop(next(iter(self._relays_early)))
            return
        source, target, to, copy = mine
        if relay.job_id is not None and not relay.finished:
            self.transfers.adopt(relay.job_id)
        if relay.error:
            self.browser.report(
                _problem(
                    self.tr("Copying {0} between the connections stopped at its {1}: {2}").format(
                        relay.name, relay.step.value, relay.error
                    ),
                    self.tr(
                        "Nothing was deleted. Retry the job in the status line or the Transfers "
                        "window to continue."
                    ),
                )
            )
        if relay.finished:
            del self._relays_mine[relay.id]
            if to.changed is not None:
                to.changed(target)
            if not copy and source.changed is not None:
                source.changed(parent_of(relay.source_bucket, relay.source_key))

    # -- drags out -----------------------------------------------------------------------------

    def _maybe_start_drag(self, viewport: QWidget, event: QMouseEvent) -> bool:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        pressed_on, start = self._press
        point = event.position().toPoint()
        if pressed_on is not viewport:
            return False
        if (point - start).manhattanLength() < QApplication.startDragDistance():
            return False
        bucket, items = self.drag_items(viewport, start)
        self._press = None
        if not items:
            return False
        self.start_drag(bucket, items, viewport)
        return True

    def drag_items(
        self, viewport: QWidget, start: QPoint
    ) -> tuple[str, list[tuple[str, int | None]]]:
        """The bucket and (key, size) of what a drag from `start` carries: the list's
        selection (the press was on it) or the tree's folder node; buckets are not dragged."""
        here = self.browser.location
        if viewport is self.tree.viewport():
            node = self.tree.location_at(start)
            if node is None or not node.prefix:
                return "", []
            return node.bucket, [(node.prefix, None)]
        if here.is_root or not self.list_view.indexAt(start).isValid():
            return "", []
        model = self.list_view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        items = [(i.data(KEY_ROLE), i.data(SIZE_ROLE)) for i in rows if i.data(KEY_ROLE)]
        return here.bucket, items

    def make_drag_mime(
        self,
        bucket: str,
        items: list[tuple[str, int | None]],
        direct_save: DirectSaveProperty | None = None,
    ) -> ObjectDragMime:
        """The mime data of a drag of `items` (key, size or None for a folder) of `bucket`;
        `direct_save` stands in for this display's XDS property (tests)."""
        keys = [key for key, _size in items]
        payload = ObjectsPayload(self.token, self.browser.bookmark_id, bucket, tuple(keys))
        session = self.browser.session
        staged: list[Path] | None = None
        folder = drag_staging.staging_root() / uuid.uuid4().hex
        if is_small([size for _key, size in items]):
            staged = [drag_staging.final_path(folder, key, bucket) for key in keys]
        if self._direct_save is not None:
            self._direct_save.close()
            self._direct_save = None
        if staged is None:
            suggested = name_of(keys[0]) if len(keys) == 1 else bucket
            self._direct_save = direct_save or DirectSaveProperty.for_this_display(suggested)
        xds = self._direct_save
        save_into = lambda into: self._save_into(session, bucket, keys, into)  # noqa: E731
        mime = ObjectDragMime(
            payload,
            staged,
            lambda: self._stage(session, bucket, keys, folder),
            save_into,
            xds.read if xds is not None else None,
            self.ark.offer(save_into) if staged is None else None,
        )
        self.last_mime = mime
        return mime

    def start_drag(
        self, bucket: str, items: list[tuple[str, int | None]], viewport: QWidget
    ) -> None:
        mime = self.make_drag_mime(bucket, items)
        if mime.staged is None:  # GNOME Files (43+) takes neither promise
            self.actions.status.finish("", translate("", PROMISE_HINT))
        drag = QDrag(viewport)
        drag.setMimeData(mime)
        if self._direct_save is not None:
            QTimer.singleShot(0, self._direct_save.announce)
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)
        view = viewport.parent()
        if isinstance(view, QAbstractItemView):  # the drag took the release: no drag-select
            view.setState(QAbstractItemView.State.NoState)

    def _stage(self, session: S3Session | None, bucket: str, keys: list[str], folder: Path) -> None:
        """Download a small drag into its staging folder (a file manager asked for its URLs)."""
        if session is None:
            return
        self.bridge.spawn(self._staged(session, bucket, keys, folder), "preparing a drag")

    async def _staged(self, session: S3Session, bucket: str, keys: list[str], folder: Path) -> None:
        await self.bridge.run(drag_staging.sweep)
        await self.bridge.run(lambda: folder.mkdir(parents=True, exist_ok=True))
        for key in keys:
            local = drag_staging.download_path(folder, key, bucket)
            job_id = await self.transfers.download_to(session, bucket, key, str(local))
            self.transfers.follow(
                job_id, lambda job, k=key, p=local: self._staging_ended(job, folder, bucket, k, p)
            )

    def _staging_ended(
        self, job: JobSnapshot, folder: Path, bucket: str, key: str, local: Path
    ) -> None:
        if job.state is JobState.DONE:
            work = lambda: drag_staging.publish(folder, key, bucket)  # noqa: E731
        else:  # nothing under the final name; no partial file left behind either

            def work() -> None:
                drag_staging.discard_work(folder, key, bucket)
                Path(partial_path(str(local))).unlink(missing_ok=True)

        self.bridge.spawn(self.bridge.run(work), "preparing a drag")

    def _save_into(
        self, session: S3Session | None, bucket: str, keys: list[str], into: Path
    ) -> None:
        """An XDS target asked for the drag in `into`: ordinary downloads, conflicts asked."""
        if session is None:
            return
        self.bridge.spawn(
            self.transfers.download(session, bucket, keys, str(into)),
            "starting a download",
            bucket,
            "",
            self.browser.report,
        )

    def close(self) -> None:
        self.directory.leave(self.token)
        if self._unsubscribe_relays is not None:
            self._unsubscribe_relays()
        if self._direct_save is not None:
            self._direct_save.close()
            self._direct_save = None
        self.ark.withdraw()


def _what(mime: QMimeData) -> str | None:
    """'objects' (from an Eider window), 'files' (local files), or None (nothing for us)."""
    if mime.hasFormat(OBJECTS_FORMAT):
        return "objects"
    if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()):
        return "files"
    return None


class Refused(Exception):
    """A drop or Paste that cannot be done, with the words for the error banner."""

    def __init__(self, problem: UserError) -> None:
        super().__init__(problem.message)
        self.problem = problem


def raise_problem(message: str, fix: str = "") -> NoReturn:
    raise Refused(_problem(message, fix))
