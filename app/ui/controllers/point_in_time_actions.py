"""Restore to a Point in Time…: for a bucket, or one folder, opens the point-in-time dialog.

What it is about is decided as Get Info decides it (`info_actions.targets_for`): the one
folder selected, the tree's node when the tree has the focus, or else where the window is
(a bucket or a folder). The dialog previews the plan (`point_in_time.plan_restore_to`) and
runs it as a `TransferService.restore_to` job of the window's transfers, so it shows in the
transfer line and the Transfers list and can be resumed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from app.core.errors import ErrorKind, UserError
from app.core.s3.object_ref import ObjectRef
from app.core.s3.point_in_time import RestorePlan, plan_restore_to
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.info_actions import node_target, targets_for
from app.ui.controllers.transfers import TransfersController
from app.ui.dialogs.point_in_time import PointInTimeDialog
from app.ui.info.target import InfoTarget
from app.ui.translation import N_, translate
from app.ui.widgets.folder_tree import FolderTree

CHOOSE = N_("Choose a bucket or one folder, then Restore to a Point in Time.")


def restore_scope(targets: list[InfoTarget]) -> tuple[str, str] | None:
    """(bucket, prefix) when the targets are one bucket or one folder; None otherwise."""
    if len(targets) != 1:
        return None
    target = targets[0]
    if target.is_bucket:
        return target.bucket, ""
    if not target.keys and len(target.folders) == 1:
        return target.bucket, target.folders[0]
    return None


class PointInTimeActions(QObject):
    opened = Signal(object)  # the PointInTimeDialog, once shown

    def __init__(
        self,
        browser: BrowserController,
        selection: Callable[[], list[ObjectRef]],
        folder_tree: FolderTree,
        transfers: TransfersController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._browser = browser
        self._selection = selection
        self._tree = folder_tree
        self._transfers = transfers
        self._parent = parent
        self.action = QAction(self.tr("Restore to a Point in &Time…"), parent)
        self.action.setObjectName("pointInTimeAction")
        self.action.setShortcut(QKeySequence("Ctrl+Alt+P"))
        self.action.setToolTip(
            self.tr("Bring a versioned bucket or folder back to how it was at a moment you choose")
        )
        self.tree_action = QAction(self.tr("Restore to a Point in &Time…"), parent)
        self.tree_action.setObjectName("treePointInTimeAction")
        self.action.triggered.connect(self.open_for_selection)
        self.tree_action.triggered.connect(self.open_for_node)

    def place(self, object_list: QTableView, tree_menu: QMenu, actions_menu: QMenu | None) -> None:
        object_list.addAction(self.action)
        tree_menu.addAction(self.tree_action)
        if actions_menu is not None:
            actions_menu.addAction(self.action)

    def open_for_selection(self) -> None:
        node = self._tree.current_location if self._tree.hasFocus() else None
        if node is not None and not node.is_root:
            self._open(restore_scope([node_target(node)]))
            return
        self._open(restore_scope(targets_for(self._browser.location, self._selection())))

    def open_for_node(self) -> None:
        node = self._tree.current_location
        if node is not None and not node.is_root:
            self._open(restore_scope([node_target(node)]))

    def _open(self, scope: tuple[str, str] | None) -> None:
        if scope is None:
            self._browser.report(UserError(ErrorKind.OTHER, translate("", CHOOSE), ""))
            return
        if self._browser.session is None:
            self._browser.report(
                UserError(
                    ErrorKind.OTHER,
                    self.tr("Not connected yet."),
                    self.tr("Wait for the connection."),
                )
            )
            return
        self._browser.bridge.spawn(self._show(*scope), "opening the point-in-time restore")

    async def _show(self, bucket: str, prefix: str) -> None:
        session = self._browser.session
        assert session is not None
        bookmark_id = self._browser.bookmark_id
        await self._transfers.engine(session, bookmark_id)  # the service, listened to
        service = self._transfers.service
        assert service is not None

        def start(plan: RestorePlan) -> str:
            return service.restore_to(bookmark_id, plan, session=session)

        dialog = PointInTimeDialog(
            self._parent,
            self._browser.bridge,
            bucket,
            prefix,
            lambda moment: plan_restore_to(session, bucket, prefix, moment),
            start,
        )
        dialog.started.connect(self._transfers.adopt)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.opened.emit(dialog)
