"""From "connect to this bookmark" to an open session, asking the user only when needed.

A saved bookmark is opened directly (without a keyring, once its secret is at hand: see
`SecretRequester`); when that fails (no secret saved, wrong key, server down), the connect
dialog opens on the bookmark with the error shown, so the user can fix the entry or type the
secret and try again. `open_connection_dialog` is File > Open Connection….
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.core.bookmarks import Bookmark, BookmarkError
from app.core.preferences.sections import Preferences
from app.ui.bookmarks.certificate_trust import CertificateTruster
from app.ui.bookmarks.connect_controller import ConnectController, failure_message
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.bookmarks.secret_request import SecretRequester
from app.ui.dialogs.bookmark_dialog import BookmarkDialog


class BookmarkConnector(QObject):
    dialogOpened = Signal(object)  # BookmarkDialog in connect mode
    connectingChanged = Signal(str)  # the nickname being connected to; "" when done
    # What a bookmark's Advanced part shows where the bookmark sets nothing (the window sets
    # the settings store's).
    preferences: Callable[[], Preferences] = Preferences

    def __init__(
        self,
        model: BookmarkListModel,
        controller: ConnectController,
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._model = model
        self._controller = controller
        self._parent_widget = parent_widget
        self.dialog: BookmarkDialog | None = None
        self.secret_requester = SecretRequester(parent_widget)
        if controller.certificate_truster is None:
            controller.certificate_truster = CertificateTruster(model, parent_widget)
        self._tasks: set[asyncio.Task[object]] = set()

    @property
    def controller(self) -> ConnectController:
        return self._controller

    @property
    def tasks(self) -> tuple[asyncio.Task[object], ...]:
        """The connections and password changes under way."""
        return tuple(self._tasks)

    def connect_bookmark(self, bookmark_id: str) -> asyncio.Task[None] | None:
        """The slot for `BookmarksSidebar.connectRequested`."""
        try:
            bookmark = self._model.find(bookmark_id)
        except BookmarkError as exc:
            self.open_connection_dialog(None, str(exc))
            return None
        self.connectingChanged.emit(bookmark.nickname)
        task = asyncio.ensure_future(self._connect(bookmark))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _connect(self, bookmark: Bookmark) -> None:
        """Without a keyring the secret may have to be asked first (see SecretRequester)."""
        try:
            go_on = await self.secret_requester.ready(bookmark)
        except Exception as exc:
            self._ask(bookmark, failure_message(exc))
            return
        if not go_on:
            self._done()
            return
        self._controller.open_bookmark(
            bookmark,
            on_opened=lambda _opened: self._done(),
            on_failed=lambda message: self._ask(bookmark, message),
        )

    def change_vault_password(self) -> asyncio.Task[bool]:
        """File > Change Vault Password…"""
        task = asyncio.ensure_future(self.secret_requester.change_vault_password())
        self._tasks.add(task)  # type: ignore[arg-type]
        task.add_done_callback(self._tasks.discard)  # type: ignore[arg-type]
        return task

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _done(self) -> None:
        if shiboken6.isValid(self):
            self.connectingChanged.emit("")

    def _ask(self, bookmark: Bookmark, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.connectingChanged.emit("")
        self.open_connection_dialog(bookmark, message)

    def open_connection_dialog(
        self, bookmark: Bookmark | None = None, message: str = ""
    ) -> BookmarkDialog:
        dialog = BookmarkDialog(
            self._model,
            bookmark,
            connect_with=self._controller,
            parent=self._parent_widget,
            preferences=self.preferences(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if message:
            dialog.show_error(message)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _closed(self, dialog: BookmarkDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
