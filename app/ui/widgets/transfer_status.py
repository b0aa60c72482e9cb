"""The status bar's transfer and operation line: what runs, how far along, and Cancel.

Each running task has an id, a title, a fraction (or None while unknown) and a cancel
function. The line shows the newest running task and how many others run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


@dataclass
class _Task:
    title: str
    done: int
    total: int | None
    cancel: Callable[[], None] | None


class TransferStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferStatus")
        self.setAccessibleName(self.tr("Transfers and operations"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("transferStatusLabel")
        self.label.setAccessibleName(self.tr("Running transfer"))
        self.bar = QProgressBar(self)
        self.bar.setObjectName("transferProgress")
        self.bar.setAccessibleName(self.tr("Transfer progress"))
        self.bar.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("transferCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the transfer"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._tasks: dict[str, _Task] = {}
        self.last_message = ""
        self.cancel_button.clicked.connect(self.cancel_current)
        self._show()

    def start(self, task_id: str, title: str, cancel: Callable[[], None] | None) -> None:
        self._tasks[task_id] = _Task(title, 0, None, cancel)
        self._show()

    def set_progress(self, task_id: str, done: int, total: int | None) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.done, task.total = done, total
            self._show()

    def finish(self, task_id: str, message: str) -> None:
        self._tasks.pop(task_id, None)
        self.last_message = message
        self._show()

    def running(self) -> list[str]:
        return list(self._tasks)

    def current(self) -> str | None:
        return next(reversed(self._tasks), None)

    def cancel_current(self) -> None:
        current = self.current()
        if current is not None:
            cancel = self._tasks[current].cancel
            if cancel is not None:
                self.cancel_button.setEnabled(False)
                cancel()

    def _show(self) -> None:
        current = self.current()
        if current is None:
            self.label.setText(self.last_message)
            self.bar.hide()
            self.cancel_button.hide()
            return
        task = self._tasks[current]
        others = len(self._tasks) - 1
        self.label.setText(task.title + (self.tr(" (+{0} more)").format(others) if others else ""))
        if task.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(task.done, task.total) / task.total))
        else:
            self.bar.setRange(0, 0)  # busy, amount unknown
        self.bar.show()
        self.cancel_button.setVisible(task.cancel is not None)
        self.cancel_button.setEnabled(True)
