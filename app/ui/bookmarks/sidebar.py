"""The bookmarks sidebar: list, filter, add/edit/duplicate/delete/reorder, file drops, banner.

Seam for the main window: give it the `BookmarkStore` (and optionally the window's worker
pool), connect `connectRequested(bookmark_id)` to open a connection, and install its
`drop_filter` on any other widget that should accept dropped profile/bookmark files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, BookmarkStoreError
from app.core.bookmarks.file_import import ImportOutcome
from app.core.preferences.sections import Preferences
from app.ui.bookmarks.file_import import FileDropFilter, FileImporter
from app.ui.bookmarks.list_model import BOOKMARK_ID_ROLE, SEARCH_TEXT_ROLE, BookmarkListModel
from app.ui.bookmarks.tasks import TaskSet
from app.ui.dialogs.bookmark_dialog import BookmarkDialog

# Each action's keys (in the bookmarks list, where they act on the selected bookmark).
KEYS = {
    "add": "Ins",
    "edit": "F2",
    "duplicate": "Ctrl+D",
    "delete": "Del",
    "up": "Ctrl+Up",
    "down": "Ctrl+Down",
    "connect": "Return",
}

_CHANGE_ERRORS = (BookmarkError, BookmarkStoreError, secrets.SecretStoreError, OSError)


class Banner(QWidget):
    """A dismissable message strip: information, or an error in a stronger colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksBanner")
        self.setAccessibleName(self.tr("Bookmarks message"))
        self.label = QLabel(self)
        self.label.setObjectName("bookmarksBannerText")
        self.label.setAccessibleName(self.tr("Bookmarks message text"))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("bookmarksBannerAction")
        self.action_button.setAccessibleName(self.tr("Banner action"))
        self.action_button.hide()
        self.action_button.clicked.connect(self._run_action)
        self._action: Callable[[], object] | None = None
        close = QToolButton(self)
        close.setObjectName("bookmarksBannerClose")
        close.setAccessibleName(self.tr("Dismiss message"))
        close.setText("\N{MULTIPLICATION SIGN}")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setAutoFillBackground(True)
        self.hide()

    def show_message(
        self,
        text: str,
        error: bool = False,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """`action`: a button (label, callback) offered with the message, e.g. "Replace"."""
        self.label.setText(text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setAccessibleName(action[0] if action else self.tr("Banner action"))
        self.action_button.setVisible(action is not None)
        self.setProperty("error", error)
        colour = "#f8d7da" if error else "#fff3cd"
        self.setStyleSheet(f"#bookmarksBanner {{ background: {colour}; }}")
        self.show()

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class BookmarksSidebar(QWidget):
    connectRequested = Signal(str)  # bookmark id
    importFinished = Signal(object)  # list[ImportOutcome]
    # What a bookmark's Advanced part shows where the bookmark sets nothing (the window sets
    # the settings store's).
    preferences: Callable[[], Preferences] = Preferences

    def __init__(
        self,
        store: BookmarkStore,
        executor: Executor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksSidebar")
        self.setAccessibleName(self.tr("Bookmarks"))
        self.model = BookmarkListModel(store, parent=self)
        self.tasks = TaskSet(self._task_failed, self._update_actions)
        self.model.changeFailed.connect(self._task_failed)
        self.importer = FileImporter(self.model, executor, self)
        self.importer.finished.connect(self._show_import)
        self.drop_filter = FileDropFilter(self.import_files, self)
        self.editor: BookmarkDialog | None = None
        self.confirmation: QMessageBox | None = None

        self.banner = Banner(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("bookmarksFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter bookmarks"))
        self.filter_edit.setPlaceholderText(self.tr("Filter bookmarks"))
        self.filter_edit.setClearButtonEnabled(True)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_TEXT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.view = QListView(self)
        self.view.setObjectName("bookmarksList")
        self.view.setAccessibleName(self.tr("Bookmarks list"))
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)  # no size hint from every row of a long list
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.activated.connect(self._activated)

        self.add_action = self._action(
            self.tr("Add Bookmark…"), "bookmarkAdd", "list-add", self.add, KEYS["add"]
        )
        self.edit_action = self._action(
            self.tr("Edit…"), "bookmarkEdit", "document-edit", self.edit, KEYS["edit"]
        )
        self.duplicate_action = self._action(
            self.tr("Duplicate"),
            "bookmarkDuplicate",
            "edit-copy",
            self.duplicate,
            KEYS["duplicate"],
        )
        self.delete_action = self._action(
            self.tr("Delete…"), "bookmarkDelete", "list-remove", self.delete, KEYS["delete"]
        )
        self.up_action = self._action(
            self.tr("Move Up"), "bookmarkUp", "go-up", self.move_up, KEYS["up"]
        )
        self.down_action = self._action(
            self.tr("Move Down"), "bookmarkDown", "go-down", self.move_down, KEYS["down"]
        )
        self.connect_action = self._action(
            self.tr("Connect"),
            "bookmarkConnect",
            "network-connect",
            self.request_connect,
            KEYS["connect"],
        )
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for action in self.actions():
            if action is self.connect_action:
                toolbar.addStretch(1)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(action.text().rstrip("…"))
            toolbar.addWidget(button)
        for action in self.actions():
            self.view.addAction(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(toolbar)

        self.drop_filter.install_on(self)
        self.drop_filter.install_on(self.view.viewport())
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.rowsInserted.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        self.model.busyChanged.connect(self._update_actions)
        self._update_actions()
        if store.notice:
            self.banner.show_message(store.notice, error=True)

    def _action(self, text: str, name: str, icon: str, slot: object, keys: str) -> QAction:
        action = QAction(QIcon.fromTheme(icon), text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        # The keys work in the bookmarks list only: the list, the tree and the filter boxes
        # give Delete, F2, Enter and Ctrl+D their own meaning.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{text.rstrip('…')} ({action.shortcut().toString()})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- selection -----------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        indexes = self.view.selectionModel().selectedIndexes()
        return str(indexes[0].data(BOOKMARK_ID_ROLE)) if indexes else None

    def select(self, bookmark_id: str) -> None:
        row = self.model.row_of(bookmark_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _update_actions(self, *_: object) -> None:
        """Changes wait while one is being written, so each starts from the shown order."""
        chosen = self.selected_id() is not None
        ready = chosen and not self.model.busy and self.tasks.pending == 0
        filtered = bool(self.filter_edit.text())
        for action in (self.edit_action, self.duplicate_action, self.delete_action):
            action.setEnabled(ready)
        self.connect_action.setEnabled(chosen)
        self.up_action.setEnabled(ready and not filtered)
        self.down_action.setEnabled(ready and not filtered)
        self.view.setDragEnabled(not filtered and not self.model.busy)

    def _task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, _CHANGE_ERRORS):
            self.banner.show_message(
                self.tr("The bookmarks could not be changed: {0}").format(exc), error=True
            )
        else:
            self.banner.show_message(
                self.tr("The bookmarks could not be changed ({0}).").format(type(exc).__name__),
                error=True,
            )

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        # Reordering a filtered list would move rows the user cannot see.
        self._update_actions()

    def _activated(self, index: QModelIndex) -> None:
        self.connectRequested.emit(str(index.data(BOOKMARK_ID_ROLE)))

    # -- actions ---------------------------------------------------------------------------

    def request_connect(self) -> None:
        bookmark_id = self.selected_id()
        if bookmark_id:
            self.connectRequested.emit(bookmark_id)

    def add(self) -> BookmarkDialog:
        return self._open_editor(None)

    def edit(self) -> BookmarkDialog | None:
        bookmark_id = self.selected_id()
        if not bookmark_id:
            return None
        return self._open_editor(self.model.find(bookmark_id))

    def _open_editor(self, bookmark: Bookmark | None) -> BookmarkDialog:
        dialog = BookmarkDialog(self.model, bookmark, parent=self, preferences=self.preferences())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.select)
        dialog.finished.connect(lambda _result: self._editor_closed(dialog))
        self.editor = dialog
        dialog.open()
        return dialog

    def _editor_closed(self, dialog: BookmarkDialog) -> None:
        if self.editor is dialog:
            self.editor = None

    def duplicate(self) -> None:
        bookmark_id = self.selected_id()
        if bookmark_id and not self.model.busy:
            self.tasks.spawn(self._duplicate(bookmark_id))
            self._update_actions()

    async def _duplicate(self, bookmark_id: str) -> None:
        copy = await self.model.duplicate(bookmark_id)
        self.select(copy.id)

    def delete(self) -> QMessageBox | None:
        bookmark_id = self.selected_id()
        if not bookmark_id:
            return None
        bookmark = self.model.find(bookmark_id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete bookmark"),
            self.tr("Delete the bookmark '{0}'? Its stored secrets are removed too.").format(
                bookmark.nickname
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("bookmarkDeleteConfirmation")
        box.setAccessibleName(self.tr("Confirm bookmark deletion"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._delete_answered(box, bookmark_id))
        self.confirmation = box
        box.open()
        return box

    def _delete_answered(self, box: QMessageBox, bookmark_id: str) -> None:
        self.confirmation = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.tasks.spawn(self.model.remove(bookmark_id))
            self._update_actions()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        bookmark_id = self.selected_id()
        if not bookmark_id or self.filter_edit.text() or self.model.busy:
            return
        self.tasks.spawn(self._move_to(bookmark_id, self.model.row_of(bookmark_id) + step))
        self._update_actions()

    async def _move_to(self, bookmark_id: str, row: int) -> None:
        await self.model.move(bookmark_id, row)
        self.select(bookmark_id)

    # -- files ---------------------------------------------------------------------------------

    def import_files(self, paths: Iterable[str | Path]) -> object:
        """Import profile and .duck files (dropped, chosen, or from the command line); the
        outcome appears in the banner. Returns the asyncio task doing it."""
        return self.importer.import_paths(paths)

    def _show_import(self, outcomes: list[ImportOutcome]) -> None:
        self.importFinished.emit(outcomes)
        if not outcomes:
            return
        failed = [o for o in outcomes if not o.ok]
        again = [o.path for o in outcomes if o.already_imported]
        replace = ("Replace", lambda: self.importer.import_paths(again, replace=True))
        self.banner.show_message(
            "\n".join(o.message for o in outcomes),
            error=bool(failed),
            action=replace if again else None,
        )
        added = [o.bookmark for o in outcomes if o.ok and o.bookmark is not None]
        if added:
            self.select(added[-1].id)

    @property
    def pending(self) -> int:
        """Changes and imports not finished yet."""
        return self.tasks.pending + self.importer.pending + self.model.pending

    def shutdown(self) -> None:
        """Stop background work (call before the window closes)."""
        self.tasks.cancel_all()
        self.importer.shutdown()
        self.model.shutdown()
