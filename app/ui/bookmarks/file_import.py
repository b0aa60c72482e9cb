"""Importing profile and bookmark files from the GUI: by drop, by File > Import, or from the
command line (`eider X.cyberduckprofile`, what a desktop double-click runs).

Reading and copying the files runs on a worker thread; parsed bookmarks are added to the store
on the GUI thread through the list model, so every view updates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.bookmarks import BookmarkError, BookmarkStoreError
from app.core.bookmarks.file_import import ImportOutcome, is_importable, prepare_import
from app.core.secrets import SecretStoreError
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.dnd.payload import OBJECTS_FORMAT
from app.ui.translation import N_, translate

log = logging.getLogger(__name__)

FILE_FILTER = N_(
    "Profiles and bookmarks (*.cyberduckprofile *.profile *.duck);;"
    "Connection profiles (*.cyberduckprofile *.profile);;"
    "Cyberduck bookmarks (*.duck);;All files (*)"
)


class FileImporter(QObject):
    """Imports files off the GUI thread and announces the outcomes."""

    finished = Signal(object)  # list[ImportOutcome], in the order the paths were given
    profilesChanged = Signal()  # at least one profile was imported

    def __init__(
        self,
        model: BookmarkListModel,
        executor: Executor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(1, thread_name_prefix="eider-import")
        self._tasks: set[asyncio.Task[list[ImportOutcome]]] = set()

    def import_paths(
        self, paths: Iterable[str | Path], replace: bool = False
    ) -> asyncio.Task[list[ImportOutcome]]:
        """`replace`: update profiles that are already imported instead of refusing them."""
        task = asyncio.ensure_future(self._import([Path(p) for p in paths], replace))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def _import(self, paths: list[Path], replace: bool) -> list[ImportOutcome]:
        loop = asyncio.get_running_loop()
        outcomes = []
        for path in paths:
            outcome = await loop.run_in_executor(self._executor, prepare_import, path, replace)
            if outcome.bookmark is not None:
                outcome = await self._add_bookmark(outcome)
            (log.info if outcome.ok else log.warning)("Import: %s", outcome.message)
            outcomes.append(outcome)
        if any(o.ok and o.profile is not None for o in outcomes):
            self._model.forget_profiles()
            self.profilesChanged.emit()
        self.finished.emit(outcomes)
        return outcomes

    async def _add_bookmark(self, outcome: ImportOutcome) -> ImportOutcome:
        bookmark = outcome.bookmark
        assert bookmark is not None
        if self._model.row_of(bookmark.id) >= 0:
            return ImportOutcome(
                outcome.path,
                False,
                self.tr(
                    "{0}: the bookmark '{1}' is already in your "
                    "bookmarks (same UUID); nothing was changed."
                ).format(outcome.path.name, bookmark.nickname),
            )
        try:
            await self._model.add(bookmark)
        except (BookmarkError, BookmarkStoreError, SecretStoreError, OSError) as exc:
            return ImportOutcome(outcome.path, False, f"{outcome.path.name}: {exc}")
        return outcome

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._own_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls() or mime.hasFormat(OBJECTS_FORMAT):
        return []  # objects from an Eider window: asking for their URLs would download them
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class FileDropFilter(QObject):
    """An event filter that turns dropped profile/bookmark files into `on_files(paths)`.

    Install it on any widget (or a view's viewport) with `install_on(widget)`; drops of
    anything else pass through untouched, so a view's own drag-and-drop keeps working.
    """

    def __init__(
        self, on_files: Callable[[list[Path]], Any], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._on_files = on_files

    def install_on(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            if any(is_importable(p) for p in local_files(event)):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = local_files(event)
            if paths and event.mimeData().hasUrls():
                event.acceptProposedAction()
                self._on_files(paths)
                return True
        return False


def choose_import_files(parent: QWidget | None) -> list[Path]:
    """The File > Import file dialog; an empty list when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        translate("FileImport", "Import profile or bookmark"),
        "",
        translate("", FILE_FILTER),
    )
    return [Path(name) for name in names]


def make_import_profile_action(parent: QWidget, on_chosen: Callable[[list[Path]], Any]) -> QAction:
    """File > Import profile…: asks for files and passes them to `on_chosen` (normally
    `BookmarksSidebar.import_files`, which imports and reports in the sidebar's banner)."""
    action = QAction(translate("FileImport", "Import Profile…"), parent)
    action.setObjectName("importProfileAction")
    action.setToolTip(
        translate(
            "FileImport",
            "Import a connection profile (.cyberduckprofile, .profile) or a .duck bookmark",
        )
    )
    action.setStatusTip(action.toolTip())

    def trigger() -> None:
        paths = choose_import_files(parent)
        if paths:
            on_chosen(paths)

    action.triggered.connect(trigger)
    return action


def importable_arguments(arguments: Iterable[str]) -> list[Path]:
    """The command-line arguments that are profile or bookmark files to import."""
    return [Path(a) for a in arguments if is_importable(Path(a))]


def import_files_from_command_line(
    paths: Iterable[str | Path], importer: FileImporter
) -> asyncio.Task[list[ImportOutcome]]:
    """For `eider X.cyberduckprofile`: import through the window's importer, whose `finished`
    signal the sidebar shows in its banner; the outcomes are also logged."""
    return importer.import_paths(paths)
