"""The folder tree's context menu: the window's actions, aimed at a bucket or folder node.

A right-click makes the node under the pointer the tree's current node (as a click would,
without navigating there); every entry then runs the window's own action through
action through `nodeActionRequested` (the window connects it to the actions' `run_on_node`),
so no action's logic lives here. Delete, F2, Ctrl+D and Enter
are the tree's own keys (the list and the bookmarks have theirs); the other entries show the
window-wide shortcut, which acts on the tree's current node while the tree has the focus.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.controllers.browser import BrowserController
from app.ui.location import Location
from app.ui.translation import N_, translate
from app.ui.widgets.folder_tree import FolderTree

# (entry name, text, the window action it runs or "" for the tree's own, shortcut on the tree)
_ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("treeOpenAction", N_("&Open"), "openAction", "Return"),
    ("", "", "", ""),
    ("treeNewFolderAction", N_("New &Folder…"), "newFolderAction", ""),
    ("treeNewBucketAction", N_("New &Bucket…"), "newBucketAction", ""),
    ("", "", "", ""),
    ("treeUploadAction", N_("&Upload Here…"), "uploadAction", ""),
    ("treeUploadFolderAction", N_("Upload Fo&lder Here…"), "uploadFolderAction", ""),
    ("treeDownloadAction", N_("Do&wnload…"), "downloadAction", ""),
    ("", "", "", ""),
    ("treeRenameAction", N_("&Rename/Move…"), "renameAction", "F2"),
    ("treeDuplicateAction", N_("D&uplicate"), "duplicateAction", "Ctrl+D"),
    ("treeDeleteAction", N_("&Delete…"), "deleteAction", "Del"),
    ("", "", "", ""),
    ("treeCopyUrlAction", N_("Copy &URL"), "copyUrlAction", ""),
    ("treeRefreshAction", N_("Re&fresh"), "", ""),
)
# Buckets cannot be renamed or duplicated in S3.
FOLDERS_ONLY = ("treeRenameAction", "treeDuplicateAction")


class TreeMenu(QObject):
    nodeActionRequested = Signal(str, object)  # the window action's name, the node (Location)
    refreshRequested = Signal(object)  # the node (Location) to list again

    def __init__(
        self,
        tree: FolderTree,
        browser: BrowserController,
        shortcuts: Mapping[str, QKeySequence],
        refresh_shortcut: QKeySequence,
    ) -> None:
        """`shortcuts` are the window actions' keys, shown beside the entries that run them."""
        super().__init__(tree)
        self._tree = tree
        self._browser = browser
        self.menu = QMenu(tree)
        self.menu.setObjectName("folderTreeMenu")
        self.menu.setAccessibleName(self.tr("Bucket or folder actions"))
        self.entries: dict[str, QAction] = {}
        for name, text, runs, own_shortcut in _ENTRIES:
            if not name:
                self.menu.addSeparator()
                continue
            entry = QAction(translate("", text), self.menu)
            entry.setObjectName(name)
            if own_shortcut:
                entry.setShortcut(QKeySequence(own_shortcut))
                entry.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                tree.addAction(entry)  # the key works in the tree, not elsewhere
            else:
                hint = shortcuts[runs] if runs else refresh_shortcut
                entry.setText(f"{text}\t{hint.toString(QKeySequence.SequenceFormat.NativeText)}")
            if runs:
                entry.triggered.connect(lambda _checked=False, n=runs: self._run(n))
            else:
                entry.triggered.connect(self._refresh_node)
            self.menu.addAction(entry)
            self.entries[name] = entry
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show_at)
        tree.selectionModel().currentChanged.connect(self._update)
        browser.connected.connect(self._update)
        self._update()

    def _node(self) -> Location | None:
        return self._tree.current_location

    def _run(self, action_name: str) -> None:
        node = self._node()
        if node is not None:
            self.nodeActionRequested.emit(action_name, node)

    def _refresh_node(self) -> None:
        node = self._node()
        if node is not None:
            self.refreshRequested.emit(node)

    def _show_at(self, point: QPoint) -> None:
        index = self._tree.indexAt(point)
        node = self._tree.location_at(point)
        if node is None:
            return
        self._tree.setCurrentIndex(index)  # the node the entries act on; no navigation
        self._update()
        self.menu.popup(self._tree.viewport().mapToGlobal(point))

    def _update(self, *_: object) -> None:
        """Entries need a connection and a node; renaming and duplicating need a folder."""
        node = self._node()
        usable = node is not None and self._browser.session is not None
        folder = node is not None and bool(node.prefix)
        for name, entry in self.entries.items():
            entry.setEnabled(usable and (folder or name not in FOLDERS_ONLY))
