"""Object Lock: the default retention (mode and period) of a bucket created with it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QWidget

from app.core.s3.info_section import Feature, Section
from app.core.s3.object_lock import (
    LOCK_MODES,
    ObjectLockConfiguration,
    put_lock_configuration,
    read_lock_configuration,
)
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import InputProblem, SectionTab, message_label, named
from app.ui.translation import N_, translate

_NOT_ENABLED = N_(
    "Object Lock is not enabled on this bucket, so there is no retention to set. It is "
    "switched on when a bucket is created (AWS also allows it later on a versioned bucket), "
    "and can never be switched off again; Eider does not switch it on from here."
)
_MODE_WORDS = {
    "GOVERNANCE": N_("Governance: users with a special permission may still delete or shorten it"),
    "COMPLIANCE": N_("Compliance: nobody, not even the root account, can delete before it ends"),
}


class ObjectLockTab(SectionTab[ObjectLockConfiguration, tuple[str | None, int | None, int | None]]):
    title = N_("Object Lock")
    operation = "PutObjectLockConfiguration"
    feature = Feature.OBJECT_LOCK

    def build(self, editor: QWidget) -> None:
        form = self._form = QFormLayout(editor)
        self.state_label = message_label(editor, "objectLockState", self.tr("Object Lock state"))
        form.addRow(self.state_label)
        self.mode_box = named(
            QComboBox(editor), "objectLockMode", self.tr("Default retention mode")
        )
        self.mode_box.addItem(self.tr("No default retention"), None)
        for mode in LOCK_MODES:
            self.mode_box.addItem(translate("", _MODE_WORDS[mode]), mode)
        form.addRow(self.tr("Default &retention:"), self.mode_box)
        self.period_spin = named(QSpinBox(editor), "objectLockPeriod", self.tr("Retention period"))
        self.period_spin.setRange(1, 36500)
        self.unit_box = named(QComboBox(editor), "objectLockUnit", self.tr("Retention period unit"))
        self.unit_box.addItems(["days", "years"])
        form.addRow(self.tr("&Period:"), self.period_spin)
        form.addRow(self.tr("&Unit:"), self.unit_box)
        self.mode_box.currentIndexChanged.connect(self._follow_mode)

    def _follow_mode(self) -> None:
        has_mode = self.mode_box.currentData() is not None
        self.period_spin.setEnabled(has_mode)
        self.unit_box.setEnabled(has_mode)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[ObjectLockConfiguration]:
        return read_lock_configuration(session, bucket, unsupported)

    def show_value(self, value: ObjectLockConfiguration | None) -> None:
        enabled = bool(value and value.enabled)
        self.state_label.setText(
            self.tr("Object Lock is enabled on this bucket.")
            if enabled
            else translate("", _NOT_ENABLED)
        )
        for widget in (self.mode_box, self.period_spin, self.unit_box):
            self._form.setRowVisible(widget, enabled)
        self.save_button.setVisible(enabled)
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(value.mode if value else None)))
        if value and value.years:
            self.unit_box.setCurrentText("years")
            self.period_spin.setValue(value.years)
        else:
            self.unit_box.setCurrentText("days")
            self.period_spin.setValue(value.days if value and value.days else 1)
        self._follow_mode()

    @property
    def lock_enabled(self) -> bool:
        return bool(self.section and self.section.value and self.section.value.enabled)

    def collect(self) -> tuple[str | None, int | None, int | None]:
        if not self.lock_enabled:
            raise InputProblem(translate("", _NOT_ENABLED))
        mode = self.mode_box.currentData()
        if mode is None:
            return None, None, None
        period = self.period_spin.value()
        years = self.unit_box.currentText() == "years"
        return mode, None if years else period, period if years else None

    def write(
        self, session: S3Session, bucket: str, payload: tuple[str | None, int | None, int | None]
    ) -> None:
        mode, days, years = payload
        put_lock_configuration(session, bucket, mode, days, years)
