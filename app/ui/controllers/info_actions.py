"""Get Info: opens an Info window on the list's selection, a tree node, or where the window is.

One window per selection: asking again for the same objects raises the window already open.
The window itself reads and writes through the core; this only decides what it is about.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QTableView, QToolBar, QWidget

from app.core.errors import ErrorKind, UserError
from app.core.s3.object_ref import ObjectRef
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.transfers import TransfersController
from app.ui.info.info_window import InfoWindow
from app.ui.info.target import InfoTarget
from app.ui.location import Location
from app.ui.transfers.front import bring_to_front
from app.ui.widgets.folder_tree import FolderTree


def targets_for(here: Location, items: list[ObjectRef]) -> list[InfoTarget]:
    """What Get Info opens for `items` selected at `here` (nothing selected: `here` itself)."""
    if here.is_root:
        return [InfoTarget(item.key.rstrip("/")) for item in items]
    if not items:
        if not here.prefix:
            return [InfoTarget(here.bucket)]
        return [InfoTarget(here.bucket, folders=(here.prefix,))]
    keys = tuple(item.key for item in items if not item.is_folder)
    folders = tuple(item.key for item in items if item.is_folder)
    return [InfoTarget(here.bucket, keys, folders)]


def node_target(node: Location) -> InfoTarget:
    if not node.prefix:
        return InfoTarget(node.bucket)
    return InfoTarget(node.bucket, folders=(node.prefix,))


class InfoActions(QObject):
    opened = Signal(object)  # InfoWindow, once it is shown

    def __init__(
        self,
        browser: BrowserController,
        selection: Callable[[], list[ObjectRef]],
        folder_tree: FolderTree,
        parent: QWidget,
        transfers: TransfersController | None = None,
    ) -> None:
        """`transfers` is the window's: the Info windows' changes run as its jobs."""
        super().__init__(parent)
        self._transfers = transfers
        self._browser = browser
        self._selection = selection
        self._tree = folder_tree
        self._parent = parent
        self._label = ""
        self.windows: dict[InfoTarget, InfoWindow] = {}
        icon = parent.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView)
        self.action = QAction(icon, self.tr("Get &Info"), parent)
        self.action.setObjectName("getInfoAction")
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setToolTip(
            self.tr("Show the properties and settings of the selection (Ctrl+I)")
        )
        parent.addAction(self.action)
        self.tree_action = QAction(self.tr("Get &Info"), parent)
        self.tree_action.setObjectName("treeGetInfoAction")
        self.action.triggered.connect(self.open_for_selection)
        self.tree_action.triggered.connect(self.open_for_node)
        browser.connected.connect(self._remember_label)

    def place(
        self,
        toolbar: QToolBar,
        object_list: QTableView,
        tree_menu: QMenu,
        actions_menu: QMenu | None,
    ) -> None:
        """Get Info on the toolbar, in the list's and the tree's context menus and Actions."""
        toolbar.addAction(self.action)
        button = toolbar.widgetForAction(self.action)
        if button is not None:
            button.setObjectName("getInfoActionButton")
            button.setAccessibleName(self.tr("Get Info"))
        object_list.addAction(self.action)
        tree_menu.addSeparator()
        tree_menu.addAction(self.tree_action)
        if actions_menu is not None:
            actions_menu.addSeparator()
            actions_menu.addAction(self.action)

    def _remember_label(self, label: str) -> None:
        self._label = label

    def _report(self, message: str, fix: str = "") -> None:
        self._browser.report(UserError(ErrorKind.OTHER, message, fix))

    def open_for_selection(self) -> None:
        """Ctrl+I, the toolbar, the menus: the tree's node while the tree has the focus."""
        node = self._tree.current_location if self._tree.hasFocus() else None
        if node is not None and not node.is_root:
            self.open_target(node_target(node))
            return
        here = self._browser.location
        targets = targets_for(here, self._selection())
        if not targets:
            self._report(
                self.tr("Select a bucket first."), self.tr("Click a bucket, then choose Get Info.")
            )
        for target in targets:
            self.open_target(target)

    def open_for_node(self) -> None:
        node = self._tree.current_location
        if node is not None and not node.is_root:
            self.open_target(node_target(node))

    def open_target(self, target: InfoTarget) -> InfoWindow | None:
        session = self._browser.session
        if session is None:
            self._report(self.tr("Not connected yet."), self.tr("Wait for the connection to open."))
            return None
        window = self.windows.get(target)
        if window is None:
            window = InfoWindow(
                session,
                target,
                self._browser.bookmark_id,
                self._parent,
                connection_label=self._label,
                shared=self._transfers.shared if self._transfers is not None else None,
                adopt=self._transfers.adopt if self._transfers is not None else None,
            )
            self.windows[target] = window
            window.destroyed.connect(lambda _obj=None, t=target: self.windows.pop(t, None))
            window.start()
        bring_to_front(window)
        self.opened.emit(window)
        return window

    def close(self) -> None:
        for window in list(self.windows.values()):
            window.close()
