"""Asking for a bookmark's secret key when there is no system keyring to take it from.

The user chooses where it goes: this session only (the default: kept in memory, gone when
Eider quits) or Eider's encrypted vault. Opened with `open()`; the caller waits on `finished`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class SecretPromptDialog(QDialog):
    def __init__(self, nickname: str, access_key_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretPrompt")
        self.setAccessibleName(self.tr("Secret key for this connection"))
        self.setWindowTitle(self.tr("Secret key for {0}").format(nickname))
        message = QLabel(
            self.tr(
                "There is no system keyring to take the secret key of '{0}' from "
                "(access key ID {1}). Type it to connect."
            ).format(nickname, access_key_id),
            self,
        )
        message.setObjectName("secretPromptMessage")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("secretPromptSecret")
        self.secret_edit.setAccessibleName(self.tr("Secret access key"))
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_only = QRadioButton(
            self.tr("Use it for this session only (forgotten when Eider quits)"), self
        )
        self.session_only.setObjectName("secretPromptSessionOnly")
        self.session_only.setAccessibleName(self.tr("Use the secret for this session only"))
        self.session_only.setChecked(True)
        self.keep_in_vault = QRadioButton(
            self.tr("Keep it in Eider's encrypted vault (asks for the vault's master password)"),
            self,
        )
        self.keep_in_vault.setObjectName("secretPromptKeepInVault")
        self.keep_in_vault.setAccessibleName(self.tr("Keep the secret in Eider's vault"))
        group = QButtonGroup(self)
        group.addButton(self.session_only)
        group.addButton(self.keep_in_vault)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("secretPromptError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("secretPromptButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("secretPromptOk")
        self.ok_button.setAccessibleName(self.tr("Connect"))
        self.ok_button.setText(self.tr("Connect"))
        self.ok_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("secretPromptCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.secret_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        for widget in (message, self.secret_edit, self.session_only, self.keep_in_vault):
            layout.addWidget(widget)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def secret(self) -> str:
        return self.secret_edit.text()

    @property
    def keep(self) -> bool:
        return self.keep_in_vault.isChecked()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
