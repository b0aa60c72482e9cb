"""The browser window's actions on buckets, folders and objects, and where they show.

`WindowActions` makes the action controllers (`app/ui/controllers/*_actions.py`), one
`QAction` per entry of `ENTRIES` (menu bar, the list's context menu, shortcuts, toolbar) and
the status-bar transfer line with the window's `TransfersController`, and connects them. An
action triggered while the folder tree has the focus runs on the tree's current node (see
`app/core/s3/node_scope.py`); otherwise on the list's selection.

To add an action: a slot on a controller (or a new controller), a row in `ENTRIES`, its name
in a group of `MENU_GROUPS`, and in `NODE_ACTIONS`/`ROOT_ACTIONS`/`LIST_ONLY` as it applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QStatusBar, QTableView, QToolBar, QWidget

from app.core.s3.location import Location
from app.core.s3.node_scope import node_scope
from app.core.s3.object_ref import ObjectRef
from app.ui.action_tips import set_tip
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.action_base import ActionController, ActionParts, problem
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.bucket_actions import BucketActions
from app.ui.controllers.encryption_actions import EncryptionActions
from app.ui.controllers.link_actions import LinkActions
from app.ui.controllers.object_actions import ObjectActions
from app.ui.controllers.preview_actions import PreviewActions
from app.ui.controllers.selection import Selection
from app.ui.controllers.transfer_actions import TransferActions
from app.ui.controllers.transfers import TransfersController
from app.ui.shared_transfers import SharedTransfers
from app.ui.translation import N_, translate
from app.ui.widgets.folder_tree import FolderTree
from app.ui.widgets.transfer_status import TransferStatus

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class Entry:
    name: str  # the QAction's object name
    text: str
    shortcut: Shortcut
    tip: str  # the tooltip; the shortcut is added to it


ENTRIES = (
    Entry("newBucketAction", N_("New &Bucket…"), "Ctrl+Alt+B", N_("Create a bucket")),
    Entry("newFolderAction", N_("New &Folder…"), "Ctrl+Shift+N", N_("Create a folder here")),
    Entry("uploadAction", N_("&Upload…"), "Ctrl+U", N_("Upload files into this folder")),
    Entry(
        "uploadFolderAction", N_("Upload Fo&lder…"), "Ctrl+Alt+U", N_("Upload a local folder here")
    ),
    Entry("downloadAction", N_("Do&wnload…"), "Ctrl+Shift+D", N_("Download the selection")),
    Entry("openAction", N_("&Open"), "Ctrl+Shift+O", N_("Open the folder or preview the file")),
    Entry(
        "renameAction", N_("&Rename/Move…"), "F2", N_("Rename the selection or move it elsewhere")
    ),
    Entry("duplicateAction", N_("D&uplicate"), "Ctrl+D", N_("Copy the selection beside itself")),
    Entry(
        "deleteAction", N_("&Delete…"), QKeySequence.StandardKey.Delete, N_("Delete the selection")
    ),
    Entry("copyUrlAction", N_("Copy &URL"), "Ctrl+Shift+C", N_("Copy the selection's URLs")),
    Entry("presignAction", N_("&Pre-signed URL…"), "Ctrl+Shift+U", N_("Make a time-limited link")),
    Entry(
        "issuedLinksAction", N_("&Issued Links"), "Ctrl+Shift+I", N_("The pre-signed links made")
    ),
    Entry(
        "rekeyAction",
        N_("Re-encrypt with Current &Key…"),
        "Ctrl+Alt+K",
        N_("Re-encrypt the SSE-C objects here with the key ring's current key"),
    ),
)
MENU_GROUPS = (
    ("newBucketAction", "newFolderAction"),
    ("uploadAction", "uploadFolderAction", "downloadAction", "openAction"),
    ("renameAction", "duplicateAction", "deleteAction"),
    ("copyUrlAction", "presignAction", "issuedLinksAction"),
    ("rekeyAction",),
)
TOOLBAR = ("uploadAction", "downloadAction")
# Keys for the list's selection only: the path bar and filter boxes edit text with them, and the
# folder tree and the bookmarks list have their own Delete, F2 and Ctrl+D.
LIST_ONLY = ("deleteAction", "renameAction", "duplicateAction")
# With the folder tree focused, these act on its current node (see `node_scope`).
NODE_ACTIONS = (
    "newFolderAction",
    "uploadAction",
    "uploadFolderAction",
    "downloadAction",
    "openAction",
    "renameAction",
    "duplicateAction",
    "deleteAction",
    "copyUrlAction",
    "presignAction",
)
ROOT_ACTIONS = ("newBucketAction", "deleteAction", "openAction", "issuedLinksAction")


@dataclass(frozen=True)
class WindowActionsParts:
    """Where the actions go: the Actions menu onto `menu_bar`, Upload and Download onto
    `toolbar`, the transfer line into `status_bar`; `parent` owns actions and dialogs."""

    browser: BrowserController
    status_bar: QStatusBar
    object_list: QTableView
    folder_tree: FolderTree
    menu_bar: QMenuBar
    toolbar: QToolBar
    shared_transfers: SharedTransfers | None
    parent: QWidget


class WindowActions(QObject):
    foldersChanged = Signal(object)  # Location whose folders an action changed (for the tree)
    menu: QMenu  # the Actions menu

    def __init__(self, parts: WindowActionsParts) -> None:
        super().__init__(parts.parent)
        self.browser = parts.browser
        self.bridge: AsyncBridge = parts.browser.bridge  # the window's one worker pool
        self._folder_tree = parts.folder_tree
        self.status = TransferStatus(parts.parent)
        parts.status_bar.addPermanentWidget(self.status)
        self.transfers = TransfersController(
            self.bridge,
            self.status,
            self,
            parts.shared_transfers,
            lambda: self.browser.bookmark_id,
        )
        self.dialog: QDialog | None = None  # the dialog an action opened last (tests drive it)
        self._selection = Selection(
            parts.object_list, self.browser.model, lambda: self.browser.location
        )
        action_parts = ActionParts(
            self.browser, self.bridge, self._selection, self.status, self.transfers, parts.parent
        )
        self.buckets = BucketActions(action_parts)
        self.objects = ObjectActions(action_parts)
        self.links = LinkActions(action_parts)
        self.transfer_actions = TransferActions(action_parts)
        self.preview = PreviewActions(action_parts)
        self.encryption = EncryptionActions(action_parts)
        self.key_rotation = self.encryption.key_rotation
        self.slots: dict[str, Callable[[], None]] = {
            "newBucketAction": self.buckets.new_bucket,
            "newFolderAction": self.objects.new_folder,
            "uploadAction": self.transfer_actions.upload,
            "uploadFolderAction": self.transfer_actions.upload_folder,
            "downloadAction": self.transfer_actions.download,
            "openAction": self.preview.open_current,
            "renameAction": self.objects.rename,
            "duplicateAction": self.objects.duplicate,
            "deleteAction": self._delete,
            "copyUrlAction": self.links.copy_url,
            "presignAction": self.links.presigned_url,
            "issuedLinksAction": self.links.show_issued_links,
            "rekeyAction": self.encryption.rotate_keys,
        }
        controllers: tuple[ActionController, ...] = (
            self.buckets,
            self.objects,
            self.links,
            self.transfer_actions,
            self.preview,
            self.encryption,
        )
        for controller in controllers:
            controller.foldersChanged.connect(self.foldersChanged)
            controller.dialogOpened.connect(self._dialog_opened)
        self.actions: dict[str, QAction] = {}
        self._make_actions(parts.parent)
        self._place(parts)
        self.activated_slot = self._activated  # Enter/double-click; FileActivation takes it over
        parts.object_list.activated.connect(self.activated_slot)
        self.browser.locationChanged.connect(self.location_changed)
        self.location_changed(self.browser.location)

    # -- composition ---------------------------------------------------------------------------

    def _make_actions(self, window: QWidget) -> None:
        for entry in ENTRIES:
            action = QAction(translate("", entry.text), window)
            action.setObjectName(entry.name)
            action.setShortcut(QKeySequence(entry.shortcut))
            set_tip(action, translate("", entry.tip))
            action.triggered.connect(lambda _checked=False, n=entry.name: self.trigger(n))
            if entry.name in LIST_ONLY:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list adds it
            else:
                window.addAction(action)
            self.actions[entry.name] = action

    def _place(self, parts: WindowActionsParts) -> None:
        menu = parts.menu_bar.addMenu(self.tr("&Actions"))
        menu.setObjectName("actionsMenu")
        self.menu = menu  # the window adds the keyboard's transfer actions
        view = parts.object_list
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for number, group in enumerate(MENU_GROUPS):
            if number:
                menu.addSeparator()
                separator = QAction(view)
                separator.setSeparator(True)
                view.addAction(separator)
            for name in group:
                menu.addAction(self.actions[name])
                view.addAction(self.actions[name])
        toolbar = parts.toolbar
        toolbar.addSeparator()
        for name in TOOLBAR:
            action = self.actions[name]
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setObjectName(f"{name}Button")
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    # -- routing -------------------------------------------------------------------------------

    def selection(self) -> list[ObjectRef]:
        """What the actions would run on now."""
        return self._selection.objects()

    def trigger(self, name: str) -> None:
        """A shortcut or menu entry: on the tree's node while the tree has the focus."""
        tree = self._folder_tree
        node = tree.current_location if tree.hasFocus() else None
        if node is not None and name in NODE_ACTIONS:
            self.run_on_node(name, node)
        else:
            self.slots[name]()

    def run_on_node(self, name: str, node: Location) -> None:
        """Run the action `name` on a bucket or folder of the tree instead of the selection."""
        if name == "openAction":
            self.browser.navigate(node)
            return
        scope = node_scope(name, node)
        if isinstance(scope, str):
            self.browser.report(problem(scope))
            return
        with self._selection.aimed_at(scope):
            self.slots[name]()

    def _delete(self) -> None:
        """Delete buckets at the bucket list, objects and folders inside a bucket."""
        if self._selection.here().is_root and self.browser.session is not None:
            self.buckets.delete()
        else:
            self.objects.delete()

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double click on a file previews it (a folder is opened by the window)."""
        if index.isValid():
            self.preview.open_object(self.browser.model.object_ref(index.row()))

    def _dialog_opened(self, dialog: QDialog) -> None:
        self.dialog = dialog

    def location_changed(self, location: Location) -> None:
        """Actions on objects need a bucket open; at the bucket list only these stay."""
        for name, action in self.actions.items():
            action.setEnabled(not location.is_root or name in ROOT_ACTIONS)

    def close(self) -> None:
        self.transfers.close()
        self.preview.close()
