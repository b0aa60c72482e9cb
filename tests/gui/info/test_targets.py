"""What Get Info opens for a selection, and the window titles that say so."""

from __future__ import annotations

import pytest

from app.ui.controllers.info_actions import node_target, targets_for
from app.ui.info.target import InfoTarget
from app.ui.location import Location

pytestmark = pytest.mark.gui


def test_targets_for_the_selection_or_where_the_window_is() -> None:
    assert targets_for(Location(), [("a/", True), ("b/", True)]) == [
        InfoTarget("a"),
        InfoTarget("b"),
    ]
    assert targets_for(Location("b"), []) == [InfoTarget("b")]
    assert targets_for(Location("b", "x/"), []) == [InfoTarget("b", folders=("x/",))]
    assert targets_for(Location("b", "x/"), [("x/1", False), ("x/y/", True)]) == [
        InfoTarget("b", ("x/1",), ("x/y/",))
    ]
    assert node_target(Location("b")) == InfoTarget("b")
    assert node_target(Location("b", "p/")) == InfoTarget("b", folders=("p/",))


def test_kinds_and_titles() -> None:
    one = InfoTarget("b", ("docs/a.txt",))
    assert one.is_one_object and not one.is_many and one.title == "Info — a.txt"
    folder = InfoTarget("b", folders=("docs/",))
    assert folder.is_many and folder.title == "Info — folder docs/"
    assert InfoTarget("b").is_bucket and InfoTarget("b").title == "Info — bucket b"
    assert InfoTarget("b", ("x", "y")).title == "Info — 2 items in b"
