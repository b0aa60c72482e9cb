"""Versioning: enable or suspend; MFA delete shown with why it cannot be changed here."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QLabel, QRadioButton, QWidget

from app.core.s3.bucket_settings import Versioning, read_versioning, set_versioning
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import InputProblem, SectionTab, message_label, named
from app.ui.translation import N_, translate

MFA_EXPLANATION = N_(
    "MFA delete can only be switched on or off by the bucket owner's root account, signing "
    "the request with its MFA device (for example with the AWS CLI's --mfa option); Eider "
    "leaves it as it is."
)


class VersioningTab(SectionTab[Versioning, bool]):
    title = N_("Versioning")
    operation = "PutBucketVersioning"
    feature = Feature.VERSIONING

    def build(self, editor: QWidget) -> None:
        form = QFormLayout(editor)
        self.state_label = named(QLabel(editor), "versioningState", self.tr("Versioning now"))
        form.addRow(self.tr("Now:"), self.state_label)
        self.enabled_radio = named(
            QRadioButton(self.tr("&Enabled: keep every version of every object"), editor),
            "versioningEnabled",
            self.tr("Versioning enabled"),
        )
        self.suspended_radio = named(
            QRadioButton(self.tr("&Suspended: new writes replace the current version"), editor),
            "versioningSuspended",
            self.tr("Versioning suspended"),
        )
        group = QButtonGroup(editor)
        group.addButton(self.enabled_radio)
        group.addButton(self.suspended_radio)
        form.addRow(self.tr("Versioning:"), self.enabled_radio)
        form.addRow("", self.suspended_radio)
        note = message_label(editor, "versioningNote", self.tr("About suspending versioning"))
        note.setText(
            self.tr(
                "A bucket that was versioned once can be suspended but never made unversioned "
                "again; versions already stored stay."
            )
        )
        form.addRow(note)
        self.mfa_label = named(QLabel(editor), "versioningMfaDelete", self.tr("MFA delete status"))
        form.addRow(self.tr("MFA delete:"), self.mfa_label)
        mfa_note = message_label(editor, "versioningMfaNote", self.tr("About MFA delete"))
        mfa_note.setText(translate("", MFA_EXPLANATION))
        form.addRow(mfa_note)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[Versioning]:
        return read_versioning(session, bucket, unsupported)

    def show_value(self, value: Versioning | None) -> None:
        status = value.status if value else None
        self.state_label.setText(status or self.tr("Never enabled (unversioned)"))
        self.enabled_radio.setChecked(status == "Enabled")
        self.suspended_radio.setChecked(status == "Suspended")
        mfa = value.mfa_delete if value else None
        self.mfa_label.setText(mfa or self.tr("Disabled (not reported by the server)"))

    def collect(self) -> bool:
        if not (self.enabled_radio.isChecked() or self.suspended_radio.isChecked()):
            raise InputProblem(self.tr("Choose Enabled or Suspended first."))
        return self.enabled_radio.isChecked()

    def write(self, session: S3Session, bucket: str, payload: bool) -> None:
        set_versioning(session, bucket, payload)
