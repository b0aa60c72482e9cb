"""The question when an edited object changed on the server: overwrite, save as, discard."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.edit.conflict import ConflictAnswer, ConflictChoice, ServerChanged


class EditConflictDialog(QDialog):
    def __init__(self, question: ServerChanged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editConflictDialog")
        self.setAccessibleName(self.tr("Object changed on the server"))
        self.setWindowTitle(self.tr("Object changed on the server"))
        self.question = question
        # Closing the dialog without a choice keeps both versions: nothing is lost.
        self.answer = ConflictAnswer(ConflictChoice.SAVE_AS, question.suggested_key)
        layout = QVBoxLayout(self)
        message = QLabel(
            self.tr("{0}\nWhat should happen to your save?").format(question.describe()), self
        )
        message.setObjectName("editConflictMessage")
        message.setWordWrap(True)
        layout.addWidget(message)
        caption = QLabel(self.tr("New name for “Save As New Name”:"), self)
        layout.addWidget(caption)
        self.name_edit = QLineEdit(question.suggested_key, self)
        self.name_edit.setObjectName("editConflictNewName")
        self.name_edit.setAccessibleName(self.tr("New name"))
        caption.setBuddy(self.name_edit)
        layout.addWidget(self.name_edit)
        buttons = QDialogButtonBox(self)
        buttons.setObjectName("editConflictButtons")
        role = QDialogButtonBox.ButtonRole
        self.buttons: dict[ConflictChoice, QPushButton] = {}
        for choice, text, name, tip in (
            (
                ConflictChoice.OVERWRITE,
                self.tr("&Overwrite"),
                "overwriteButton",
                self.tr("Upload your save over the server's change"),
            ),
            (
                ConflictChoice.SAVE_AS,
                self.tr("&Save As New Name"),
                "saveAsButton",
                self.tr("Upload your save under the new name; the server's object stays"),
            ),
            (
                ConflictChoice.DISCARD,
                self.tr("&Discard My Save"),
                "discardButton",
                self.tr("Drop your save; your copy takes the server's content"),
            ),
        ):
            button = buttons.addButton(text, role.ActionRole)
            button.setObjectName(name)
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, ch=choice: self._choose(ch))
            self.buttons[choice] = button
        layout.addWidget(buttons)

    def _choose(self, choice: ConflictChoice) -> None:
        new_key = self.name_edit.text().strip() or self.question.suggested_key
        self.answer = ConflictAnswer(choice, new_key if choice is ConflictChoice.SAVE_AS else None)
        self.accept()
