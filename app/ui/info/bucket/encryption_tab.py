"""Default encryption: none, SSE-S3, or SSE-KMS with a key (the AWS-managed one when empty)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from app.core.s3.bucket_encryption import (
    SSE_KMS,
    SSE_KMS_DSSE,
    SSE_S3,
    DefaultEncryption,
    put_default_encryption,
    read_default_encryption,
)
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import SectionTab, message_label, named
from app.ui.info.kms_key_picker import KmsKeyPicker
from app.ui.translation import N_, translate

_CHOICES = (
    (N_("None (the server's own default)"), None),
    (N_("SSE-S3 (AES-256, keys managed by S3)"), SSE_S3),
    (N_("SSE-KMS (a key in KMS)"), SSE_KMS),
    (N_("DSSE-KMS (two layers, a key in KMS)"), SSE_KMS_DSSE),
)


class EncryptionTab(SectionTab[DefaultEncryption, DefaultEncryption | None]):
    title = N_("Default encryption")
    operation = "PutBucketEncryption"
    feature = Feature.ENCRYPTION

    def build(self, editor: QWidget) -> None:
        form = QFormLayout(editor)
        self.kind_box = named(QComboBox(editor), "encryptionKind", self.tr("Default encryption"))
        for text, algorithm in _CHOICES:
            self.kind_box.addItem(translate("", text), algorithm)
        form.addRow(self.tr("&Encrypt new objects with:"), self.kind_box)
        self.key_edit = KmsKeyPicker("encryptionKmsKey", self.tr("KMS key ID or ARN"), editor)
        self._keys_listed = False
        self.key_edit.setPlaceholderText(self.tr("empty: the account's AWS-managed key (aws/s3)"))
        form.addRow(self.tr("&KMS key:"), self.key_edit)
        self.bucket_key_box = named(
            QCheckBox(self.tr("Use an S3 &Bucket Key (fewer KMS requests)"), editor),
            "encryptionBucketKey",
            self.tr("Use an S3 Bucket Key"),
        )
        form.addRow("", self.bucket_key_box)
        note = message_label(editor, "encryptionNote", self.tr("About default encryption"))
        note.setText(
            self.tr(
                "Applies to objects uploaded from now on without encryption of their own; objects "
                "already stored keep theirs."
            )
        )
        form.addRow(note)
        self.kind_box.currentIndexChanged.connect(self._follow_kind)
        self._follow_kind()

    def load(self) -> None:
        super().load()
        if not self._keys_listed and Feature.ENCRYPTION not in self._unsupported:
            self._keys_listed = True
            self.key_edit.list_keys(self._bridge, self._session, self.bucket)

    def _follow_kind(self) -> None:
        kms = self.kind_box.currentData() in (SSE_KMS, SSE_KMS_DSSE)
        self.key_edit.setEnabled(kms)
        self.bucket_key_box.setEnabled(kms)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[DefaultEncryption]:
        return read_default_encryption(session, bucket, unsupported)

    def show_value(self, value: DefaultEncryption | None) -> None:
        index = self.kind_box.findData(value.algorithm if value else None)
        if index < 0:  # an algorithm Eider does not offer: show it rather than hide it
            self.kind_box.addItem(
                value.algorithm if value else "", value.algorithm if value else None
            )
            index = self.kind_box.count() - 1
        self.kind_box.setCurrentIndex(index)
        self.key_edit.setText((value.kms_key_id or "") if value else "")
        self.bucket_key_box.setChecked(bool(value and value.bucket_key_enabled))
        self._follow_kind()

    def collect(self) -> DefaultEncryption | None:
        algorithm = self.kind_box.currentData()
        if algorithm is None:
            return None
        kms = algorithm in (SSE_KMS, SSE_KMS_DSSE)
        return DefaultEncryption(
            algorithm,
            self.key_edit.value() if kms else None,
            self.bucket_key_box.isChecked() if kms else None,
        )

    def write(self, session: S3Session, bucket: str, payload: DefaultEncryption | None) -> None:
        put_default_encryption(session, bucket, payload)
