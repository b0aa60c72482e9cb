"""View > Show Hidden Files: versions, delete markers and unfinished uploads of the location.

Nothing here lists anything while hidden files are off, so a heavily versioned bucket opens as
fast as any other. When on, a panel under the object list shows the location's versions and
delete markers (ListObjectVersions, page by page) and its unfinished multipart uploads (the
size uploaded so far is fetched for visible rows only). Its actions: restore a version (copy
it over the latest), delete a version permanently, remove a delete marker, abort an upload.
Destructive ones ask first, through a non-blocking message box. Restores and deletes are jobs
of the window's transfer engine (through `TransfersController`), like every other change.

Like the object list, both tables sort by a clicked header (a third click goes back to the
server's order), the window's filter box filters them by name, and the status bar says what
they are loading and how much they show. Their views show `SortedTable` proxies: selections
are mapped back to the models' rows before anything acts on them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.core.errors import ErrorKind, UserError
from app.core.preferences.sections import Preferences
from app.core.s3 import uploads_in_progress, versions
from app.core.s3.session import S3Session
from app.core.s3.uploads_in_progress import UnfinishedUpload, UploadedSoFar
from app.core.settings import SettingsStore
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.column_memory import ColumnMemory
from app.ui.controllers.transfers import TransfersController
from app.ui.location import Location
from app.ui.models import uploads_model, versions_model
from app.ui.models.listing_stream import ListingStream
from app.ui.models.sorted_table import SortedTable
from app.ui.models.uploads_model import UploadsModel, upload_pages
from app.ui.models.versions_model import VersionRow, VersionsModel
from app.ui.models.visible_fetch import VisibleRowsFetcher
from app.ui.translation import translate
from app.ui.widgets.column_menu import ColumnMenu


@dataclass(frozen=True)
class HiddenFilesParts:
    """What the hidden-files panel works with: its tabs go into `pane`, its entries into the
    window's `view_menu`, and `parent` owns its actions and dialogs."""

    browser: BrowserController
    transfers: TransfersController
    filter_box: QLineEdit
    refresh_action: QAction
    settings: SettingsStore
    pane: QBoxLayout
    view_menu: QMenu
    parent: QWidget


