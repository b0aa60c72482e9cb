"""The Transfers window's Limits dialog: jobs at once, connections per job, upload and
download bandwidth, and an optional weekly schedule of other rates.

Not modal: it stays open beside the list, so a user sees a new limit take hold. OK and Apply
emit `limitsChosen(TransferLimits)`; the hub saves and applies them. Rates are entered in
MiB/s, 0 meaning unlimited. A schedule rule holds on its days from its start to its end (an
end not after the start runs past midnight); the first rule that covers the moment wins, and
outside every rule the plain limits hold.
"""

from __future__ import annotations

from datetime import time
from typing import NamedTuple

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.transfers.limits import TransferLimits
from app.core.transfers.schedule import EVERY_DAY, WEEKDAYS, BandwidthSchedule, ScheduleRule
from app.ui.translation import N_, translate

MIB = 1024 * 1024
MAX_RATE_MIB = 100_000.0
DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
DAY_CHOICES: tuple[tuple[str, frozenset[int]], ...] = (
    (N_("Weekdays"), WEEKDAYS),
    (N_("Weekends"), frozenset({5, 6})),
    (N_("Every day"), EVERY_DAY),
    *((name, frozenset({day})) for day, name in enumerate(DAY_NAMES)),
)
DAYS, START, END, UPLOAD, DOWNLOAD = range(5)
COLUMNS = (N_("Days"), N_("From"), N_("To"), N_("Upload"), N_("Download"))


