"""The Transfers window: every job of the application in one tree, with its actions.

A view only: it lays out the list, the toolbar, the bandwidth indicator and the two
preferences, and builds the actions (each with a shortcut, in the toolbar and in the context
menu). `TransfersCommands` does what the actions say.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import TransferPreferences
from app.ui.format import human_size
from app.ui.models.transfers_model import (
    AMOUNT,
    ETA,
    JOB_ID_ROLE,
    NAME,
    PROGRESS,
    RATE,
    ROUTE,
    STATE,
    TransfersModel,
)
from app.ui.transfers.front import bring_to_front
from app.ui.transfers.progress_delegate import ProgressDelegate
from app.ui.transfers.source import Limits
from app.ui.translation import N_, translate

_SP = QStyle.StandardPixmap
# action object name, text, shortcut, toolbar icon
ACTIONS: tuple[tuple[str, str, str, QStyle.StandardPixmap | None], ...] = (
    ("pauseTransferAction", N_("Pause"), "Ctrl+P", _SP.SP_MediaPause),
    ("resumeTransferAction", N_("Resume"), "Ctrl+R", _SP.SP_MediaPlay),
    ("cancelTransferAction", N_("Cancel…"), "Ctrl+.", _SP.SP_DialogCancelButton),
    ("retryTransferAction", N_("Retry Failed"), "Ctrl+Shift+R", _SP.SP_BrowserReload),
    ("removeTransferAction", N_("Remove from List"), "Del", _SP.SP_TrashIcon),
    ("cleanUpTransfersAction", N_("Clean Up Finished"), "Ctrl+K", _SP.SP_DialogResetButton),
    ("revealTransferAction", N_("Show Local File"), "Ctrl+Shift+L", _SP.SP_DirOpenIcon),
    ("showRemoteTransferAction", N_("Show in Browser"), "Ctrl+Shift+O", _SP.SP_DirLinkIcon),
    ("retargetTransferAction", N_("Use Another Bookmark…"), "", None),
)


def limits_text(limits: Limits) -> str:
    up, down = limits
    parts = []
    if up:
        parts.append(translate("TransfersWindow", "uploads {0}/s").format(human_size(int(up))))
    if down:
        parts.append(translate("TransfersWindow", "downloads {0}/s").format(human_size(int(down))))
    text = translate("TransfersWindow", "Bandwidth limited: {0}")
    return text.format(", ".join(parts)) if parts else ""


class TransfersWindow(QWidget):
    preferencesChanged = Signal(object)  # TransferPreferences
    closed = Signal()  # the user closed (hid) the window

    def __init__(
        self, model: TransfersModel, preferences: TransferPreferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("transfersWindow")
        self.setAccessibleName(self.tr("Transfers"))
        self.setWindowTitle(self.tr("Transfers — Eider"))
        self.resize(980, 420)
        self.model = model
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcut, icon in ACTIONS:
            action = QAction(translate("", text), self)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if icon is not None:
                action.setIcon(self.style().standardIcon(icon))
            self.addAction(action)
            self.actions_by_name[name] = action
        # Not about the selected rows: in the toolbar, not in the list's context menu.
        limits = self.limits_action = QAction(self.tr("Limits…"), self)
        limits.setObjectName("transferLimitsAction")
        limits.setIcon(self.style().standardIcon(_SP.SP_FileDialogDetailedView))
        limits.setToolTip(self.tr("Jobs at once, connections per job, bandwidth and its schedule"))
        self.addAction(limits)
        self.actions_by_name[limits.objectName()] = limits
        self._build(preferences)

    def action(self, name: str) -> QAction:
        return self.actions_by_name[name]

    def _build(self, preferences: TransferPreferences) -> None:
        toolbar = QToolBar(self.tr("Transfers"), self)
        toolbar.setObjectName("transfersToolBar")
        toolbar.setAccessibleName(self.tr("Transfer actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name, _text, _shortcut, icon in ACTIONS:
            if icon is not None:
                toolbar.addAction(self.actions_by_name[name])
        toolbar.addSeparator()
        toolbar.addAction(self.limits_action)
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setObjectName(f"{action.objectName()}Button")
                button.setAccessibleName(action.text().rstrip("…"))

        view = self.view = QTreeView(self)
        view.setObjectName("transfersList")
        view.setAccessibleName(self.tr("Transfers"))
        view.setModel(self.model)  # it sorts itself: a proxy would call data() per comparison
        view.setUniformRowHeights(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAllColumnsShowFocus(True)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # paths keep both ends
        view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order they came
        view.setSortingEnabled(True)
        view.setItemDelegateForColumn(PROGRESS, ProgressDelegate(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions([self.actions_by_name[name] for name, *_ in ACTIONS])
        header = view.header()
        header.setObjectName("transfersHeader")
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (NAME, 190),
            (ROUTE, 400),
            (PROGRESS, 110),
            (AMOUNT, 135),
            (RATE, 85),
            (ETA, 80),
            (STATE, 160),
        ):
            header.resizeSection(column, width)

        self.bandwidth_label = QLabel(self)
        self.bandwidth_label.setObjectName("transfersBandwidth")
        self.bandwidth_label.setAccessibleName(self.tr("Bandwidth limit in force"))
        self.bandwidth_label.hide()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("transfersMessage")
        self.message_label.setAccessibleName(self.tr("Transfers message"))
        self.message_label.setWordWrap(True)
        self.open_on_start = QCheckBox(self.tr("Open this window when a transfer starts"), self)
        self.open_on_start.setObjectName("openTransfersOnStart")
        self.open_on_start.setAccessibleName(
            self.tr("Open the Transfers window when a transfer starts")
        )
        self.open_on_start.setChecked(preferences.open_window_on_start)
        self.resume_at_start = QCheckBox(self.tr("Resume interrupted transfers at start"), self)
        self.resume_at_start.setObjectName("resumeTransfersAtStart")
        self.resume_at_start.setAccessibleName(
            self.tr("Resume interrupted transfers when Eider starts")
        )
        self.resume_at_start.setChecked(preferences.resume_at_start)
        for box in (self.open_on_start, self.resume_at_start):
            box.toggled.connect(self._preferences_toggled)

        bottom = QHBoxLayout()
        bottom.addWidget(self.bandwidth_label)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.open_on_start)
        bottom.addWidget(self.resume_at_start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(view, 1)
        layout.addLayout(bottom)

    def _preferences_toggled(self) -> None:
        self.preferencesChanged.emit(
            TransferPreferences(self.open_on_start.isChecked(), self.resume_at_start.isChecked())
        )

    def show_limits(self, limits: Limits) -> None:
        text = limits_text(limits)
        self.bandwidth_label.setText(text)
        self.bandwidth_label.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def selected_job_ids(self) -> list[str]:
        """The jobs of the selected rows (a file row stands for its job), in view order."""
        ids: list[str] = []
        for index in self.view.selectionModel().selectedRows(NAME):
            job_id = index.data(JOB_ID_ROLE)
            if job_id is not None and job_id not in ids:
                ids.append(job_id)
        return ids

    def select_jobs(self, job_ids: list[str]) -> None:
        selection = QItemSelection()
        for job_id in job_ids:
            index = self.model.job_index(job_id)
            if index.isValid():
                selection.select(index, index.siblingAtColumn(STATE))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().select(selection, flags | QItemSelectionModel.SelectionFlag.Rows)

    def present(self) -> None:
        bring_to_front(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)  # hidden, not deleted: it is the application's one
        self.closed.emit()
