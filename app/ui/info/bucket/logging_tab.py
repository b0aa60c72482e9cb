"""Server access logging: off, or on into a target bucket under a prefix."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from app.core.s3.bucket_logging import LoggingTarget, put_logging, read_logging
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import InputProblem, SectionTab, message_label, named
from app.ui.translation import N_


class LoggingTab(SectionTab[LoggingTarget, LoggingTarget | None]):
    title = N_("Access logging")
    operation = "PutBucketLogging"
    feature = Feature.LOGGING

    def build(self, editor: QWidget) -> None:
        form = QFormLayout(editor)
        self.enabled_box = named(
            QCheckBox(self.tr("&Log every request to this bucket"), editor),
            "loggingEnabled",
            self.tr("Server access logging on"),
        )
        form.addRow(self.enabled_box)
        self.target_edit = named(
            QLineEdit(editor), "loggingTarget", self.tr("Bucket receiving the logs")
        )
        form.addRow(self.tr("&Target bucket:"), self.target_edit)
        self.prefix_edit = named(
            QLineEdit(editor), "loggingPrefix", self.tr("Prefix of the log objects")
        )
        self.prefix_edit.setPlaceholderText(self.tr("e.g. logs/"))
        form.addRow(self.tr("&Prefix:"), self.prefix_edit)
        note = message_label(editor, "loggingNote", self.tr("About access logging"))
        note.setText(
            self.tr(
                "The target bucket must be in the same region and let the logging service write "
                "to it. Logs arrive some hours after the requests."
            )
        )
        form.addRow(note)
        self.enabled_box.toggled.connect(self._follow_enabled)
        self._follow_enabled(False)

    def _follow_enabled(self, on: bool) -> None:
        self.target_edit.setEnabled(on)
        self.prefix_edit.setEnabled(on)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[LoggingTarget]:
        return read_logging(session, bucket, unsupported)

    def show_value(self, value: LoggingTarget | None) -> None:
        self.enabled_box.setChecked(value is not None)
        self.target_edit.setText(value.bucket if value else "")
        self.prefix_edit.setText(value.prefix if value else "")
        self._follow_enabled(value is not None)

    def collect(self) -> LoggingTarget | None:
        if not self.enabled_box.isChecked():
            return None
        target = self.target_edit.text().strip()
        if not target:
            raise InputProblem(
                self.tr("Name the bucket that receives the logs, or switch logging off.")
            )
        return LoggingTarget(target, self.prefix_edit.text())

    def write(self, session: S3Session, bucket: str, payload: LoggingTarget | None) -> None:
        put_logging(session, bucket, payload)
