"""Point-in-time restore…: pick a moment, preview what would change, then run it as a job.

The dialog plans and starts nothing itself on the GUI thread: `plan_for(moment)` (the core's
`plan_restore_to` for this bucket and prefix) and `start(plan)` (the transfer service's
`restore_to`) run through the window's `AsyncBridge`. "Restore" runs exactly the plan shown;
changing the moment asks for a new preview first. `started(job_id)` tells the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.s3.point_in_time import RestorePlan, StepKind
from app.ui.async_bridge import AsyncBridge
from app.ui.translation import N_, english_plural, translate

PlanFor = Callable[[datetime], RestorePlan]
Start = Callable[[RestorePlan], str]

STEP_WORDS = {
    StepKind.RESTORE_VERSION: N_("Restore version"),
    StepKind.REMOVE_DELETE_MARKER: N_("Remove delete marker"),
    StepKind.ADD_DELETE_MARKER: N_("Add delete marker"),
}


class PointInTimeDialog(QDialog):
    started = Signal(str)  # the job id

    def __init__(
        self,
        parent: QWidget | None,
        bridge: AsyncBridge,
        bucket: str,
        prefix: str,
        plan_for: PlanFor,
        start: Start,
    ) -> None:
        super().__init__(parent)
        self._bridge, self._plan_for, self._start = bridge, plan_for, start
        self.plan: RestorePlan | None = None
        self.setObjectName("pointInTimeDialog")
        self.setAccessibleName(self.tr("Point-in-time restore"))
        self.setWindowTitle(self.tr("Point-in-Time Restore"))
        layout = QVBoxLayout(self)
        where = QLabel(
            self.tr("Restore s3://{0}/{1} to its state at:").format(bucket, prefix), self
        )
        where.setObjectName("pointInTimeTarget")
        where.setAccessibleName(self.tr("What is restored"))
        layout.addWidget(where)
        row = QHBoxLayout()
        self.moment_edit = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.moment_edit.setObjectName("pointInTimeMoment")
        self.moment_edit.setAccessibleName(self.tr("Moment to restore to"))
        self.moment_edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.moment_edit.setCalendarPopup(True)
        row.addWidget(self.moment_edit, 1)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.preview_button.setObjectName("pointInTimePreviewButton")
        self.preview_button.setAccessibleName(self.tr("Preview the changes"))
        row.addWidget(self.preview_button)
        layout.addLayout(row)
        self.steps_table = QTableWidget(0, 3, self)
        self.steps_table.setObjectName("pointInTimeSteps")
        self.steps_table.setAccessibleName(self.tr("Changes the restore makes"))
        self.steps_table.setHorizontalHeaderLabels(
            [self.tr("Change"), self.tr("Key"), self.tr("Version (of)")]
        )
        self.steps_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.steps_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.steps_table, 1)
        self.summary_label = QLabel(self.tr("Pick a moment and preview the changes."), self)
        self.summary_label.setObjectName("pointInTimeSummary")
        self.summary_label.setAccessibleName(self.tr("Summary"))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("pointInTimeButtons")
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setObjectName("pointInTimeRestoreButton")
        self.restore_button.setAccessibleName(self.tr("Run the restore"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.preview_button.clicked.connect(self._preview)
        self.restore_button.clicked.connect(self._restore)
        self.moment_edit.dateTimeChanged.connect(lambda _moment: self._forget_plan())
        self.resize(640, 420)

    @property
    def moment(self) -> datetime:
        return datetime.fromtimestamp(self.moment_edit.dateTime().toSecsSinceEpoch(), UTC)

    def _forget_plan(self) -> None:
        self.plan = None
        self.restore_button.setEnabled(False)

    def _preview(self) -> None:
        self._forget_plan()
        self.preview_button.setEnabled(False)
        self.summary_label.setText(self.tr("Reading the versions…"))
        self._bridge.spawn(self._load(self.moment), "Preview", on_error=self._failed)

    async def _load(self, moment: datetime) -> None:
        try:
            plan = await self._bridge.run(self._plan_for, moment)
        finally:
            self.preview_button.setEnabled(True)
        if moment != self.moment:
            return  # the moment changed while it was read: that preview is stale
        self.show_plan(plan)

    def show_plan(self, plan: RestorePlan) -> None:
        self.plan = plan
        self.steps_table.setRowCount(len(plan.steps))
        for row, step in enumerate(plan.steps):
            version = step.version_id or ""
            if step.last_modified:
                version += f" ({step.last_modified})"
            for column, text in enumerate(
                (translate("", STEP_WORDS[step.kind]), step.key, version)
            ):
                self.steps_table.setItem(row, column, QTableWidgetItem(text))
        unchanged = plan.keys_seen - len({s.key for s in plan.steps})
        if plan.steps:
            self.summary_label.setText(
                self.tr(
                    "{0:,} objects restored to an earlier version, "
                    "{1:,} delete markers removed, "
                    "{2:,} delete markers added (objects created since); "
                    "{3:,} unchanged. Every change adds a version or removes a marker "
                    "placed since: nothing is deleted for good."
                ).format(
                    len(plan.restored),
                    len(plan.markers_removed),
                    len(plan.markers_added),
                    unchanged,
                )
            )
        else:
            self.summary_label.setText(
                english_plural(
                    self.tr(
                        "Nothing to restore: %Ln key(s) read, all as they were then.",
                        "",
                        plan.keys_seen,
                    ),
                    plan.keys_seen,
                )
            )
        self.restore_button.setEnabled(bool(plan.steps))

    def _restore(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.restore_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self._bridge.spawn(self._run(plan), "Point-in-time restore", on_error=self._failed)

    async def _run(self, plan: RestorePlan) -> None:
        job_id = await self._bridge.run(self._start, plan)
        self.started.emit(job_id)
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.preview_button.setEnabled(True)
        self.restore_button.setEnabled(self.plan is not None and bool(self.plan.steps))
        self.summary_label.setText(str(error))
