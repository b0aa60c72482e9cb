"""Window > Archive Restores: the restores the tracker follows, and their downloads.

The list is `RestoreTrackerDialog` on the application's one tracker (`restore_tracking`); a
ready restore's Download… asks for a folder and starts a download job of the window's
transfers (journaled, resumable, in the Transfers list), on the session of the restore's
bookmark. The Info window's General tab asks for restores (`InfoWindow._restore`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.core.s3.restore_tracker import RestoreTracker, TrackedRestore
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.transfers import ASK, TransfersController
from app.ui.dialogs import file_pick
from app.ui.dialogs.restore_tracker import RestoreTrackerDialog
from app.ui.restore_tracking import register_session, session_for, shared_tracker


class ArchiveRestores(QObject):
    opened = Signal(object)  # the RestoreTrackerDialog, once shown
    downloadStarted = Signal(str)  # the job id

    def __init__(
        self,
        browser: BrowserController,
        transfers: TransfersController,
        parent: QWidget,
        tracker: Callable[[], RestoreTracker] = shared_tracker,
        choose_folder: Callable[[QWidget, Callable[[str], None]], None] = (
            file_pick.choose_download_folder
        ),
    ) -> None:
        """`tracker()` gives the tracker (blocking); `choose_folder(parent, done)` asks where
        a download goes (tests answer it themselves)."""
        super().__init__(parent)
        self._browser = browser
        self._transfers = transfers
        self._parent = parent
        self.tracker = tracker
        self.choose_folder = choose_folder
        self.dialog: RestoreTrackerDialog | None = None
        self.action = QAction(self.tr("Archive &Restores…"), parent)
        self.action.setObjectName("archiveRestoresAction")
        self.action.setShortcut(QKeySequence("Ctrl+Alt+G"))
        self.action.setToolTip(
            self.tr("The archive restores asked for, and their downloads once ready")
        )
        self.action.triggered.connect(self.open_dialog)

    def place(self, window_menu: QMenu) -> None:
        window_menu.addAction(self.action)

    def open_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        bridge = self._browser.bridge
        bridge.spawn(self._open(), "reading the archive restores")

    async def _open(self) -> None:
        tracker = await self._browser.bridge.run(self.tracker)
        session = self._browser.session
        if session is not None:
            register_session(self._browser.bookmark_id, session)
        dialog = RestoreTrackerDialog(self._parent, self._browser.bridge, tracker)
        dialog.downloadRequested.connect(self._download)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        self.opened.emit(dialog)

    def _closed(self, dialog: RestoreTrackerDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _download(self, restore: TrackedRestore) -> None:
        self.choose_folder(
            self._parent,
            lambda folder: self._browser.bridge.spawn(
                self._start_download(restore, folder), "downloading", restore.bucket, restore.key
            ),
        )

    async def _start_download(self, restore: TrackedRestore, folder: str) -> None:
        bridge = self._browser.bridge
        session = await bridge.run(session_for, restore.bookmark_id)
        engine = await self._transfers.engine(session, restore.bookmark_id)
        job_id: str = await bridge.run(engine.download, restore.bucket, restore.key, folder, ASK)
        self._transfers.adopt(job_id)
        self.downloadStarted.emit(job_id)
