"""The editable table of an Info tab (grants, tags): the table, a line for its problems, and
Add / Remove / Save buttons under it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QWidget,
)

from app.ui.translation import translate


@dataclass(frozen=True)
class TableNames:
    """Object names and accessible names; `thing` is what a row holds ("Grant", "Tag")."""

    table: str
    table_label: str
    problems: str
    problems_label: str
    add: str
    remove: str
    save: str
    thing: str
    things: str  # for the Save button: "Grants", "Tags"


class TableEditor:
    def __init__(
        self, parent: QWidget, layout: QBoxLayout, headers: list[str], names: TableNames
    ) -> None:
        self.table = QTableWidget(0, len(headers), parent)
        self.table.setObjectName(names.table)
        self.table.setAccessibleName(names.table_label)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.problems = QLabel(parent)
        self.problems.setObjectName(names.problems)
        self.problems.setAccessibleName(names.problems_label)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problems)
        thing = names.thing.lower()
        self.add_button = QPushButton(
            translate("TableEditor", "&Add {0}").format(names.thing), parent
        )
        self.add_button.setObjectName(names.add)
        self.add_button.setAccessibleName(translate("TableEditor", "Add a {0}").format(thing))
        self.remove_button = QPushButton(
            translate("TableEditor", "&Remove {0}").format(names.thing), parent
        )
        self.remove_button.setObjectName(names.remove)
        self.remove_button.setAccessibleName(
            translate("TableEditor", "Remove the selected {0}").format(thing)
        )
        self.save_button = QPushButton(
            translate("TableEditor", "&Save {0}").format(names.things), parent
        )
        self.save_button.setObjectName(names.save)
        self.save_button.setAccessibleName(
            translate("TableEditor", "Save the {0}").format(names.things.lower())
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
