"""New Bucket…: the name checked against every S3 naming rule as it is typed, and a region."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core.s3.bucket_names import bucket_name_problems


class NewBucketDialog(QDialog):
    def __init__(self, parent: QWidget | None, regions: Sequence[str], region: str) -> None:
        super().__init__(parent)
        self.setObjectName("newBucketDialog")
        self.setAccessibleName(self.tr("New bucket"))
        self.setWindowTitle(self.tr("New Bucket"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("bucketNameEdit")
        self.name_edit.setAccessibleName(self.tr("Bucket name"))
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.region_box = QComboBox(self)
        self.region_box.setObjectName("bucketRegionBox")
        self.region_box.setAccessibleName(self.tr("Region"))
        self.region_box.setEditable(True)
        choices = list(dict.fromkeys([region, *regions]))
        self.region_box.addItems(choices)
        self.region_box.setCurrentText(region)
        form.addRow(self.tr("&Region:"), self.region_box)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("bucketNameProblems")
        self.problems_label.setAccessibleName(self.tr("Problems with the bucket name"))
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b00020")
        form.addRow(self.problems_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("newBucketButtons")
        for which, name in (
            (QDialogButtonBox.StandardButton.Ok, "okButton"),
            (QDialogButtonBox.StandardButton.Cancel, "cancelButton"),
        ):
            button = self.buttons.button(which)
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", ""))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self._check("")

    @property
    def bucket_name(self) -> str:
        return self.name_edit.text()

    @property
    def region(self) -> str:
        return self.region_box.currentText().strip()

    def problems(self) -> list[str]:
        return [p.message for p in bucket_name_problems(self.bucket_name)]

    def _check(self, text: str) -> None:
        problems = self.problems() if text else []
        self.problems_label.setText("\n".join(problems))
        self.ok_button.setEnabled(bool(text) and not problems)
