"""A table's column layout (order, widths, hidden columns) remembered in the settings.

The saved layout is applied when the window is made; every change the user makes (dragging a
border or a column, the header's Columns menu) is saved a moment after the last one, so a
drag writes once. A stretching column keeps no width: the window's width decides it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QHeaderView

from app.core.settings import ColumnState, SettingsStore, TableLayout

SAVE_DELAY_MS = 400


class ColumnMemory(QObject):
    def __init__(
        self, header: QHeaderView, names: Sequence[str], store: SettingsStore, table: str
    ) -> None:
        super().__init__(header)
        self._header = header
        self._names = list(names)
        self._store = store
        self._table = table
        self._widths: dict[str, int] = {}  # last width seen while shown
        self._timer = QTimer(self)
        self._timer.setObjectName(f"{table}ColumnSaveTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.restore()
        self._baseline = self.layout()  # the defaults, or the saved layout
        header.sectionResized.connect(self._changed)
        header.sectionMoved.connect(self._changed)

    def _stretches(self, column: int) -> bool:
        return self._header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch

    def restore(self) -> None:
        layout = self._store.table(self._table)
        if layout is None:
            return
        header = self._header
        for column, name in enumerate(self._names):
            state = layout.columns.get(name)
            if state is None:
                continue
            if state.width is not None and not self._stretches(column):
                header.resizeSection(column, state.width)  # kept for later if it is hidden
                self._widths[name] = state.width
            header.setSectionHidden(column, state.hidden and column != 0)
        known = [self._names.index(n) for n in layout.order if n in self._names]
        for position, column in enumerate(known):
            header.moveSection(header.visualIndex(column), position)

    def layout(self) -> TableLayout:
        header = self._header
        columns: dict[str, ColumnState] = {}
        for column, name in enumerate(self._names):
            hidden = header.isSectionHidden(column)
            if not hidden and not self._stretches(column):
                self._widths[name] = header.sectionSize(column)
            width = None if self._stretches(column) else self._widths.get(name)
            columns[name] = ColumnState(width, hidden)
        order = sorted(range(len(self._names)), key=header.visualIndex)
        return TableLayout(tuple(self._names[c] for c in order), columns)

    @property
    def save_pending(self) -> bool:
        """A change waits to be saved."""
        return self._timer.isActive()

    def _changed(self, *_: object) -> None:
        self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        layout = self.layout()
        if self._store.table(self._table) is None and layout == self._baseline:
            return  # untouched defaults are not written: later defaults still apply
        self._store.set_table(self._table, layout)

    def close(self) -> None:
        """Save a change still waiting for its moment (the window is closing)."""
        if self._timer.isActive():
            self.save()
