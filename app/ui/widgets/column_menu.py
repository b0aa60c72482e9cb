"""Show or hide a table's columns from its header's context menu (the first column stays)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu

from app.ui.translation import translate


class ColumnMenu(QMenu):
    def __init__(self, header: QHeaderView, names: Sequence[str], hidden: Sequence[int]) -> None:
        super().__init__(self.tr("&Columns"), header)
        self.setObjectName("columnMenu")
        self.setAccessibleName(self.tr("Columns to show"))
        self._header = header
        self.column_actions: dict[int, QAction] = {}
        for column, name in enumerate(names):
            if column == 0:
                continue  # the name column is always shown
            action = QAction(translate("", name), self)
            action.setObjectName(f"showColumn{name.title().replace(' ', '')}Action")
            action.setCheckable(True)
            action.setToolTip(self.tr("Show or hide the {0} column").format(translate("", name)))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
            self.addAction(action)
            self.column_actions[column] = action
        for column in hidden:
            header.setSectionHidden(column, True)
        self.aboutToShow.connect(self._sync)
        self._sync()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_at)

    def _sync(self) -> None:
        for column, action in self.column_actions.items():
            action.blockSignals(True)
            action.setChecked(not self._header.isSectionHidden(column))
            action.blockSignals(False)

    def _show_at(self, point: QPoint) -> None:
        self.popup(self._header.mapToGlobal(point))
