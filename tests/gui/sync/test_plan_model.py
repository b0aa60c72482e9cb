"""The plan table: Qt's model checks, ticking, and the plan that Run is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.transfers.sync_plan import (
    ActionKind,
    Direction,
    SyncAction,
    SyncOptions,
    SyncPlan,
)
from app.ui.sync.plan_model import ACTION, SyncPlanModel


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
