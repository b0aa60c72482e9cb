"""A bookmark's default encryption for uploads: the choice (from the open list in
`app.core.bookmarks.upload_encryption`), a KMS key id where the choice takes one, and a
button to the key ring editor where it uses the bookmark's key ring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.core.bookmarks import upload_encryption
from app.core.bookmarks.upload_encryption import EncryptionChoice


class UploadEncryptionBox(QWidget):
    key_ring_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarkEncryptionBox")
        self.setAccessibleName("Default encryption for uploads")
        self.choice_combo = QComboBox(self)
        self.choice_combo.setObjectName("bookmarkEncryption")
        self.choice_combo.setAccessibleName("Default encryption for uploads")
        for row, choice in enumerate(upload_encryption.choices()):
            self.choice_combo.addItem(choice.label, choice.id)
            self.choice_combo.setItemData(row, choice.tooltip, Qt.ItemDataRole.ToolTipRole)
        self.kms_key_edit = QLineEdit(self)
        self.kms_key_edit.setObjectName("bookmarkKmsKeyId")
        self.kms_key_edit.setAccessibleName("KMS key id or ARN")
        self.kms_key_edit.setPlaceholderText("KMS key id or ARN (empty: the account's default)")
        self.key_ring_button = QPushButton("&Key ring…", self)
        self.key_ring_button.setObjectName("bookmarkKeyRingButton")
        self.key_ring_button.setAccessibleName("Edit the SSE-C key ring")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice_combo)
        layout.addWidget(self.kms_key_edit)
        layout.addWidget(self.key_ring_button)
        self.choice_combo.currentIndexChanged.connect(lambda _row: self._update())
        self.key_ring_button.clicked.connect(self.key_ring_requested)
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

    def _update(self) -> None:
        choice = self.choice
        self.choice_combo.setToolTip(choice.tooltip)
        self.kms_key_edit.setVisible(choice.needs_kms_key)
        self.key_ring_button.setVisible(choice.needs_key_ring)
