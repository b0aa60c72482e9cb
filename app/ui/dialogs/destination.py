"""Copy To…, Move To… and Upload To…: choose a connection (this window's, or a bookmark) and a
folder (`s3://bucket/folder/`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.ui.location import Location, LocationError


class DestinationDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        title: str,
        connections: list[tuple[str, str | None]],
        start: Location,
    ) -> None:
        """`connections`: (label, bookmark id) to choose from; None is this window's own."""
        super().__init__(parent)
        self.setObjectName("destinationDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.connection_box = QComboBox(self)
        self.connection_box.setObjectName("destinationConnection")
        self.connection_box.setAccessibleName(self.tr("Connection"))
        for label, bookmark_id in connections:
            self.connection_box.addItem(label, bookmark_id)
        self.folder_edit = QLineEdit(start.url if not start.is_root else "s3://", self)
        self.folder_edit.setObjectName("destinationFolder")
        self.folder_edit.setAccessibleName(self.tr("Folder"))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("destinationProblem")
        self.problem_label.setAccessibleName(self.tr("What is wrong with the folder"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("destinationButtons")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("destinationOk")
        self.ok_button.setAccessibleName(self.tr("OK"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Connection:"), self.connection_box)
        form.addRow(self.tr("&Folder:"), self.folder_edit)
        form.addRow(self.problem_label)
        form.addRow(buttons)
        self.folder_edit.textChanged.connect(self._check)
        self._check()

    @property
    def bookmark_id(self) -> str | None:
        return self.connection_box.currentData()

    @property
    def folder(self) -> Location:
        return _folder(self.folder_edit.text())

    def _check(self) -> None:
        try:
            _folder(self.folder_edit.text())
            problem = ""
        except (LocationError, ValueError) as exc:
            problem = str(exc)
        self.problem_label.setText(problem)
        self.ok_button.setEnabled(not problem)


def _folder(text: str) -> Location:
    location = Location.parse(text)
    if location.is_root:
        raise ValueError("Name a bucket: s3://bucket/folder/")
    return location
