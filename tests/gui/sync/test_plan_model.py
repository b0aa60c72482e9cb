"""The plan table: Qt's model checks, ticking, and the plan that Run is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.core.transfers.sync_plan import (
    ActionKind,
    Direction,
    SyncAction,
    SyncConflict,
    SyncOptions,
    SyncPlan,
)
from app.ui.sync.plan_model import ACTION, CONFLICT, SIZE, WHY, SyncPlanModel


def _plan() -> SyncPlan:
    plan = SyncPlan(Direction.UPLOAD, Path("/f"), "b", "p/", SyncOptions(list_unchanged=True))
    plan.transfers = [
        SyncAction(ActionKind.UPLOAD, "a", "/f/a", "p/a", 1, 0, "new file"),
        SyncAction(ActionKind.UPLOAD, "c", "/f/c", "p/c", 2, 0, "local file is newer"),
    ]
    plan.deletions = [SyncAction(ActionKind.DELETE_REMOTE, "d", "", "p/d", 3, 0, "not local")]
    plan.note_unchanged("b")
    return plan


def test_model_passes_qt_checks_and_unticked_rows_leave_the_plan(qtmodeltester: Any) -> None:
    model = SyncPlanModel()
    model.set_plan(_plan())
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # unchanged hidden
    model.set_show_unchanged(True)
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    unchanged = model.index(1, ACTION)
    assert unchanged.data() == "= unchanged"
    assert not model.setData(unchanged, 0, 10)  # nothing to tick on an unchanged row
    model.set_ticked(model.find("c"), False)
    model.set_ticked(model.find("d"), False)
    chosen = model.chosen_plan()
    assert chosen is not None
    assert [a.name for a in chosen.transfers] == ["a"] and chosen.deletions == []
    assert model.plan is not None and len(model.plan.transfers) == 2  # the plan shown, whole


def test_a_conflict_is_one_row_whose_tick_takes_all_its_steps(qtmodeltester: Any) -> None:
    plan = _plan()
    steps = (
        SyncAction(ActionKind.RENAME_LOCAL, "e", "/f/e", "p/e", 4, 0, "both", "", "/f/e (c)"),
        SyncAction(ActionKind.DOWNLOAD, "e", "/f/e", "p/e", 5, 0, "both"),
        SyncAction(ActionKind.UPLOAD, "e (c)", "/f/e (c)", "p/e (c)", 4, 0, "both"),
    )
    plan.conflicts = [SyncConflict("e", "changed on both sides", "e (c)", "local", steps)]
    model = SyncPlanModel()
    model.set_plan(plan)
    qtmodeltester.check(model)
    row = model.find("e")
    assert model.index(row, ACTION).data() == CONFLICT
    assert model.index(row, SIZE).data() == "9 B"  # what moves: the download and the upload
    assert model.index(row, WHY).data() == (
        "changed on both sides; the older local file is kept as \u201ce (c)\u201d"
    )
    assert "rename-local: /f/e" in model.index(row, ACTION).data(Qt.ItemDataRole.ToolTipRole)
    chosen = model.chosen_plan()
    assert chosen is not None and chosen.conflicts == plan.conflicts
    model.set_ticked(row, False)
    chosen = model.chosen_plan()
    assert chosen is not None and chosen.conflicts == [] and len(chosen.transfers) == 2