def _table(name: str, accessible: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = view.horizontalHeader()
    header.setObjectName(f"{name}Header")
    header.setAccessibleName(
        translate("HiddenFiles", "Columns (click to sort, right-click to choose, drag to reorder)")
    )
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionsMovable(True)
    header.setFirstSectionMovable(False)  # the name stays first
    header.setSortIndicatorClearable(True)  # ascending, descending, the server's order
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return view


class HiddenFiles(QObject):
    changed = Signal()  # an action changed the server (tests and the status bar wait on it)
    summaryChanged = Signal()  # what the tables show changed (the status bar's summary)
    activityChanged = Signal(str)  # what they are loading now; "" when idle

    def __init__(self, parts: HiddenFilesParts) -> None:
        super().__init__(parts.parent)
        self._parts = parts
        self._parent = parts.parent
        self._transfers = parts.transfers
        self._controller = parts.browser
        self._bridge = parts.browser.bridge
        self.versions_model = VersionsModel(self)
        self.uploads_model = UploadsModel(self)
        self.versions_table = SortedTable(self.versions_model, self)
        self.uploads_table = SortedTable(self.uploads_model, self)
        self._build_panel()
        self._build_actions()
        # One value with Preferences > Browser: either place changes it for every window.
        self.show_action.setChecked(parts.settings.preferences().browser.show_hidden)
        self.tabs.setVisible(self.show_action.isChecked())
        self._unsubscribe = parts.settings.subscribe_preferences(self._preferences_changed)
        self.upload_sizes = VisibleRowsFetcher(
            self.uploads_view, self._upload_key, self._uploaded_so_far, self._bridge, parent=self
        )
        self.uploads_model.size_of = self._size_of
        self.upload_sizes.fetched.connect(self._size_arrived)
        self.uploads_model.modelReset.connect(self.upload_sizes.reset)
        self.uploads_model.rowsInserted.connect(self.upload_sizes.schedule)
        self.uploads_table.layoutChanged.connect(self.upload_sizes.schedule)  # sorted
        self.uploads_table.rowsInserted.connect(self.upload_sizes.schedule)  # filter widened
        self.tabs.currentChanged.connect(self.upload_sizes.schedule)
        parts.filter_box.textChanged.connect(self.set_filter)
        for model in (self.versions_model, self.uploads_model):
            model.summaryChanged.connect(self.summaryChanged)
            model.loadingChanged.connect(self._loading_changed)
        for table in (self.versions_table, self.uploads_table):
            table.rowsInserted.connect(self.summaryChanged)
            table.rowsRemoved.connect(self.summaryChanged)
            table.modelReset.connect(self.summaryChanged)
            table.layoutChanged.connect(self.summaryChanged)  # sorted
        self._controller.locationChanged.connect(self._location_changed)
        parts.refresh_action.triggered.connect(self.reload)
        self._update_actions()

    # -- composition ---------------------------------------------------------------------------

    def _build_panel(self) -> None:
        self.tabs = QTabWidget(self._parent)
        self.tabs.setObjectName("hiddenFilesPanel")
        self.tabs.setAccessibleName(self.tr("Hidden files"))
        self.versions_view = _table(
            "versionsList", self.tr("Versions and delete markers"), self.tabs
        )
        self.versions_view.setModel(self.versions_table)
        self.versions_view.setSortingEnabled(True)
        self.uploads_view = _table(
            "unfinishedUploadsList", self.tr("Unfinished uploads"), self.tabs
        )
        self.uploads_view.setModel(self.uploads_table)
        self.uploads_view.setSortingEnabled(True)
        # Their columns are chosen from the header's menu and remembered like the object list's.
        self.column_menus: dict[str, ColumnMenu] = {}
        self.column_memories: dict[str, ColumnMemory] = {}
        for table, title, view, names in (
            ("versions", self.tr("&Version Columns"), self.versions_view, versions_model.COLUMNS),
            (
                "uploads",
                self.tr("Unfinished &Upload Columns"),
                self.uploads_view,
                uploads_model.COLUMNS,
            ),
        ):
            menu = ColumnMenu(view.horizontalHeader(), names, hidden=())
            menu.setObjectName(f"{table}ColumnMenu")
            menu.setTitle(title)
            menu.setAccessibleName(self.tr("{0} to show").format(title.replace("&", "")))
            self.column_menus[table] = menu
            memory = ColumnMemory(view.horizontalHeader(), names, self._parts.settings, table)
            self.column_memories[table] = memory
        self.tabs.addTab(self.versions_view, self.tr("Versions"))
        self.tabs.addTab(self.uploads_view, self.tr("Unfinished uploads"))
        self.tabs.hide()
        self._parts.pane.addWidget(self.tabs, 1)

    def _action(
        self, name: str, text: str, slot: Callable[[], None], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self._parent)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._parent.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.show_action = self._action(
            "showHiddenAction", self.tr("Show Hidden Files"), self._toggled
        )
        self.show_action.setCheckable(True)
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+."))
        self.show_action.setToolTip(self.tr("Show versions, delete markers and unfinished uploads"))
        self.restore_action = self._action(
            "restoreVersionAction",
            self.tr("Restore This Version"),
            self.restore_selected,
            "Ctrl+Alt+R",
        )
        self.delete_version_action = self._action(
            "deleteVersionAction",
            self.tr("Delete Version Permanently…"),
            self.delete_selected_version,
            "Ctrl+Alt+D",
        )
        self.remove_marker_action = self._action(
            "removeDeleteMarkerAction",
            self.tr("Remove Delete Marker"),
            self.remove_selected_marker,
            "Ctrl+Alt+M",
        )
        self.abort_action = self._action(
            "abortUploadAction", self.tr("Abort Upload…"), self.abort_selected_upload, "Ctrl+Alt+A"
        )
        view_menu = self._parts.view_menu
        view_menu.addAction(self.show_action)
        view_menu.addSeparator()
        for action in self._row_actions():
            view_menu.addAction(action)
        for view in (self.versions_view, self.uploads_view):
            view.selectionModel().selectionChanged.connect(self._update_actions)
            view.customContextMenuRequested.connect(self._context_menu)
        # The Delete key does in each table what deleting means there, as in the object list.
        for view, slot in (
            (self.versions_view, self.delete_selected),
            (self.uploads_view, self.abort_selected_upload),
        ):
            delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
            delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
            delete_key.activated.connect(slot)
        self.versions_model.modelReset.connect(self._update_actions)
        self.uploads_model.modelReset.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)

    def _row_actions(self) -> list[QAction]:
        return [
            self.restore_action,
            self.delete_version_action,
            self.remove_marker_action,
            self.abort_action,
        ]

    def _context_menu(self, point: QPoint) -> None:
        view = self.sender()
        if isinstance(view, QTableView):
            menu = self.context_menu(view, point)
            if menu is not None:
                menu.popup(view.viewport().mapToGlobal(point))

    def context_menu(self, view: QTableView, point: QPoint) -> QMenu | None:
        """The menu for the row at `point` (selected first): the actions that apply to it."""
        index = view.indexAt(point)
        if index.isValid():
            view.selectRow(index.row())
        actions = [a for a in self._row_actions() if a.isEnabled()]
        if not actions:
            return None
        menu = QMenu(view)
        menu.setObjectName("hiddenFilesContextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(actions)
        return menu

    def close(self) -> None:
        """Save a column change still waiting for its moment and stop listing (the window is
        closing: its worker pool goes, and a view asking for a page then would raise)."""
        self._unsubscribe()
        for memory in self.column_memories.values():
            memory.close()
        self.versions_model.set_stream(None)
        self.uploads_model.set_stream(None)

    # -- state ---------------------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        return self.show_action.isChecked()

    def selected_version(self) -> VersionRow | None:
        if not self.shown or self.tabs.currentWidget() is not self.versions_view:
            return None
        rows = self.versions_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.versions_model.row(self.versions_table.source_row(rows[0].row()))

    def selected_upload(self) -> UnfinishedUpload | None:
        if not self.shown or self.tabs.currentWidget() is not self.uploads_view:
            return None
        rows = self.uploads_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.uploads_model.upload(self.uploads_table.source_row(rows[0].row()))

    def _update_actions(self, *_: object) -> None:
        version = self.selected_version()
        is_version = version is not None and not version.is_delete_marker
        self.restore_action.setEnabled(is_version and not version.is_latest)  # type: ignore[union-attr]
        self.delete_version_action.setEnabled(is_version)
        self.remove_marker_action.setEnabled(version is not None and version.is_delete_marker)
        self.abort_action.setEnabled(self.selected_upload() is not None)

    def summary(self) -> str:
        """What the tables show, for the status bar ("" while hidden files are off)."""
        parts = [
            table.summary()
            for table, model in (
                (self.versions_table, self.versions_model),
                (self.uploads_table, self.uploads_model),
            )
            if model.stream is not None
        ]
        return " · ".join(parts)

    def activity(self) -> str:
        loading = [
            what
            for what, model in (
                ("versions", self.versions_model),
                (self.tr("unfinished uploads"), self.uploads_model),
            )
            if model.loading
        ]
        if not loading:
            return ""
        return self.tr("Loading {0} of {1}…").format(
            self.tr(" and ").join(loading), self._controller.location.url
        )

    def _loading_changed(self, _busy: bool) -> None:
        self.activityChanged.emit(self.activity())
        self.summaryChanged.emit()

    def set_filter(self, text: str) -> None:
        """Show only the rows whose name contains `text` (the window's filter box)."""
        self.versions_table.set_filter(text)
        self.uploads_table.set_filter(text)

    # -- listing -------------------------------------------------------------------------------

    def _toggled(self, shown: bool) -> None:
        self.tabs.setVisible(shown)
        self.reload()
        settings = self._parts.settings
        preferences = settings.preferences()
        if preferences.browser.show_hidden != shown:
            browser = replace(preferences.browser, show_hidden=shown)
            settings.set_preferences(replace(preferences, browser=browser))

    def _preferences_changed(self, preferences: Preferences) -> None:
        shown = preferences.browser.show_hidden
        if shown != self.show_action.isChecked():
            self.show_action.setChecked(shown)
            self._toggled(shown)

    def _location_changed(self, _location: Location) -> None:
        self.reload()

    def reload(self) -> None:
        """List the location's hidden files when shown; drop any listing otherwise."""
        location = self._controller.location
        session = self._controller.session
        if not self.shown or session is None or location.is_root:
            self.versions_model.set_stream(None)
            self.uploads_model.set_stream(None)
            self._update_actions()
            return
        bucket, prefix = location.bucket, location.prefix
        pages = versions.list_versions(session, bucket, prefix, "/")  # lazy: no call yet
        stream = ListingStream(pages, self._bridge, bucket, prefix, self)  # type: ignore[arg-type]
        stream.failed.connect(self._controller.report)
        self.versions_model.set_stream(stream, prefix)
        stream.fetch_next()
        uploads = upload_pages(uploads_in_progress.list_uploads(session, bucket, prefix))
        upload_stream = ListingStream(uploads, self._bridge, bucket, prefix, self)  # type: ignore[arg-type]
        upload_stream.failed.connect(self._controller.report)
        self.uploads_model.set_stream(upload_stream, prefix)
        upload_stream.fetch_next()

    def _upload_key(self, row: int) -> Hashable | None:  # a row of the view
        if row >= self.uploads_table.rowCount():
            return None
        upload = self.uploads_model.upload(self.uploads_table.source_row(row))
        return (self._controller.location.bucket, upload.key, upload.upload_id)

    def _uploaded_so_far(self, key: tuple[str, str, str]) -> UploadedSoFar:  # worker thread
        session = self._controller.session
        if session is None:
            raise RuntimeError("not connected")
        return uploads_in_progress.uploaded_so_far(session, *key)

    def _size_of(self, upload: UnfinishedUpload) -> UploadedSoFar | None:
        value = self.upload_sizes.value(
            (self._controller.location.bucket, upload.key, upload.upload_id)
        )
        return value if isinstance(value, UploadedSoFar) else None

    def _size_arrived(self, _key: object) -> None:
        rows = [self.uploads_table.source_row(r) for r in self.upload_sizes.visible_rows()]
        if rows:
            model, column = self.uploads_model, uploads_model.SIZE
            model.dataChanged.emit(model.index(min(rows), column), model.index(max(rows), column))

    # -- actions -------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        version = self.selected_version()
        if version is None or version.is_delete_marker or version.is_latest:
            return
        bucket = self._controller.location.bucket
        self._run_job(
            "restoring a version",
            bucket,
            version.key,
            lambda session: self._transfers.restore_version(
                session, bucket, version.key, version.version_id
            ),
        )

    def delete_selected(self) -> None:
        """A delete marker is removed (the object comes back), a version deleted for good
        after the question (what the AWS console's Delete does with them)."""
        version = self.selected_version()
        if version is not None and version.is_delete_marker:
            self.remove_selected_marker()
        else:
            self.delete_selected_version()

    def delete_selected_version(self) -> None:
        version = self.selected_version()
        if version is None or version.is_delete_marker:
            return
        bucket = self._controller.location.bucket
        self._confirm(
            "confirmDeleteVersion",
            self.tr("Delete version {0} of {1} permanently?\nThis cannot be undone.").format(
                version.version_id, version.key
            ),
            lambda: self._run_job(
                "deleting a version",
                bucket,
                version.key,
                lambda session: self._transfers.delete_versions(
                    session, bucket, [(version.key, version.version_id)]
                ),
            ),
        )

    def remove_selected_marker(self) -> None:
        version = self.selected_version()
        if version is None or not version.is_delete_marker:
            return
        bucket = self._controller.location.bucket
        # Deleting the marker itself (its version id): the version below it is the latest again.
        self._run_job(
            "removing a delete marker",
            bucket,
            version.key,
            lambda session: self._transfers.delete_versions(
                session, bucket, [(version.key, version.version_id)]
            ),
        )

    def abort_selected_upload(self) -> None:
        upload = self.selected_upload()
        if upload is None:
            return
        bucket = self._controller.location.bucket
        self._confirm(
            "confirmAbortUpload",
            self.tr(
                "Abort the unfinished upload of {0}?\nIts uploaded parts are discarded."
            ).format(upload.key),
            lambda: self._run(
                "aborting an upload",
                bucket,
                upload.key,
                uploads_in_progress.abort_upload,
                upload.key,
                upload.upload_id,
            ),
        )

    def _confirm(self, name: str, text: str, proceed: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Eider"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setObjectName(name)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                proceed()

        box.finished.connect(finished)
        box.open()

    def _run_job(
        self,
        operation: str,
        bucket: str,
        key: str,
        start: Callable[[S3Session], Coroutine[Any, Any, str]],
    ) -> None:
        """Start an engine job (`start` returns its id); when it ends, show the result."""
        session = self._controller.session
        if session is None:
            return

        async def work() -> None:
            job_id = await start(session)
            self._transfers.follow(job_id, self._job_ended)

        self._bridge.spawn(work(), operation, bucket, key, on_error=self._controller.report)

    def _job_ended(self, job: JobSnapshot) -> None:
        if job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            message = f"{first.key}: {first.message}" if first else job.error or job.title
            self._controller.report(UserError(ErrorKind.OTHER, message, ""))
        self.reload()
        self._controller.refresh()
        self.changed.emit()

    def _run(
        self, operation: str, bucket: str, key: str, fn: Callable[..., object], *args: str
    ) -> None:
        session = self._controller.session
        if session is None:
            return

        async def work() -> None:
            await self._bridge.run(fn, session, bucket, *args)
            self.reload()
            self._controller.refresh()
            self.changed.emit()

        self._bridge.spawn(work(), operation, bucket, key, on_error=self._controller.report)
