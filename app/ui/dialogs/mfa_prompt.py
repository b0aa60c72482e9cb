"""The MFA code prompt, callable from any worker thread.

`GuiMfaPrompt` is the `MfaPrompt` the core calls (possibly from a worker thread, possibly hours
after the connection opened, when a role session is renewed). It hands the question to the GUI
thread through a queued signal, where an `MfaDialog` is opened with `open()` (never `exec()`),
and blocks the calling worker on a `threading.Event` until the user answers or cancels.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class MfaDialog(QDialog):
    def __init__(self, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mfaDialog")
        self.setAccessibleName(self.tr("Multi-factor authentication code"))
        self.setWindowTitle(self.tr("MFA code"))
        message = QLabel(
            self.tr("Enter the current one-time code from the MFA device\n{0}").format(serial), self
        )
        message.setObjectName("mfaMessage")
        message.setAccessibleName(self.tr("MFA device"))
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("mfaCode")
        self.code_edit.setAccessibleName(self.tr("MFA code"))
        self.code_edit.setPlaceholderText("123456")
        self.code_edit.setMaxLength(12)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("mfaButtons")
        self.buttons.setAccessibleName(self.tr("MFA dialog buttons"))
        self.buttons.accepted.connect(self.accept)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("mfaOk")
        self.ok_button.setAccessibleName(self.tr("Send code"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("mfaCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.buttons)

    @property
    def code(self) -> str:
        return self.code_edit.text().strip()


@dataclass
class _Request:
    serial: str
    answered: threading.Event = field(default_factory=threading.Event)
    code: str = ""


class GuiMfaPrompt(QObject):
    """Create it on the GUI thread; call it (as `prompt(serial) -> code`) from a worker."""

    _asked = Signal(object)  # _Request; queued to the GUI thread
    dialogOpened = Signal(object)  # MfaDialog, for the window (and tests) to find it

    def __init__(self, parent_widget: QWidget | None = None, timeout: float = 600.0) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._timeout = timeout
        self._pending: list[_Request] = []
        self._closed = False
        self.dialog: MfaDialog | None = None
        self._asked.connect(self._ask, Qt.ConnectionType.QueuedConnection)

    def __call__(self, serial: str) -> str:
        if QThread.currentThread() is self.thread():
            # Blocking here would freeze the window for good: the answer needs this thread.
            raise RuntimeError("the MFA prompt was called on the GUI thread")
        if self._closed:
            return ""
        request = _Request(serial)
        self._asked.emit(request)
        if not request.answered.wait(self._timeout):
            return ""  # treated as cancelled by the core
        return request.code

    def close(self) -> None:
        """Release every worker still waiting (as cancelled), e.g. when the window closes."""
        self._closed = True
        for request in self._pending:
            request.answered.set()
        self._pending.clear()
        if self.dialog is not None:
            self.dialog.reject()

    @Slot(object)
    def _ask(self, request: _Request) -> None:
        if self._closed:
            request.answered.set()
            return
        self._pending.append(request)
        dialog = MfaDialog(request.serial, self._parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._answered(dialog, request, result))
        self.dialog = dialog
        dialog.open()
        self.dialogOpened.emit(dialog)

    def _answered(self, dialog: MfaDialog, request: _Request, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            request.code = dialog.code
        if request in self._pending:
            self._pending.remove(request)
        if self.dialog is dialog:
            self.dialog = None
        request.answered.set()
