"""What the window's action controllers share: their dependencies and the few steps every
action takes (find the session and the bucket, open a dialog, run a coroutine on the bridge,
say which folders changed).

Every action collects its input on the GUI thread (a dialog opened with `open()`, never
`exec()`), then runs the core function through the window's `AsyncBridge`; failures reach the
error banner through the browser's `report`. Operations that change objects on the server
(delete, rename/move, duplicate) are jobs of the window's transfer engine, started through
`TransfersController`: journaled, resumable, cancellable from the status line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.core.errors import ErrorKind, UserError
from app.core.s3.location import Location
from app.core.s3.object_ref import ObjectRef
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.selection import Selection
from app.ui.controllers.transfers import TransfersController
from app.ui.widgets.transfer_status import TransferStatus

_task_ids = itertools.count(1)


def problem(message: str, fix: str = "") -> UserError:
    return UserError(ErrorKind.OTHER, message, fix)


@dataclass(frozen=True)
class ActionParts:
    """What an action controller works with. `status` is the window's status-bar line;
    `parent` owns the dialogs."""

    browser: BrowserController
    bridge: AsyncBridge
    selection: Selection
    status: TransferStatus
    transfers: TransfersController
    parent: QWidget


class ActionController(QObject):
    foldersChanged = Signal(object)  # Location whose folders an action changed (for the tree)
    dialogOpened = Signal(object)  # the QDialog an action opened (the window keeps the last)

    def __init__(self, parts: ActionParts) -> None:
        super().__init__(parts.parent)
        self._parent = parts.parent
        self.browser = parts.browser
        self.bridge = parts.bridge
        self.selection = parts.selection
        self.status = parts.status
        self.transfers = parts.transfers

    def _session(self) -> S3Session | None:
        session = self.browser.session
        if session is None:
            self.browser.report(
                problem(self.tr("Not connected yet."), self.tr("Wait for the connection to open."))
            )
        return session

    def _here(self) -> Location:
        return self.selection.here()

    def _bucket(self) -> str | None:
        location = self._here()
        if location.is_root:
            self.browser.report(
                problem(self.tr("Open a bucket first."), self.tr("Double-click a bucket."))
            )
            return None
        return location.bucket

    def _selected_in_bucket(self, what: str) -> list[ObjectRef]:
        if self._bucket() is None:
            return []
        items = self.selection.objects()
        if not items:
            self.browser.report(problem(self.tr("Select what to {0} first.").format(what)))
        return items

    def _spawn(
        self, coro: Coroutine[Any, Any, Any], operation: str, key: str = "", bucket: str = ""
    ) -> None:
        """Start `coro`; a failure names `bucket` (by default where the action runs)."""
        where = bucket or self._here().bucket
        self.bridge.spawn(coro, operation, where, key, self.browser.report)

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        self.dialogOpened.emit(dialog)
        dialog.open()

    def _task(self, title: str, cancel: Callable[[], None] | None) -> str:
        task = f"op-{next(_task_ids)}"
        self.status.start(task, title, cancel)
        return task

    def _changed(self, *folders: Location) -> None:
        """An action changed what `folders` hold: the list and the tree show it."""
        for folder in dict.fromkeys(folders):
            self.foldersChanged.emit(folder)
        self.browser.refresh()

    def _moved_away(self, bucket: str, prefix: str, to: Location, deleted: bool = False) -> None:
        """The folder the window stands in (or one above it) is gone: go where it went, or
        to the folder that held it."""
        here = self.browser.location
        if here.bucket == bucket and here.prefix.startswith(prefix):
            below = "" if deleted else here.prefix[len(prefix) :]
            self.browser.navigate(Location(to.bucket, to.prefix + below))
