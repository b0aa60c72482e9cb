"""The Synchronize window: a folder and a prefix compared, the plan shown row by row with its
reason and cost, unticked rows left out, and Run doing exactly the rows left."""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.name_filter import NameFilter, Rule
from app.core.transfers.request_prices import DEFAULT_PRICE_TABLE, PRICE_TABLES, PriceTable
from app.core.transfers.sync_cost import cost_of_operations, estimate
from app.core.transfers.sync_plan import CompareMode, Direction, SyncOptions, SyncPlan
from app.ui.async_bridge import AsyncBridge
from app.ui.format import human_size
from app.ui.location import Location, LocationError
from app.ui.sync.plan_model import ACTION, NAME, WHY, SyncPlanModel
from app.ui.sync.sync_controller import SyncController, SyncOutcome, SyncRequest
from app.ui.translation import N_, translate

# label, direction, delete what the source lacks
DIRECTIONS: tuple[tuple[str, Direction, bool], ...] = (
    (N_("Upload: folder \u2192 bucket"), Direction.UPLOAD, False),
    (N_("Download: bucket \u2192 folder"), Direction.DOWNLOAD, False),
    (N_("Upload, deleting what the folder lacks"), Direction.UPLOAD, True),
    (N_("Download, deleting what the bucket lacks"), Direction.DOWNLOAD, True),
    (N_("Mirror: both ways (changes and deletions on either side)"), Direction.MIRROR, False),
)
PREFERRED = "preferences"  # the Prices box's entry for the table edited in Preferences
COMPARISONS = (
    (N_("Size and time"), CompareMode.SIZE_MTIME),
    (N_("Checksum"), CompareMode.CHECKSUM),
)


