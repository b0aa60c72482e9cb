"""The master password of Eider's vault: asked once per session to unlock it, twice to create
it, and the current one plus a new one twice to change it. Opened with `open()`; the caller
checks the password off the GUI thread (scrypt) and opens the dialog again with the error
when it is wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.secrets.vault import MIN_PASSWORD_LENGTH
from app.ui.translation import translate


class VaultPasswordDialog(QDialog):
    def __init__(self, create: bool, parent: QWidget | None = None, error: str = "") -> None:
        super().__init__(parent)
        self.create = create
        self.setObjectName("vaultPassword")
        self.setAccessibleName(self.tr("Master password of Eider's vault"))
        self.setWindowTitle(
            self.tr("Create Eider's vault") if create else self.tr("Unlock Eider's vault")
        )
        text = (
            self.tr(
                "Choose a master password for Eider's vault. It encrypts the secrets you keep "
                "there; Eider cannot recover it. At least {0} characters."
            ).format(MIN_PASSWORD_LENGTH)
            if create
            else self.tr(
                "Eider's vault is locked. Type its master password (asked once per session)."
            )
        )
        message = QLabel(text, self)
        message.setObjectName("vaultPasswordMessage")
        message.setWordWrap(True)
        self.password_edit = _password_field(self, "vaultPasswordField", self.tr("Master password"))
        self.repeat_edit = _password_field(
            self, "vaultPasswordRepeat", self.tr("Master password again")
        )
        form = QFormLayout()
        form.addRow(self.tr("Master password:"), self.password_edit)
        if create:
            form.addRow(self.tr("Again:"), self.repeat_edit)
        else:
            self.repeat_edit.hide()
        self.error_label = QLabel(error, self)
        self.error_label.setObjectName("vaultPasswordError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(bool(error))
        self.buttons = _ok_cancel(self, "vaultPassword", self._try_accept)
        self.buttons.setObjectName("vaultPasswordButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(
            self.tr("Create vault") if create else self.tr("Unlock vault")
        )
        self.ok_button.setText(self.tr("Create") if create else self.tr("Unlock"))
        _stack(self, message, form, self.error_label, self.buttons)

    @property
    def password(self) -> str:
        return self.password_edit.text()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _try_accept(self) -> None:
        if self.create and self.repeat_edit.text() != self.password:
            self.show_error(self.tr("The two passwords differ. Type the same password twice."))
            return
        if not self.password:
            self.show_error(self.tr("Type the master password."))
            return
        self.accept()


class ChangeVaultPasswordDialog(QDialog):
    """The current master password and a new one, twice. The caller re-encrypts off the GUI
    thread and opens the dialog again with the error when the current one is wrong."""

    def __init__(self, parent: QWidget | None = None, error: str = "", usable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("changeVaultPassword")
        self.setAccessibleName(self.tr("Change the master password of Eider's vault"))
        self.setWindowTitle(self.tr("Change vault password"))
        message = QLabel(
            self.tr(
                "Eider re-encrypts its vault under the new master password. At least "
                "{0} characters; Eider cannot recover a forgotten one."
            ).format(MIN_PASSWORD_LENGTH),
            self,
        )
        message.setWordWrap(True)
        self.current_edit = _password_field(
            self, "changeVaultCurrent", self.tr("Current master password")
        )
        self.new_edit = _password_field(self, "changeVaultNew", self.tr("New master password"))
        self.repeat_edit = _password_field(
            self, "changeVaultRepeat", self.tr("New master password again")
        )
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.current_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Again:"), self.repeat_edit)
        self.error_label = QLabel(error, self)
        self.error_label.setObjectName("changeVaultError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(bool(error))
        self.buttons = _ok_cancel(self, "changeVault", self._try_accept)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Change password"))
        self.ok_button.setText(self.tr("Change"))
        self.ok_button.setEnabled(usable)
        _stack(self, message, form, self.error_label, self.buttons)

    @property
    def passwords(self) -> tuple[str, str]:
        return self.current_edit.text(), self.new_edit.text()

    def _try_accept(self) -> None:
        if self.repeat_edit.text() != self.new_edit.text():
            self.error_label.setText(
                self.tr("The two new passwords differ. Type the same one twice.")
            )
            self.error_label.show()
            return
        self.accept()


def _password_field(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _ok_cancel(dialog: QDialog, prefix: str, accept: Callable[[], None]) -> QDialogButtonBox:
    """OK and Cancel named `<prefix>Ok` and `<prefix>Cancel`; OK calls `accept`."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName(f"{prefix}Ok")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName(f"{prefix}Cancel")
    cancel.setAccessibleName(translate("VaultPassword", "Cancel"))
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _stack(
    dialog: QDialog, message: QLabel, form: QFormLayout, error: QLabel, buttons: QDialogButtonBox
) -> None:
    layout = QVBoxLayout(dialog)
    layout.addWidget(message)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
