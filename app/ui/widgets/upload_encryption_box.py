"""A bookmark's default encryption for uploads: the choice (from the open list in
`app.core.bookmarks.upload_encryption`), a KMS key id where the choice takes one, a button to
the key ring editor where it uses the bookmark's key ring, and the local key's generate and
import buttons for client-side encryption without a KMS key (the owner of the box stores it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.bookmarks import upload_encryption
from app.core.bookmarks.upload_encryption import EncryptionChoice


class UploadEncryptionBox(QWidget):
    key_ring_requested = Signal()
    cse_generate_requested = Signal()
    cse_import_requested = Signal(str)  # the key file's path
    cse_key_shown = Signal()  # the local key's line became visible: say which key it holds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarkEncryptionBox")
        self.setAccessibleName(self.tr("Default encryption for uploads"))
        self.choice_combo = QComboBox(self)
        self.choice_combo.setObjectName("bookmarkEncryption")
        self.choice_combo.setAccessibleName(self.tr("Default encryption for uploads"))
        for row, choice in enumerate(upload_encryption.choices()):
            self.choice_combo.addItem(choice.label, choice.id)
            self.choice_combo.setItemData(row, choice.tooltip, Qt.ItemDataRole.ToolTipRole)
        self.kms_key_edit = QLineEdit(self)
        self.kms_key_edit.setObjectName("bookmarkKmsKeyId")
        self.kms_key_edit.setAccessibleName(self.tr("KMS key id or ARN"))
        self.kms_key_edit.setPlaceholderText(
            self.tr("KMS key id or ARN (empty: the account's default)")
        )
        self.key_ring_button = QPushButton(self.tr("&Key ring…"), self)
        self.key_ring_button.setObjectName("bookmarkKeyRingButton")
        self.key_ring_button.setAccessibleName(self.tr("Edit the SSE-C key ring"))
        self.cse_key_label = QLabel(self)
        self.cse_key_label.setObjectName("bookmarkCseKeyStatus")
        self.cse_key_label.setAccessibleName(self.tr("Client-side encryption key"))
        self.cse_generate_button = QPushButton(self.tr("&Generate key"), self)
        self.cse_generate_button.setObjectName("bookmarkCseGenerateKey")
        self.cse_generate_button.setAccessibleName(self.tr("Generate a client-side encryption key"))
        self.cse_import_button = QPushButton(self.tr("I&mport key…"), self)
        self.cse_import_button.setObjectName("bookmarkCseImportKey")
        self.cse_import_button.setAccessibleName(
            self.tr("Import a client-side encryption key file")
        )
        self.cse_import_button.setToolTip(
            self.tr(
                "A file holding 32 bytes, or those bytes in base64 or hex (the key is copied to "
                "the keyring)"
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice_combo)
        layout.addWidget(self.kms_key_edit)
        layout.addWidget(self.key_ring_button)
        layout.addWidget(self.cse_key_label)
        layout.addWidget(self.cse_generate_button)
        layout.addWidget(self.cse_import_button)
        self.choice_combo.currentIndexChanged.connect(lambda _row: self._update())
        self.key_ring_button.clicked.connect(self.key_ring_requested)
        self.kms_key_edit.textChanged.connect(lambda _text: self._update())
        self.cse_generate_button.clicked.connect(self.cse_generate_requested)
        self.cse_import_button.clicked.connect(self._choose_key_file)
        self._update()

    @property
    def choice(self) -> EncryptionChoice:
        return upload_encryption.choices()[max(0, self.choice_combo.currentIndex())]

    def set_value(self, value: str | None) -> None:
        """Show a bookmark's `encryption` field (one Eider does not know shows as None)."""
        try:
            choice, kms_key = upload_encryption.parse(value)
        except ValueError:
            choice, kms_key = upload_encryption.NONE, ""
        self.choice_combo.setCurrentIndex(max(0, self.choice_combo.findData(choice.id)))
        self.kms_key_edit.setText(kms_key)
        self._update()

    def value(self) -> str | None:
        return upload_encryption.compose(self.choice, self.kms_key_edit.text())

    def show_cse_key(self, fingerprint: str | None) -> None:
        missing = self.tr("No local key yet: generate or import one")
        self.cse_key_label.setText(
            self.tr("Local key {0}").format(fingerprint) if fingerprint else missing
        )

    def _choose_key_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Import Client-Side Key"))
        dialog.setObjectName("bookmarkCseKeyFileDialog")
        dialog.setAccessibleName(self.tr("Choose a client-side key file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.cse_import_requested)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _update(self) -> None:
        choice = self.choice
        self.choice_combo.setToolTip(choice.tooltip)
        self.kms_key_edit.setVisible(choice.needs_kms_key)
        self.kms_key_edit.setPlaceholderText(choice.kms_hint)
        self.key_ring_button.setVisible(choice.needs_key_ring)
        local = choice.needs_local_key and not self.kms_key_edit.text().strip()
        was_shown = not self.cse_key_label.isHidden()
        for widget in (self.cse_key_label, self.cse_generate_button, self.cse_import_button):
            widget.setVisible(local)
        if local and not was_shown:
            self.cse_key_shown.emit()