class SyncWindow(QWidget):
    def __init__(
        self,
        session: Callable[[], S3Session | None],
        engine: Callable[[S3Session], Awaitable[TransferEngine]],
        start: Location | None = None,
        parent: QWidget | None = None,
        prices: Callable[[], PriceTable] | None = None,
    ) -> None:
        """`session()` is the browser's connection; `engine(session)` its engine in the
        application's transfer service; `start` fills in the remote folder; `prices()` the
        price table of the Preferences (the first choice of the Prices box)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("syncWindow")
        self.setAccessibleName(self.tr("Synchronize"))
        self.setWindowTitle(self.tr("Synchronize \u2014 Eider"))
        self.resize(900, 560)
        self._bridge = AsyncBridge(self._show_error, max_workers=2)
        self.controller = SyncController(self._bridge, session, engine, parent=self)
        self.model = SyncPlanModel(self)
        self.last_outcome: SyncOutcome | None = None

        self.folder_edit = self._line(
            "syncFolderEdit", self.tr("Local folder"), self.tr("/path/to/folder")
        )
        self.browse_button = self._button(
            "syncBrowseButton", self.tr("Choose…"), self.tr("Choose the local folder")
        )
        self.remote_edit = self._line(
            "syncRemoteEdit", self.tr("Remote folder"), self.tr("s3://bucket/folder/")
        )
        if start is not None and not start.is_root:
            self.remote_edit.setText(start.url)
        self.direction_combo = self._combo("syncDirectionCombo", self.tr("Direction"), DIRECTIONS)
        self.compare_combo = self._combo("syncCompareCombo", self.tr("Comparison"), COMPARISONS)
        self.exclude_edit = self._line(
            "syncExcludeEdit", self.tr("Exclude patterns"), self.tr("*.tmp logs/*")
        )
        self.price_combo = QComboBox(self)
        self.price_combo.setObjectName("syncPriceCombo")
        self.price_combo.setAccessibleName(self.tr("Price table"))
        self._preferred_prices = prices
        if prices is not None:
            self.price_combo.addItem(self.tr("Preferences: {0}").format(prices().name), PREFERRED)
        for name, table in PRICE_TABLES.items():
            self.price_combo.addItem(table.name, name)
        first = PREFERRED if prices is not None else DEFAULT_PRICE_TABLE
        self.price_combo.setCurrentIndex(self.price_combo.findData(first))
        self.show_unchanged = QCheckBox(self.tr("Show unchanged"), self)
        self.show_unchanged.setObjectName("syncShowUnchanged")
        self.show_unchanged.setAccessibleName(self.tr("Show unchanged files"))
        self.compare_button = self._button(
            "syncCompareButton", self.tr("Compare"), self.tr("Compute the plan")
        )
        self.compare_button.setDefault(True)
        self.cancel_button = self._button(
            "syncCancelButton", self.tr("Stop"), self.tr("Stop comparing")
        )
        self.cancel_button.setEnabled(False)
        self.run_button = self._button(
            "syncRunButton", self.tr("Run"), self.tr("Do the ticked rows")
        )
        self.run_button.setEnabled(False)

        self.table = QTableView(self)
        self.table.setObjectName("syncPlanTable")
        self.table.setAccessibleName(self.tr("Planned changes"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.ResizeToContents)
        self.summary_label = self._label("syncSummaryLabel")
        self.cost_label = self._label("syncCostLabel")
        self.message = self._label("syncMessage")
        self._lay_out()
        self._connect_signals()

    # -- composition ---------------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        return button

    def _combo(
        self, name: str, accessible: str, items: tuple[tuple[object, ...], ...]
    ) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for item in items:
            combo.addItem(translate("", str(item[0])), item[1:])
        return combo

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _lay_out(self) -> None:
        form = QFormLayout()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit)
        folder_row.addWidget(self.browse_button)
        folder_label = QLabel(self.tr("&Local folder:"), self)
        folder_label.setBuddy(self.folder_edit)  # a row holding a layout gets no buddy itself
        form.addRow(folder_label, folder_row)
        form.addRow(self.tr("&Remote folder:"), self.remote_edit)
        form.addRow(self.tr("&Direction:"), self.direction_combo)
        form.addRow(self.tr("C&omparison:"), self.compare_combo)
        form.addRow(self.tr("&Exclude:"), self.exclude_edit)
        form.addRow(self.tr("&Prices:"), self.price_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_unchanged)
        buttons.addStretch(1)
        for button in (self.compare_button, self.cancel_button, self.run_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.cost_label)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.browse_button.clicked.connect(self._choose_folder)
        self.compare_button.clicked.connect(self.compare)
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.run_button.clicked.connect(self.run)
        self.show_unchanged.toggled.connect(self.model.set_show_unchanged)
        self.model.choiceChanged.connect(self._show_cost)
        self.price_combo.currentIndexChanged.connect(self._show_cost)
        self.controller.planned.connect(self._planned)
        self.controller.jobStarted.connect(self._job_started)
        self.controller.finished.connect(self._finished)

    # -- behaviour -----------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Local Folder"), self.folder_edit.text() or str(Path.home())
        )
        dialog.setObjectName("syncFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder_edit.setText)
        dialog.open()

    def request(self) -> SyncRequest | None:
        """What the form asks for, or None (and a message) when something is missing."""
        folder = self.folder_edit.text().strip()
        if not folder:
            self.message.setText(self.tr("Choose the local folder to synchronize."))
            return None
        try:
            where = Location.parse(self.remote_edit.text())
        except LocationError as exc:
            self.message.setText(str(exc))
            return None
        if where.is_root:
            self.message.setText(self.tr("Type the remote folder as s3://bucket/folder/."))
            return None
        direction, delete = self.direction_combo.currentData()
        (compare,) = self.compare_combo.currentData()
        try:
            patterns = shlex.split(self.exclude_edit.text())
        except ValueError as exc:
            self.message.setText(self.tr("The exclude patterns cannot be read: {0}.").format(exc))
            return None
        options = SyncOptions(
            delete=delete,
            compare=compare,
            names=NameFilter(tuple((Rule.EXCLUDE, p) for p in patterns)),
            list_unchanged=True,
        )
        return SyncRequest(
            Path(folder).expanduser(), where.bucket, where.prefix, direction, options
        )

    def compare(self) -> None:
        request = self.request()
        if request is None:
            return
        self.message.setText(self.tr("Comparing…"))
        self.model.set_plan(None)
        self._set_busy(True)
        self.controller.plan(request)

    def _planned(self, plan: SyncPlan) -> None:
        self._set_busy(False)
        self.model.set_plan(plan)
        problems = (
            self.tr(", {0} problems (see tooltips)").format(len(plan.problems))
            if plan.problems
            else ""
        )
        self.summary_label.setText(
            (
                self.tr("{0} to transfer, {1} to delete, {2} conflicts (both kept), ")
                if plan.conflicts
                else self.tr("{0} to transfer, {1} to delete, ")
            ).format(len(plan.transfers), len(plan.deletions), len(plan.conflicts))
            + self.tr("{0} unchanged, {1} kept{2}").format(
                plan.unchanged, plan.extras_kept, problems
            )
        )
        self.summary_label.setToolTip("\n".join(f"{p.name}: {p.message}" for p in plan.problems))
        self.message.setText(self.tr("Untick the rows to leave out, then Run."))

    def _show_cost(self) -> None:
        chosen = self.model.chosen_plan()
        if chosen is None:
            self.cost_label.clear()
            self.run_button.setEnabled(False)
            return
        cost = estimate(chosen, self.prices(), self.controller.transfer_options)
        self.cost_label.setText(
            self.tr(
                "Cost of the ticked rows: {0} requests \u00b7 {1} up, {2} down \u00b7 {3}"
            ).format(
                cost.request_text(),
                human_size(cost.bytes_up),
                human_size(cost.bytes_down),
                cost.price_text(),
            )
        )
        self.run_button.setEnabled(not chosen.empty and not self.controller.busy)

    def prices(self) -> PriceTable:
        chosen = str(self.price_combo.currentData())
        if chosen == PREFERRED and self._preferred_prices is not None:
            table = self._preferred_prices()  # as saved now: Preferences may have changed
            self.price_combo.setItemText(
                self.price_combo.currentIndex(), self.tr("Preferences: {0}").format(table.name)
            )
            return table
        return PRICE_TABLES[chosen]

    def run(self) -> None:
        chosen = self.model.chosen_plan()
        if chosen is None or chosen.empty:
            return
        self._set_busy(True, running=True)
        self.message.setText(self.tr("Starting…"))
        self.controller.run(chosen)

    def _job_started(self, job_id: str) -> None:
        self.message.setText(
            self.tr("Running as job {0} (see Window \u203a Transfers).").format(job_id)
        )

    def _finished(self, outcome: SyncOutcome) -> None:
        self.last_outcome = outcome
        self._set_busy(False)
        self.run_button.setEnabled(False)  # the plan is spent: compare again
        result = outcome.result
        done = result.transferred
        deleted = result.remote_deleted + len(result.local_deleted)
        sent = cost_of_operations(outcome.sent, self.prices())
        state = self.tr("Done") if result.ok else self.tr("Finished with problems")
        failures = "; ".join(f"{f.name}: {f.message}" for f in result.failures[:3])
        self.message.setText(
            self.tr("{0}: {1} transferred, {2} deleted. Requests the sync sent: {3}.").format(
                state, done, deleted, sent.request_text()
            )
            + (f" {failures}" if failures else "")
        )

    def _set_busy(self, busy: bool, running: bool = False) -> None:
        for widget in (self.compare_button, self.folder_edit, self.remote_edit):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy and not running)
        self.run_button.setEnabled(False if busy else self.run_button.isEnabled())

    def _show_error(self, error: UserError) -> None:
        self._set_busy(False)
        self.message.setText(f"{error.message} {error.fix}".strip())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.close()
        self._bridge.shutdown()
        super().closeEvent(event)
