"""The list of edits: those open in this window (Close), or those a crash left (Reopen,
Discard)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.edit.record import OpenEdit


def _line(edit: OpenEdit) -> str:
    since = datetime.fromtimestamp(edit.opened_at).strftime("%Y-%m-%d %H:%M")
    return f"{edit.url}  (since {since})"


class OpenEditsDialog(QDialog):
    reopenRequested = Signal(str)  # edit id
    closeRequested = Signal(str)  # edit id: close the edit, deleting its private copy

    def __init__(
        self, edits: list[OpenEdit], left_behind: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.left_behind = left_behind
        name = "leftEditsDialog" if left_behind else "openEditsDialog"
        title = self.tr("Edits Left Open") if left_behind else self.tr("Open Edits")
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = (
            self.tr(
                "These edits were left open when Eider last stopped. Their copies are kept: "
                "reopen one to keep editing and upload it, or discard it."
            )
            if left_behind
            else self.tr("Objects being edited. Closing an edit deletes its private copy.")
        )
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit_list = QListWidget(self)
        self.edit_list.setObjectName("editList")
        self.edit_list.setAccessibleName(title)
        layout.addWidget(self.edit_list)
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.reopen_button: QPushButton | None = None
        if left_behind:
            self.reopen_button = buttons.addButton(self.tr("&Reopen"), role.ActionRole)
            self.reopen_button.setObjectName("reopenEditButton")
            self.reopen_button.setAccessibleName(self.tr("Reopen"))
            self.reopen_button.setToolTip(self.tr("Open the kept copy again and upload its saves"))
            self.reopen_button.clicked.connect(lambda: self._emit(self.reopenRequested))
        self.close_button = buttons.addButton(
            self.tr("&Discard") if left_behind else self.tr("&Close Edit"), role.ActionRole
        )
        self.close_button.setObjectName("closeEditButton")
        self.close_button.setAccessibleName(self.close_button.text().replace("&", ""))
        self.close_button.setToolTip(
            self.tr("Delete the private copy; unsaved changes in it are lost")
        )
        self.close_button.clicked.connect(lambda: self._emit(self.closeRequested))
        done = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        done.setObjectName("doneButton")
        done.setAccessibleName(self.tr("Close this list"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_edits(edits)

    def set_edits(self, edits: list[OpenEdit]) -> None:
        self.edit_list.clear()
        for edit in edits:
            item = QListWidgetItem(_line(edit))
            item.setData(Qt.ItemDataRole.UserRole, edit.id)
            item.setToolTip(edit.local_path)
            self.edit_list.addItem(item)
        if edits:
            self.edit_list.setCurrentRow(0)

    def remove(self, edit_id: str) -> None:
        for row in range(self.edit_list.count()):
            if self.edit_list.item(row).data(Qt.ItemDataRole.UserRole) == edit_id:
                self.edit_list.takeItem(row)
                return

    def _emit(self, signal: Signal) -> None:  # type: ignore[type-arg]
        item = self.edit_list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))  # type: ignore[attr-defined]
