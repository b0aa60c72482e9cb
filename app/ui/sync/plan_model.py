"""The rows of a sync plan, each with its action, its reason and a tick; unticked rows are
left out of the plan that runs. A two-way conflict is one row (its steps run together)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.transfers.sync_plan import ActionKind, SyncAction, SyncConflict, SyncPlan
from app.ui.format import human_size
from app.ui.translation import N_, translate

HEADERS = (N_("Action"), N_("Name"), N_("Size"), N_("Why"))
ACTION, NAME, SIZE, WHY = range(len(HEADERS))
SYMBOLS = {
    ActionKind.UPLOAD: N_("↑ upload"),
    ActionKind.DOWNLOAD: N_("↓ download"),
    ActionKind.DELETE_REMOTE: N_("\u00d7 delete on server"),  # the multiplication sign
    ActionKind.DELETE_LOCAL: N_("\u00d7 delete local file"),
}
UNCHANGED = N_("= unchanged")
CONFLICT = N_("\u21c5 conflict (keep both)")  # up-down arrows
_Index = QModelIndex | QPersistentModelIndex


@dataclass
class PlanRow:
    name: str
    action: SyncAction | SyncConflict | None  # None: unchanged
    ticked: bool = True

    @property
    def symbol(self) -> str:
        if self.action is None:
            return UNCHANGED
        if isinstance(self.action, SyncConflict):
            return CONFLICT
        return SYMBOLS[self.action.kind]

    @property
    def size(self) -> int:
        if isinstance(self.action, SyncConflict):
            return self.action.transfer_bytes
        return self.action.size if self.action is not None else 0

    @property
    def why(self) -> str:
        action = self.action
        if action is None:
            return "same on both sides"
        if isinstance(action, SyncConflict):
            side = "local file" if action.older == "local" else "object"
            return f"{action.reason}; the older {side} is kept as \u201c{action.kept_as}\u201d"
        return action.reason

    @property
    def tip(self) -> str:
        action = self.action
        if isinstance(action, SyncConflict):
            return "\n".join(f"{s.kind.value}: {s.local_path or s.key}" for s in action.steps)
        return (action.local_path or action.key) if action is not None else ""


class SyncPlanModel(QAbstractTableModel):
    choiceChanged = Signal()  # a row was ticked or unticked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan: SyncPlan | None = None
        self._all: list[PlanRow] = []
        self._rows: list[PlanRow] = []
        self._show_unchanged = False

    @property
    def plan(self) -> SyncPlan | None:
        return self._plan

    def set_plan(self, plan: SyncPlan | None) -> None:
        self.beginResetModel()
        self._plan = plan
        self._all = []
        if plan is not None:
            self._all = [PlanRow(a.name, a) for a in plan.transfers + plan.deletions]
            self._all += [PlanRow(c.name, c) for c in plan.conflicts]
            self._all += [PlanRow(name, None, False) for name in plan.unchanged_names]
        self._rows = self._visible()
        self.endResetModel()
        self.choiceChanged.emit()

    def set_show_unchanged(self, show: bool) -> None:
        self.beginResetModel()
        self._show_unchanged = show
        self._rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[PlanRow]:
        rows = [r for r in self._all if self._show_unchanged or r.action is not None]
        return sorted(rows, key=lambda r: r.name)

    def row(self, row: int) -> PlanRow:
        return self._rows[row]

    def find(self, name: str) -> int:
        """The row of `name` (its change, not an unchanged row), or -1."""
        return next(
            (i for i, r in enumerate(self._rows) if r.name == name and r.action is not None), -1
        )

    def set_ticked(self, row: int, ticked: bool) -> None:
        self.setData(
            self.index(row, ACTION),
            Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def chosen_plan(self) -> SyncPlan | None:
        """The plan with only the ticked rows: what Run does."""
        if self._plan is None:
            return None
        ticked = [r.action for r in self._all if r.action is not None and r.ticked]
        actions = [a for a in ticked if isinstance(a, SyncAction)]
        deletions = (ActionKind.DELETE_REMOTE, ActionKind.DELETE_LOCAL)
        return replace(
            self._plan,
            transfers=[a for a in actions if a.kind not in deletions],
            deletions=[a for a in actions if a.kind in deletions],
            conflicts=[c for c in ticked if isinstance(c, SyncConflict)],
        )

    # -- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("", HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == ACTION and self._rows[index.row()].action:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        action = row.action
        if role == Qt.ItemDataRole.CheckStateRole and column == ACTION and action is not None:
            return Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ACTION:
                return translate("", row.symbol)
            if column == NAME:
                return row.name
            if column == SIZE:
                return human_size(row.size) if action is not None else ""
            if column == WHY:
                return row.why
        if role == Qt.ItemDataRole.ToolTipRole and action is not None:
            return row.tip
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if row.action is None:
            return False
        row.ticked = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        self.dataChanged.emit(index, index, [role])
        self.choiceChanged.emit()
        return True