def rate_box(parent: QWidget, name: str, accessible: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setDecimals(1)
    box.setRange(0.0, MAX_RATE_MIB)
    box.setSingleStep(0.5)
    box.setSuffix(translate("LimitsDialog", " MiB/s"))
    box.setSpecialValueText(translate("LimitsDialog", "Unlimited"))  # shown at 0
    return box


def rate_of(box: QDoubleSpinBox) -> float | None:
    return box.value() * MIB if box.value() > 0 else None


def show_rate(box: QDoubleSpinBox, rate: float | None) -> None:
    box.setValue(rate / MIB if rate else 0.0)


class RuleWidgets(NamedTuple):
    days: QComboBox
    start: QTimeEdit
    end: QTimeEdit
    upload: QDoubleSpinBox
    download: QDoubleSpinBox


def days_text(days: frozenset[int]) -> str:
    return ", ".join(translate("", DAY_NAMES[day]) for day in sorted(days))


class LimitsDialog(QDialog):
    limitsChosen = Signal(object)  # TransferLimits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferLimitsDialog")
        self.setAccessibleName(self.tr("Transfer limits"))
        self.setWindowTitle(self.tr("Transfer Limits"))
        self.setModal(False)

        self.jobs = QSpinBox(self)
        self.jobs.setObjectName("simultaneousTransfers")
        self.jobs.setAccessibleName(self.tr("Simultaneous transfers"))
        self.jobs.setRange(1, 64)
        self.connections = QSpinBox(self)
        self.connections.setObjectName("connectionsPerTransfer")
        self.connections.setAccessibleName(self.tr("Connections per transfer"))
        self.connections.setRange(1, 64)
        self.upload = rate_box(self, "uploadLimit", self.tr("Upload limit"))
        self.download = rate_box(self, "downloadLimit", self.tr("Download limit"))
        form = QFormLayout()
        form.addRow(self.tr("Simultaneous transfers:"), self.jobs)
        form.addRow(self.tr("Connections per transfer:"), self.connections)
        form.addRow(self.tr("Upload limit:"), self.upload)
        form.addRow(self.tr("Download limit:"), self.download)

        schedule_label = QLabel(
            self.tr("Other limits on a weekly schedule (the first matching row holds):"), self
        )
        self.schedule = QTableWidget(0, len(COLUMNS), self)
        self.schedule.setObjectName("limitsSchedule")
        self.schedule.setAccessibleName(self.tr("Bandwidth schedule"))
        self.schedule.setHorizontalHeaderLabels([translate("", c) for c in COLUMNS])
        self.schedule.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.schedule.verticalHeader().hide()
        self.schedule.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_rule_button = QPushButton(self.tr("Add Rule"), self)
        self.add_rule_button.setObjectName("addScheduleRuleButton")
        self.add_rule_button.setAccessibleName(self.tr("Add schedule rule"))
        self.add_rule_button.clicked.connect(lambda: self.add_rule())
        self.remove_rule_button = QPushButton(self.tr("Remove Rule"), self)
        self.remove_rule_button.setObjectName("removeScheduleRuleButton")
        self.remove_rule_button.setAccessibleName(self.tr("Remove schedule rule"))
        self.remove_rule_button.clicked.connect(self.remove_rule)
        rule_buttons = QHBoxLayout()
        rule_buttons.addWidget(self.add_rule_button)
        rule_buttons.addWidget(self.remove_rule_button)
        rule_buttons.addStretch(1)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("limitsError")
        self.error_label.setAccessibleName(self.tr("Limits error"))
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Close,
            self,
        )
        buttons.setObjectName("limitsButtons")
        for which, name in (
            (QDialogButtonBox.StandardButton.Ok, "limitsOkButton"),
            (QDialogButtonBox.StandardButton.Apply, "limitsApplyButton"),
            (QDialogButtonBox.StandardButton.Close, "limitsCloseButton"),
        ):
            button = buttons.button(which)
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.button(QDialogButtonBox.StandardButton.Ok).clicked.connect(self._ok)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(schedule_label)
        layout.addWidget(self.schedule, 1)
        layout.addLayout(rule_buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, 380)

    # -- showing -----------------------------------------------------------------------------

    def show_limits(self, limits: TransferLimits) -> None:
        self.jobs.setValue(limits.max_running_jobs)
        self.connections.setValue(limits.connections_per_job)
        show_rate(self.upload, limits.upload_rate)
        show_rate(self.download, limits.download_rate)
        self.schedule.setRowCount(0)
        for rule in limits.schedule.rules:
            self.add_rule(rule)
        self.error_label.hide()

    def add_rule(self, rule: ScheduleRule | None = None) -> int:
        """A schedule row (weekdays 08:00-18:00 with no limit, unless `rule` says)."""
        rule = rule or ScheduleRule(WEEKDAYS, time(8, 0), time(18, 0))
        row = self.schedule.rowCount()
        self.schedule.insertRow(row)
        days = QComboBox(self.schedule)
        days.setAccessibleName(self.tr("Days of rule {0}").format(row + 1))
        for text, chosen in DAY_CHOICES:
            days.addItem(translate("", text), chosen)
        found = next((i for i, (_t, c) in enumerate(DAY_CHOICES) if c == rule.days), -1)
        if found < 0:
            days.addItem(days_text(rule.days), rule.days)
            found = days.count() - 1
        days.setCurrentIndex(found)
        self.schedule.setCellWidget(row, DAYS, days)
        for column, moment, what in (
            (START, rule.start, self.tr("From")),
            (END, rule.end, self.tr("To")),
        ):
            edit = QTimeEdit(QTime(moment.hour, moment.minute), self.schedule)
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(self.tr("{0} time of rule {1}").format(what, row + 1))
            self.schedule.setCellWidget(row, column, edit)
        for column, rate, what in (
            (UPLOAD, rule.upload, self.tr("Upload")),
            (DOWNLOAD, rule.download, self.tr("Download")),
        ):
            box = rate_box(
                self.schedule, "", self.tr("{0} limit of rule {1}").format(what, row + 1)
            )
            show_rate(box, rate)
            self.schedule.setCellWidget(row, column, box)
        return row

    def remove_rule(self) -> None:
        rows = {index.row() for index in self.schedule.selectedIndexes()}
        if not rows and self.schedule.rowCount():
            rows = {self.schedule.currentRow() if self.schedule.currentRow() >= 0 else 0}
        for row in sorted(rows, reverse=True):
            self.schedule.removeRow(row)

    def rule_widgets(self, row: int) -> RuleWidgets:
        cell = self.schedule.cellWidget
        return RuleWidgets(
            cell(row, DAYS),  # type: ignore[arg-type]
            cell(row, START),  # type: ignore[arg-type]
            cell(row, END),  # type: ignore[arg-type]
            cell(row, UPLOAD),  # type: ignore[arg-type]
            cell(row, DOWNLOAD),  # type: ignore[arg-type]
        )

    # -- choosing ----------------------------------------------------------------------------

    def limits(self) -> TransferLimits:
        """What the dialog shows; ValueError when it makes no limits."""
        rules = []
        for row in range(self.schedule.rowCount()):
            days, start, end, upload, download = self.rule_widgets(row)
            rules.append(
                ScheduleRule(
                    frozenset(days.currentData()),
                    start.time().toPython(),
                    end.time().toPython(),
                    rate_of(upload),
                    rate_of(download),
                )
            )
        return TransferLimits(
            self.jobs.value(),
            self.connections.value(),
            rate_of(self.upload),
            rate_of(self.download),
            BandwidthSchedule(tuple(rules)),
        )

    def apply(self) -> bool:
        try:
            limits = self.limits()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.limitsChosen.emit(limits)
        return True

    def _ok(self) -> None:
        if self.apply():
            self.accept()
