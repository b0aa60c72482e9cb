"""The browser window. It composes widgets and wires signals; it holds no S3 logic."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.bookmarks import BookmarkStore
from app.core.errors import UserError
from app.core.preferences.sections import Preferences
from app.core.settings import SettingsStore
from app.ui import icons
from app.ui.action_tips import describe_menus
from app.ui.controllers.archive_restores import ArchiveRestores
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.column_memory import ColumnMemory
from app.ui.controllers.edit_actions import EditParts, install_edit_actions
from app.ui.controllers.file_activation import FileActivation
from app.ui.controllers.hidden_files import HiddenFiles, HiddenFilesParts
from app.ui.controllers.info_actions import InfoActions
from app.ui.controllers.point_in_time_actions import PointInTimeActions
from app.ui.controllers.search import SearchParts, ServerSearch
from app.ui.controllers.tree_menu import TreeMenu
from app.ui.dnd.drag_and_drop import DragAndDrop
from app.ui.dnd.keyboard import KeyboardTransfers
from app.ui.location import Location
from app.ui.models.encryption_probe import EncryptionProbe
from app.ui.models.listing_model import (
    COLUMNS,
    ENCRYPTION,
    ETAG,
    MODIFIED,
    NAME,
    SIZE,
    STORAGE_CLASS,
)
from app.ui.palette_follow import follow_palette_with_action_icons
from app.ui.shared_transfers import SharedTransfers
from app.ui.sync.sync_window import SyncWindow
from app.ui.tls_warning import tls_notice
from app.ui.transcript.transcript_window import TranscriptWindow
from app.ui.widgets.column_menu import ColumnMenu
from app.ui.widgets.error_banner import ErrorBanner
from app.ui.widgets.folder_tree import FolderTree
from app.ui.widgets.path_bar import PathBar
from app.ui.window_actions import WindowActions, WindowActionsParts
from app.ui.window_bookmarks import WindowBookmarks
from app.ui.window_preferences import window_preferences

# The status bar is refreshed from the model at most this often while pages stream in.
STATUS_REFRESH_MS = 250


class MainWindow(QMainWindow):
    newWindowRequested = Signal()
    transfersRequested = Signal()  # Window > Transfers: the application shows its window
    preferencesRequested = Signal()  # Edit > Preferences: the application shows its window

    def __init__(
        self,
        controller: BrowserController,
        parent: QWidget | None = None,
        store: BookmarkStore | None = None,
        settings: SettingsStore | None = None,
        shared_transfers: SharedTransfers | None = None,
    ) -> None:
        """`shared_transfers` is the application's one transfer service; without it the
        window's transfers run in a service of its own."""
        super().__init__(parent)
        self.controller = controller
        self.shared_transfers = shared_transfers
        self._store = store
        self.settings = settings if settings is not None else SettingsStore()
        self._connection_label = ""
        self._nothing_at: Location | None = None  # the location whose listing found nothing
        self._listing_activity = ""  # the controller's; the hidden-files tables add theirs
        # Asked before the window closes (the application's quit question); False keeps it.
        self.close_guard: Callable[[MainWindow], bool] | None = None
        self.transcript_window: TranscriptWindow | None = None  # made when first shown
        self.sync_window: SyncWindow | None = None  # the last one opened
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Eider"))
        self.setAccessibleName(self.tr("Eider main window"))
        self.resize(1100, 700)
        self._build_actions()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._build_menus()
        self._connect_signals()
        self._refresh_status()
        follow_palette_with_action_icons(self)

    # -- composition ---------------------------------------------------------------------------

    def _action(self, name: str, text: str, icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon is not None:
            action.setIcon(icons.action_icon(name) or self.style().standardIcon(icon))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.back_action = self._action("backAction", self.tr("Back"), sp.SP_ArrowBack)
        self.back_action.setShortcut(QKeySequence.StandardKey.Back)
        self.forward_action = self._action("forwardAction", self.tr("Forward"), sp.SP_ArrowForward)
        self.forward_action.setShortcut(QKeySequence.StandardKey.Forward)
        self.up_action = self._action("upAction", self.tr("Up"), sp.SP_ArrowUp)
        self.up_action.setShortcut(QKeySequence("Alt+Up"))
        self.refresh_action = self._action("refreshAction", self.tr("Refresh"), sp.SP_BrowserReload)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.location_action = self._action("locationAction", self.tr("Go to Location…"))
        self.location_action.setShortcut(QKeySequence("Ctrl+L"))
        self.filter_action = self._action("filterAction", self.tr("Filter"))
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.load_all_action = self._action("loadAllAction", self.tr("Load Everything"))
        self.load_all_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.load_all_action.setToolTip(self.tr("Load every page of this folder's listing"))
        self.new_window_action = self._action("newWindowAction", self.tr("New Window"))
        self.new_window_action.setShortcut(QKeySequence.StandardKey.New)
        self.close_action = self._action("closeWindowAction", self.tr("Close Window"))
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        for action in (self.back_action, self.forward_action, self.up_action):
            action.setEnabled(False)  # at the bucket list, with no history yet
        self.transfers_action = self._action(
            "showTransfersAction", self.tr("Transfers"), sp.SP_ArrowDown
        )
        self.transfers_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.transfers_action.setToolTip(self.tr("Show the Transfers window (Ctrl+Shift+T)"))
        self.transcript_action = self._action("showTranscriptAction", self.tr("Transcript"))
        self.transcript_action.setShortcut(QKeySequence("Ctrl+Alt+T"))
        self.transcript_action.setToolTip(
            self.tr("Show every request sent to the server (Ctrl+Alt+T)")
        )
        self.sync_action = self._action("synchronizeAction", self.tr("Synchronize…"))
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.setToolTip(
            self.tr(
                "Compare a local folder with this folder, preview the plan and its cost, run it"
                " (Ctrl+Shift+Y)"
            )
        )
        self.preferences_action = self._action("preferencesAction", self.tr("Preferences…"))
        self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setToolTip(
            self.tr(
                "Settings for every window and the command line: transfers, S3 defaults, connection"
            )
        )

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Navigation"), self)
        bar.setObjectName("navigationToolBar")
        bar.setAccessibleName(self.tr("Navigation"))
        bar.setMovable(False)
        for action in (self.back_action, self.forward_action, self.up_action, self.refresh_action):
            bar.addAction(action)
        self.path_bar = PathBar(bar)
        bar.addWidget(self.path_bar)
        self.filter_box = QLineEdit(bar)
        self.filter_box.setObjectName("filterBox")
        self.filter_box.setAccessibleName(self.tr("Filter loaded names"))
        self.filter_box.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMaximumWidth(220)
        bar.addWidget(self.filter_box)
        bar.addAction(self.load_all_action)
        bar.addAction(self.transfers_action)
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and not widget.objectName():
                widget.setObjectName(f"{action.objectName()}Button")
                widget.setAccessibleName(action.text())
        self.addToolBar(bar)
        self.navigation_bar = bar

    def _build_central(self) -> None:
        self.bookmarks = WindowBookmarks(self, self._store or BookmarkStore())
        self.bookmarks.sidebar.preferences = self.settings.preferences  # bookmark dialogs
        self.bookmarks.connector.preferences = self.settings.preferences
        self.sidebar = self.bookmarks.sidebar
        self.folder_tree = FolderTree(self)
        # A table, not a QTreeView: QTreeView's layout pulls every page through fetchMore,
        # a table asks only when its last row scrolls into view.
        self.object_list = QTableView(self)
        view = self.object_list
        view.setObjectName("objectList")
        view.setAccessibleName(self.tr("Objects"))
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setModel(self.controller.model)
        header = view.horizontalHeader()
        header.setObjectName("objectListHeader")
        header.setAccessibleName(self.tr("Columns (click to sort)"))
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionsMovable(True)  # the order is remembered (ColumnMemory)
        header.setFirstSectionMovable(False)
        for column, width in ((SIZE, 80), (MODIFIED, 130), (STORAGE_CLASS, 110), (ETAG, 120)):
            header.resizeSection(column, width)
        header.resizeSection(ENCRYPTION, 90)
        header.moveSection(header.visualIndex(ENCRYPTION), header.visualIndex(ETAG))
        # ETag on demand: hidden until chosen in the header's context menu
        self.column_menu = ColumnMenu(header, COLUMNS, hidden=(ETAG,))
        self.column_memory = ColumnMemory(header, COLUMNS, self.settings, "objects")
        self.error_banner = ErrorBanner(self)

        right = QWidget(self)
        right.setObjectName("browserPane")
        layout = QVBoxLayout(right)
        self.browser_pane = layout  # the hidden-files tabs join the list here
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.error_banner)
        layout.addWidget(view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.folder_tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([210, 170, 720])
        self.setCentralWidget(splitter)
        self.up_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Backspace), view)
        self.up_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_status_bar(self) -> None:
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("statusSummary")
        self.summary_label.setAccessibleName(self.tr("Listing summary"))
        self.activity_label = QLabel(self)
        self.activity_label.setObjectName("statusActivity")
        self.activity_label.setAccessibleName(self.tr("What is loading"))
        self.statusBar().addWidget(self.summary_label, 1)
        self.statusBar().addPermanentWidget(self.activity_label)
        self._status_timer = QTimer(self)
        self._status_timer.setObjectName("statusRefreshTimer")
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_REFRESH_MS)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addActions(self.bookmarks.file_actions())
        file_menu.addSeparator()
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        file_menu.addAction(self.new_window_action)
        file_menu.addAction(self.close_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        edit_menu.addAction(self.preferences_action)
        go = self.menuBar().addMenu(self.tr("&Go"))
        go.setObjectName("goMenu")
        self.go_menu = go
        for action in (
            self.back_action,
            self.forward_action,
            self.up_action,
            self.refresh_action,
            self.location_action,
            self.filter_action,
            self.load_all_action,
        ):
            go.addAction(action)

    # -- wiring -------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        c = self.controller
        c.connected.connect(self._connected)
        self.bookmarks.sidebar.model.dataChanged.connect(self._bookmark_edited)
        c.bucketsChanged.connect(self.folder_tree.set_buckets)
        c.locationChanged.connect(self._location_changed)
        c.historyChanged.connect(self._history_changed)
        c.foldersFound.connect(self.folder_tree.add_folders)
        c.locationFound.connect(self.folder_tree.location_found)
        c.locationFound.connect(self._something_here)
        c.nothingHere.connect(self._nothing_here)
        c.activityChanged.connect(self._activity_changed)
        c.errorOccurred.connect(self.show_error)
        c.model.summaryChanged.connect(self._schedule_status)
        c.model.modelReset.connect(self._refresh_status)
        self._status_timer.timeout.connect(self._refresh_status)

        self.back_action.triggered.connect(c.go_back)
        self.forward_action.triggered.connect(c.go_forward)
        self.up_action.triggered.connect(c.go_up)
        self.up_shortcut.activated.connect(c.go_up)
        self.refresh_action.triggered.connect(self._refresh)
        self.load_all_action.triggered.connect(c.load_everything)
        self.location_action.triggered.connect(self.path_bar.start_editing)
        self.filter_action.triggered.connect(self._focus_filter)
        self.new_window_action.triggered.connect(self.newWindowRequested)
        self.transfers_action.triggered.connect(self.transfersRequested)
        self.preferences_action.triggered.connect(self.preferencesRequested)
        self.close_action.triggered.connect(self.close)

        self.path_bar.locationRequested.connect(c.navigate)
        self.path_bar.textSubmitted.connect(c.navigate_to_text)
        self.filter_box.textChanged.connect(c.set_filter)
        self.folder_tree.locationActivated.connect(c.navigate)
        self.folder_tree.childrenWanted.connect(c.load_folders)
        # before _row_activated: Enter on a file previews it; a folder's row is gone once opened
        # menu, context menu, shortcuts, transfers
        self.object_actions = WindowActions(
            WindowActionsParts(
                browser=c,
                status_bar=self.statusBar(),
                object_list=self.object_list,
                folder_tree=self.folder_tree,
                menu_bar=self.menuBar(),
                toolbar=self.navigation_bar,
                shared_transfers=self.shared_transfers,
                parent=self,
            )
        )
        self.object_actions.foldersChanged.connect(self.folder_tree.reload)
        self.edit_actions = install_edit_actions(  # Edit, Edit With…, Open Edits…
            EditParts(
                c, self.object_list, self.statusBar(), self.object_actions.transfers.shared, self
            ),
            self.object_actions.menu,
        )
        self.drag_and_drop = DragAndDrop(self, self.object_actions)  # drags and drops
        self.keyboard_transfers = KeyboardTransfers(self.drag_and_drop)  # and from the keys
        self.object_actions.menu.addSeparator()
        self.object_actions.menu.addActions(list(self.keyboard_transfers.actions.values()))
        made = self.object_actions.actions
        shortcuts = {name: action.shortcut() for name, action in made.items()}
        self.tree_menu = TreeMenu(self.folder_tree, c, shortcuts, self.refresh_action.shortcut())
        self.tree_menu.nodeActionRequested.connect(self.object_actions.run_on_node)
        self.tree_menu.refreshRequested.connect(self.refresh_node)
        self.info_actions = InfoActions(
            c, self.object_actions.selection, self.folder_tree, self, self.object_actions.transfers
        )
        self.info_actions.place(
            self.navigation_bar, self.object_list, self.tree_menu.menu, self.object_actions.menu
        )
        self.point_in_time = PointInTimeActions(
            c, self.object_actions.selection, self.folder_tree, self.object_actions.transfers, self
        )
        self.point_in_time.place(self.object_list, self.tree_menu.menu, self.object_actions.menu)
        self.file_activation = FileActivation(
            self.object_list,
            self.object_actions.activated_slot,
            self.object_actions.actions["downloadAction"],
            self.settings.preferences,
            self,
        )
        self.object_list.activated.connect(self._row_activated)
        # Hidden files, encryption at a glance and server search keep their logic in their modules.
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.hidden_files = HiddenFiles(
            HiddenFilesParts(
                browser=c,
                transfers=self.object_actions.transfers,
                filter_box=self.filter_box,
                refresh_action=self.refresh_action,
                settings=self.settings,
                pane=self.browser_pane,
                view_menu=self.view_menu,
                parent=self,
            )
        )
        self.hidden_files.summaryChanged.connect(self._schedule_status)
        self.hidden_files.activityChanged.connect(self._show_activity)
        self.encryption_probe = EncryptionProbe(
            self.object_list, c.model, lambda: c.session, c.bridge, self
        )
        self.search = ServerSearch(
            SearchParts(
                browser=c,
                filter_box=self.filter_box,
                status_bar=self.statusBar(),
                go_menu=self.go_menu,
                parent=self,
            )
        )
        self._add_listing_entries()
        self._apply_preferences(self.settings.preferences())
        self._unsubscribe_preferences = self.settings.subscribe_preferences(self._apply_preferences)
        # last, after the controllers' menus
        window_menu = self.menuBar().addMenu(self.tr("&Window"))
        window_menu.setObjectName("windowMenu")
        window_menu.addAction(self.transfers_action)
        transfers = self.object_actions.transfers
        self.archive_restores = ArchiveRestores(self.controller, transfers, self)
        self.archive_restores.place(window_menu)
        window_menu.addAction(self.transcript_action)
        self.transcript_action.triggered.connect(self._show_transcript)
        self.sync_action.triggered.connect(self._show_sync)
        describe_menus(self.menuBar())  # every entry's tooltip names its shortcut

    def _show_sync(self) -> None:
        """A Synchronize window on this connection, starting from the folder shown."""
        c = self.controller
        window = SyncWindow(
            lambda: c.session,
            self.object_actions.transfers.engine,
            c.location,
            self,
            prices=lambda: self.settings.preferences().prices.table(),
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sync_window = window
        window.show()

    def _show_transcript(self) -> None:
        if self.transcript_window is None:
            self.transcript_window = TranscriptWindow(parent=self)
        window = self.transcript_window
        window.show()
        window.raise_()
        window.activateWindow()

    def _add_listing_entries(self) -> None:
        """The listing's own commands in its context menu too (their shortcuts stay
        window-wide); Esc in the filter box clears it and goes back to the list."""
        view = self.object_list
        separator = QAction(view)
        separator.setSeparator(True)
        view.addActions(
            [
                separator,
                self.refresh_action,
                self.up_action,
                self.load_all_action,
                self.hidden_files.show_action,
            ]
        )
        view_menu = self.view_menu  # the columns from the keyboard too (Alt+V, C)
        view_menu.addSeparator()
        view_menu.addMenu(self.column_menu)
        for menu in self.hidden_files.column_menus.values():
            view_menu.addMenu(menu)
        clear_filter = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_box)
        clear_filter.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_filter.activated.connect(self._leave_filter)

    def _apply_preferences(self, preferences: Preferences) -> None:
        browser = preferences.browser
        self.controller.model.set_formats(browser.date_format, browser.size_format)
        cache = self.controller.listing_cache
        cache.configure(browser.listing_cache_entries, browser.listing_cache_seconds)
        self._apply_connection_preferences(preferences)

    def _apply_connection_preferences(self, preferences: Preferences | None = None) -> None:
        """Under the overrides of the bookmark the window's connection came from."""
        preferences = window_preferences(
            preferences or self.settings.preferences(),
            self.bookmarks.sidebar.model.store,
            self.controller.bookmark_id,
        )
        self.controller.set_parallel_listings(preferences.connection.parallel_listings)

    def _leave_filter(self) -> None:
        self.filter_box.clear()
        self.object_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- reactions ------------------------------------------------------------------------------

    def _bookmark_edited(self, *_: object) -> None:
        self._apply_connection_preferences()  # its overrides may have changed

    def _connected(self, label: str) -> None:
        self._connection_label = label
        self._apply_connection_preferences()  # the bookmark is known now
        self.setWindowTitle(self.tr("Eider — {0}").format(label))
        notice = tls_notice(self.controller.session)
        if notice is not None:
            self.show_notice(notice)

    def _location_changed(self, location: Location) -> None:
        self._nothing_at = None
        self.path_bar.set_location(location)
        self.folder_tree.select_location(location)
        self.filter_box.clear()
        self.error_banner.clear_error()
        self.up_action.setEnabled(not location.is_root)
        self.setWindowTitle(
            self.tr("Eider — {0} — {1}").format(self._connection_label, location.url)
        )

    def _history_changed(self, back: bool, forward: bool) -> None:
        self.back_action.setEnabled(back)
        self.forward_action.setEnabled(forward)

    def _refresh(self) -> None:
        """F5: the tree's current node while the tree has the focus, else the location."""
        tree = self.folder_tree
        node = tree.current_location if tree.hasFocus() else None
        self.refresh_node(node or self.controller.location)

    def refresh_node(self, node: Location) -> None:
        """List `node`'s folders again in the tree, and its objects if the window is there."""
        self.folder_tree.reload(node)
        if node == self.controller.location:
            self.controller.refresh()

    def _row_activated(self, index: QModelIndex) -> None:
        self.controller.activate_row(index.row())

    def _focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def _activity_changed(self, text: str) -> None:
        self._listing_activity = text
        self._show_activity()

    def _show_activity(self, *_: object) -> None:
        hidden = self.hidden_files.activity()
        self.activity_label.setText(" · ".join(t for t in (self._listing_activity, hidden) if t))

    def _schedule_status(self) -> None:
        if not self._status_timer.isActive():
            self._status_timer.start()

    def _something_here(self, _location: Location) -> None:
        if self._nothing_at is not None:  # e.g. a folder was made there and it was refreshed
            self._nothing_at = None
            self._refresh_status()

    def _nothing_here(self, location: Location) -> None:
        self._nothing_at = location
        self._refresh_status()

    def _refresh_status(self) -> None:
        nothing = self._nothing_at
        if nothing is not None and nothing == self.controller.location:
            self.summary_label.setText(
                self.tr("Nothing is at {0}: no key in {1} starts with '{2}'").format(
                    nothing.url, nothing.bucket, nothing.prefix
                )
                if nothing.prefix
                else self.tr("The bucket {0} is empty").format(nothing.bucket)
            )
        else:
            hidden = self.hidden_files.summary()
            text = self.controller.model.summary()
            self.summary_label.setText(f"{text} · {hidden}" if hidden else text)
        model = self.controller.model
        self.load_all_action.setEnabled(model.canFetchMore(QModelIndex()))

    def show_error(self, error: UserError) -> None:
        self.error_banner.show_error(error)

    def show_notice(self, notice: UserError) -> None:
        self.error_banner.show_notice(notice)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard(self):
            event.ignore()
            return
        self._status_timer.stop()
        self.edit_actions.close()  # its edits stay on disk, offered again later
        self._unsubscribe_preferences()
        self.column_memory.close()
        self.hidden_files.close()
        self.drag_and_drop.close()
        self.object_actions.close()
        self.info_actions.close()
        self.controller.close()
        self.bookmarks.shutdown()
        super().closeEvent(event)
