"""A one-line name dialog validated live: New Folder… and Rename share it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

Validator = Callable[[str], str | None]


class NamePrompt(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        object_name: str,
        title: str,
        label: str,
        validate: Validator,
        initial: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self._validate = validate
        layout = QVBoxLayout(self)
        caption = QLabel(label, self)
        layout.addWidget(caption)
        self.name_edit = QLineEdit(initial, self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setAccessibleName(label)
        caption.setBuddy(self.name_edit)
        layout.addWidget(self.name_edit)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("nameProblem")
        self.problem_label.setAccessibleName(self.tr("Problem with the name"))
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("nameButtons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("okButton")
        ok.setAccessibleName(self.tr("OK"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self.name_edit.selectAll()
        self._check(initial)

    @property
    def name(self) -> str:
        return self.name_edit.text()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _check(self, text: str) -> None:
        problem = self._validate(text)
        self.problem_label.setText(problem or "")
        self.ok_button.setEnabled(problem is None)
