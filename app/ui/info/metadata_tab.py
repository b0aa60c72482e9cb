"""The Metadata tab: the standard headers and the user metadata (x-amz-meta-*).

Only what the user changed is sent (`MetadataEdit`), laid over each object's metadata as it is
when the rewrite job reaches it: nothing untouched is lost. With many objects the fields start
empty and an empty field leaves that header as each object has it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.object_metadata import ObjectMetadata
from app.core.transfers.metadata_edit import MetadataEdit
from app.ui.info.edits import ObjectEdit
from app.ui.info.info_tab import InfoTab

STANDARD_FIELDS = (
    ("content_type", "Content-Type"),
    ("cache_control", "Cache-Control"),
    ("content_disposition", "Content-Disposition"),
    ("content_encoding", "Content-Encoding"),
    ("content_language", "Content-Language"),
    ("expires", "Expires"),
    ("website_redirect_location", "Website-Redirect-Location"),
)


def _field_name(name: str) -> str:
    return "infoMeta" + "".join(part.title() for part in name.split("_"))


class MetadataTab(InfoTab):
    def __init__(self, many: bool, parent: QWidget | None = None) -> None:
        super().__init__("infoMetadataTab", self.tr("Metadata"), parent)
        self._many = many
        self._loaded = ObjectMetadata()
        layout = QVBoxLayout(self.editor)
        if many:
            note = QLabel(
                self.tr(
                    "Fields left empty keep each object's own value; user metadata below is added "
                    "to (or replaces the same names in) each object's."
                ),
                self.editor,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, header in STANDARD_FIELDS:
            edit = QLineEdit(self.editor)
            edit.setObjectName(_field_name(name))
            edit.setAccessibleName(header)
            if many:
                edit.setPlaceholderText(self.tr("(unchanged)"))
            form.addRow(f"{header}:", edit)
            self.fields[name] = edit
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("User metadata (x-amz-meta-*):"), self.editor))
        self.user_table = QTableWidget(0, 2, self.editor)
        self.user_table.setObjectName("infoUserMetadataTable")
        self.user_table.setAccessibleName(self.tr("User metadata"))
        self.user_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.user_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.user_table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add"), self.editor)
        self.add_button.setObjectName("infoAddMetadataButton")
        self.add_button.setAccessibleName(self.tr("Add user metadata"))
        self.remove_button = QPushButton(self.tr("&Remove"), self.editor)
        self.remove_button.setObjectName("infoRemoveMetadataButton")
        self.remove_button.setAccessibleName(self.tr("Remove the selected user metadata"))
        self.save_button = QPushButton(self.tr("&Save Metadata…"), self.editor)
        self.save_button.setObjectName("infoSaveMetadataButton")
        self.save_button.setAccessibleName(self.tr("Save the metadata"))
        self.status = QLabel(self.editor)
        self.status.setObjectName("infoMetadataStatus")
        self.status.setAccessibleName(self.tr("Metadata status"))
        layout.addWidget(self.status)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_user("", ""))
        self.remove_button.clicked.connect(self._remove_selected)
        self.save_button.clicked.connect(self._save)
        if many:
            self.show_editor()

    def show_metadata(self, metadata: ObjectMetadata) -> None:
        self._loaded = metadata
        for name, edit in self.fields.items():
            edit.setText(getattr(metadata, name) or "")
        self.user_table.setRowCount(0)
        for key, value in metadata.user.items():
            self.add_user(key, value)
        self.show_editor()

    def add_user(self, name: str, value: str) -> None:
        row = self.user_table.rowCount()
        self.user_table.insertRow(row)
        self.user_table.setItem(row, 0, QTableWidgetItem(name))
        self.user_table.setItem(row, 1, QTableWidgetItem(value))

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.user_table.selectedIndexes()}, reverse=True)
        if not rows and self.user_table.currentRow() >= 0:
            rows = [self.user_table.currentRow()]
        for row in rows:
            self.user_table.removeRow(row)

    def user_metadata(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for row in range(self.user_table.rowCount()):
            name, value = self.user_table.item(row, 0), self.user_table.item(row, 1)
            key = name.text().strip() if name else ""
            if key:
                found[key] = value.text() if value else ""
        return found

    def edit(self) -> MetadataEdit:
        """What changed since the values were shown (with many: what was filled in)."""
        fields: dict[str, str] = {}
        for name, line in self.fields.items():
            text = line.text().strip()
            if self._many:
                if text:
                    fields[name] = text
            elif text != (getattr(self._loaded, name) or ""):
                fields[name] = text
        user = self.user_metadata()
        if self._many:
            return MetadataEdit(fields, user)
        before = self._loaded.user
        changed = {k: v for k, v in user.items() if before.get(k) != v}
        removed = frozenset(k for k in before if k not in user)
        return MetadataEdit(fields, changed, removed)

    def _save(self) -> None:
        edit = self.edit()
        if edit.is_empty:
            self.show_problem(self.tr("Nothing was changed."))
            return
        try:
            change = edit.change()
        except ValueError as exc:
            self.show_problem(f"{exc}.")
            return
        self.status.clear()
        self.saveRequested.emit(ObjectEdit("metadata", change))

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
