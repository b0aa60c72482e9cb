"""The strip an Info window shows while a change runs on many objects: progress, Cancel, and
the objects that could not be changed, each with the reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ManyProgress(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("infoManyProgress")
        self.setAccessibleName(self.tr("Progress of the change"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.label = QLabel(self)
        self.label.setObjectName("infoManyLabel")
        self.label.setAccessibleName(self.tr("What is being changed"))
        self.bar = QProgressBar(self)
        self.bar.setObjectName("infoManyBar")
        self.bar.setAccessibleName(self.tr("Objects changed"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("infoManyCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the change"))
        row.addWidget(self.label, 1)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.failures = QListWidget(self)
        self.failures.setObjectName("infoManyFailures")
        self.failures.setAccessibleName(self.tr("Objects that could not be changed"))
        self.failures.setMaximumHeight(120)
        self.failures.hide()
        layout.addWidget(self.failures)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.hide()

    def start(self, title: str, total: int) -> None:
        self.failures.clear()
        self.failures.hide()
        what = self.tr("1 object") if total == 1 else f"{total:,} objects"
        self.label.setText(self.tr("Changing the {0} of {1}…").format(title, what))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()

    def advance(self, done: int) -> None:
        self.bar.setValue(done)

    def fail(self, key: str, reason: str) -> None:
        self.failures.addItem(f"{key}: {reason}")
        self.failures.show()

    def finish(self, text: str) -> None:
        self.label.setText(text)
        self.cancel_button.setEnabled(False)
