"""The question a transfer asks when its target exists: overwrite, skip, keep both, or stop.

`chosen` carries the answer: a `ConflictPolicy` (OVERWRITE, SKIP or RENAME), or None when the
user stopped the transfer (Cancel Transfer, Esc or closing the dialog).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.transfers.jobs import Conflict, JobKind
from app.core.transfers.options import ConflictPolicy
from app.ui.format import human_size
from app.ui.translation import translate


def conflict_text(conflict: Conflict) -> str:
    if conflict.kind is JobKind.DOWNLOAD:
        name = Path(conflict.local_path).name
        where = translate("TransferConflict", "in {0}").format(Path(conflict.local_path).parent)
        source = f"s3://{conflict.bucket}/{conflict.key}"
    else:
        name = conflict.key.rsplit("/", 1)[-1]
        folder = conflict.key[: len(conflict.key) - len(name)]
        where = translate("TransferConflict", "in s3://{0}/{1}").format(conflict.bucket, folder)
        source = conflict.local_path
    return translate(
        "TransferConflict", "'{0}' already exists {1}.\nExisting: {2}; new: {3} from {4}."
    ).format(name, where, human_size(conflict.existing_size), human_size(conflict.new_size), source)


class TransferConflictDialog(QDialog):
    answered = Signal(object, bool)  # ConflictPolicy or None (stop), apply to all

    def __init__(self, parent: QWidget | None, conflict: Conflict) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.chosen: ConflictPolicy | None = None
        self.setObjectName("transferConflictDialog")
        self.setAccessibleName(self.tr("The target exists already"))
        self.setWindowTitle(self.tr("File Exists"))
        layout = QVBoxLayout(self)
        self.message_label = QLabel(conflict_text(conflict), self)
        self.message_label.setObjectName("conflictMessage")
        self.message_label.setAccessibleName(self.tr("What exists already"))
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.apply_to_all_box = QCheckBox(self.tr("&Apply to all conflicts of this transfer"), self)
        self.apply_to_all_box.setObjectName("conflictApplyToAll")
        self.apply_to_all_box.setAccessibleName(self.tr("Apply to all conflicts of this transfer"))
        layout.addWidget(self.apply_to_all_box)
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("conflictButtons")
        numbered = self.tr("a numbered name, like 'name (1).ext'")
        self.overwrite_button = self._button(
            self.tr("&Overwrite"), "conflictOverwriteButton", self.tr("Replace the existing one")
        )
        self.skip_button = self._button(
            self.tr("&Skip"), "conflictSkipButton", self.tr("Leave the existing one")
        )
        self.rename_button = self._button(
            self.tr("&Keep Both"),
            "conflictRenameButton",
            self.tr("Transfer under {0}").format(numbered),
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("&Cancel Transfer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("conflictCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the transfer"))
        self.overwrite_button.clicked.connect(lambda: self._choose(ConflictPolicy.OVERWRITE))
        self.skip_button.clicked.connect(lambda: self._choose(ConflictPolicy.SKIP))
        self.rename_button.clicked.connect(lambda: self._choose(ConflictPolicy.RENAME))
        self.buttons.rejected.connect(self.reject)
        self.skip_button.setDefault(True)  # Enter never destroys data
        layout.addWidget(self.buttons)
        self.finished.connect(self._finished)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        return button

    def _choose(self, policy: ConflictPolicy) -> None:
        self.chosen = policy
        self.accept()

    def _finished(self, result: int) -> None:
        chosen = self.chosen if result == QDialog.DialogCode.Accepted else None
        self.answered.emit(chosen, self.apply_to_all_box.isChecked())
