"""A table of text rows with Add and Remove buttons, for tag and CORS rule editors."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.info.bucket.section_tab import named


class RowTable(QWidget):
    def __init__(
        self, parent: QWidget, name: str, what: str, columns: Sequence[str], row_name: str
    ) -> None:
        super().__init__(parent)
        named(self, name, what)
        self.table = named(QTableWidget(0, len(columns), self), f"{name}Table", what)
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.add_button = named(
            QPushButton(self.tr("&Add {0}").format(row_name), self),
            f"{name}Add",
            self.tr("Add {0}").format(row_name),
        )
        self.remove_button = named(
            QPushButton(self.tr("&Remove {0}").format(row_name), self),
            f"{name}Remove",
            self.tr("Remove the selected {0}").format(row_name),
        )
        self.add_button.clicked.connect(lambda: self.add_row([]))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(row)
        self.table.clearSelection()

    def add_row(self, values: Sequence[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = values[column] if column < len(values) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        return row

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            self.table.setItem(row, column, QTableWidgetItem(text))
        else:
            item.setText(text)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def rows(self, strip: bool = True) -> list[list[str]]:
        """Every row's texts; rows left wholly blank are skipped."""
        result: list[list[str]] = []
        for row in range(self.table.rowCount()):
            texts = []
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                text = item.text() if item else ""
                texts.append(text.strip() if strip else text)
            if any(t.strip() for t in texts):
                result.append(texts)
        return result
