"""The Tags tab: up to 10 key/value pairs, checked as S3 checks them before anything is sent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.tags import MAX_OBJECT_TAGS, Tag, tag_problems
from app.core.transfers.object_change import ObjectChange
from app.ui.info.edits import ObjectEdit
from app.ui.info.info_tab import InfoTab
from app.ui.info.table_editor import TableEditor, TableNames


class TagsTab(InfoTab):
    def __init__(self, many: bool, parent: QWidget | None = None) -> None:
        super().__init__("infoTagsTab", self.tr("Tags"), parent)
        self._loaded_keys: tuple[str, ...] = ()
        layout = QVBoxLayout(self.editor)
        note = (
            self.tr(
                "The tags below are added to every object in the selection (replacing the values "
                "of the same keys); other tags are kept."
            )
            if many
            else self.tr("At most {0} tags; keys are unique.").format(MAX_OBJECT_TAGS)
        )
        self.note = QLabel(note, self.editor)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        controls = TableEditor(
            self.editor,
            layout,
            [self.tr("Key"), self.tr("Value")],
            TableNames(
                "infoTagsTable",
                self.tr("Tags"),
                "infoTagsProblems",
                self.tr("Problems with the tags"),
                "infoAddTagButton",
                "infoRemoveTagButton",
                "infoSaveTagsButton",
                self.tr("Tag"),
                self.tr("Tags"),
            ),
        )
        self.table, self.problems = controls.table, controls.problems
        self.add_button, self.remove_button = controls.add_button, controls.remove_button
        self.save_button = controls.save_button
        self.add_button.clicked.connect(lambda: self.add_tag("", ""))
        self.remove_button.clicked.connect(self._remove_selected)
        self.save_button.clicked.connect(self._save)
        self.table.itemChanged.connect(self._check)
        if many:
            self.show_editor()
            self._check()

    def show_tags(self, tags: tuple[Tag, ...]) -> None:
        self._loaded_keys = tuple(tag.key for tag in tags)
        self.table.setRowCount(0)
        for tag in tags:
            self.add_tag(tag.key, tag.value)
        self._check()
        self.show_editor()

    def add_tag(self, key: str, value: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        self._check()

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self._check()

    def tags(self) -> list[Tag]:
        found: list[Tag] = []
        for row in range(self.table.rowCount()):
            key, value = self.table.item(row, 0), self.table.item(row, 1)
            found.append(Tag(key.text() if key else "", value.text() if value else ""))
        return found

    def _check(self, *_: object) -> None:
        problems = tag_problems(self.tags())
        self.problems.setText(" ".join(problems))
        self.save_button.setEnabled(not problems)
        self.add_button.setEnabled(self.table.rowCount() < MAX_OBJECT_TAGS)

    def _save(self) -> None:
        tags = self.tags()
        if tag_problems(tags):
            return
        wanted = {tag.key: tag.value for tag in tags}
        removed = tuple(k for k in self._loaded_keys if k not in wanted)
        try:
            change = ObjectChange(tags_set=wanted, tags_removed=removed)
        except ValueError as exc:
            self.problems.setText(f"{exc}.")
            return
        self.saveRequested.emit(ObjectEdit("tags", change))
