"""The delete confirmation: what goes, how many objects, and on a versioned bucket, how."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.translation import english_plural


class DeleteConfirmDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        what: str,
        objects: int,
        versions: int | None,
    ) -> None:
        """`versions` is the count of versions and delete markers on a versioned bucket, else
        None (then only the plain delete is offered)."""
        super().__init__(parent)
        self.setObjectName("deleteConfirmDialog")
        self.setAccessibleName(self.tr("Confirm delete"))
        self.setWindowTitle(self.tr("Delete"))
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(
            english_plural(
                self.tr("Delete {0}?\nThis deletes %Ln object(s).", "", objects), objects
            ).format(what),
            self,
        )
        self.summary_label.setObjectName("deleteSummary")
        self.summary_label.setAccessibleName(self.tr("What will be deleted"))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.marker_choice = QRadioButton(self)
        self.permanent_choice = QRadioButton(self)
        self.marker_choice.setObjectName("deleteMarkerChoice")
        self.marker_choice.setAccessibleName(self.tr("Add delete markers (versions are kept)"))
        self.permanent_choice.setObjectName("deletePermanentChoice")
        self.permanent_choice.setAccessibleName(self.tr("Delete every version permanently"))
        if versions is not None:
            self.marker_choice.setText(
                self.tr("Add &delete markers: the objects disappear, their versions are kept")
            )
            self.permanent_choice.setText(
                self.tr(
                    "Delete &permanently: all %Ln versions and delete markers go; "
                    "this cannot be undone",
                    "",
                    versions,
                )
            )
            layout.addWidget(self.marker_choice)
            layout.addWidget(self.permanent_choice)
        else:
            self.marker_choice.hide()
            self.permanent_choice.hide()
        self.marker_choice.setChecked(True)
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("deleteButtons")
        self.delete_button = self.buttons.addButton(
            self.tr("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("confirmDeleteButton")
        self.delete_button.setAccessibleName(self.tr("Delete"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def permanent(self) -> bool:
        """Every version and delete marker goes, rather than a delete marker being added."""
        return self.permanent_choice.isChecked()
