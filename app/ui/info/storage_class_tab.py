"""The Storage class tab: the classes the connection's profile offers; a change copies the
object onto itself."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.transfers.object_change import ObjectChange
from app.ui.info.edits import ObjectEdit
from app.ui.info.info_tab import InfoTab


class StorageClassTab(InfoTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("infoStorageClassTab", self.tr("Storage class"), parent)
        layout = QVBoxLayout(self.editor)
        form = QFormLayout()
        self.current = QLabel("—", self.editor)
        self.current.setObjectName("infoCurrentStorageClass")
        self.current.setAccessibleName(self.tr("Current storage class"))
        form.addRow(self.tr("Current:"), self.current)
        self.choice = QComboBox(self.editor)
        self.choice.setObjectName("infoStorageClassChoice")
        self.choice.setAccessibleName(self.tr("New storage class"))
        form.addRow(self.tr("&Change to:"), self.choice)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Changing the class copies the object onto itself (in parts above 5 GiB); its "
                "metadata, tags, encryption and permissions are kept."
            ),
            self.editor,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.apply_button = QPushButton(self.tr("&Apply Storage Class…"), self.editor)
        self.apply_button.setObjectName("infoApplyStorageClassButton")
        self.apply_button.setAccessibleName(self.tr("Apply the storage class"))
        layout.addWidget(self.apply_button)
        layout.addStretch(1)
        self.apply_button.clicked.connect(self._apply)

    def set_classes(self, classes: tuple[str, ...], current: str | None) -> None:
        self.choice.clear()
        offered = list(classes)
        if current and current not in offered:
            offered.insert(0, current)
        self.choice.addItems(offered)
        if current:
            self.current.setText(current)
            self.choice.setCurrentText(current)
        self.show_editor()

    def _apply(self) -> None:
        chosen = self.choice.currentText()
        if not chosen:
            return
        self.saveRequested.emit(
            ObjectEdit(f"storage class {chosen}", ObjectChange(storage_class=chosen))
        )
