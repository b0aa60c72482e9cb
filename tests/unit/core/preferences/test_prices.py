"""Preferences, Prices: AWS S3 Standard by default, every price editable or unset (unknown),
kept in the settings file, and the estimate a plan gets follows it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.preferences.prices import PRESETS, PricePreferences
from app.core.preferences.reading import preferences_from_json, preferences_to_json
from app.core.preferences.sections import Preferences
from app.core.settings import SettingsStore
from app.core.transfers.request_prices import AWS_S3_STANDARD
from app.core.transfers.sync_cost import SyncCost, estimate
from app.core.transfers.sync_plan import ActionKind, Direction, SyncAction, SyncOptions, SyncPlan


def _plan() -> SyncPlan:
    plan = SyncPlan(Direction.UPLOAD, Path("/f"), "b", "p/", SyncOptions())
    plan.list_requests = 1
    for n in range(2):
        plan.transfers.append(
            SyncAction(ActionKind.UPLOAD, f"{n}", f"/f/{n}", f"p/{n}", 50_000_000, 0, "new")
        )
    return plan


def test_the_default_table_is_aws_s3_standard() -> None:
    assert PricePreferences().table() == AWS_S3_STANDARD
    assert Preferences().prices.table() == AWS_S3_STANDARD


def test_an_edited_price_changes_the_estimate_and_an_unset_one_makes_it_unknown() -> None:
    plan = _plan()
    default = estimate(plan, PricePreferences().table())
    assert default.price == pytest.approx(3 * 0.005 / 1000)  # 1 LIST + 2 PUT; data in free
    dearer = replace(PricePreferences(), provider="My cloud", list_put_copy=5.0, per_gb_in=0.01)
    cost: SyncCost = estimate(plan, dearer.table())
    assert cost.price == pytest.approx(3 * 5.0 / 1000 + 0.1 * 0.01)  # 2 x 50 MB in
    assert cost.price_text() == "$0.016000 (My cloud)"
    unset = replace(PricePreferences(), per_gb_in=None)
    assert estimate(plan, unset.table()).price_text() == f"unknown ({AWS_S3_STANDARD.name})"
    assert {p.per_gb_out for p in PRESETS.values()} == {0.09, None}


def test_prices_are_kept_in_the_settings_file(isolated_environment: object) -> None:
    store = SettingsStore()
    edited = replace(Preferences(), prices=replace(PricePreferences(), get_head=0.001, delete=None))
    store.set_preferences(edited)
    store.flush()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["preferences"]["prices"]["get_head"] == 0.001
    assert saved["preferences"]["prices"]["delete"] is None
    assert SettingsStore().preferences().prices == edited.prices


def test_a_negative_or_wrong_price_is_named_and_the_default_holds() -> None:
    data = preferences_to_json(Preferences())
    data["prices"].update({"list_put_copy": -1, "get_head": "cheap", "per_gb_out": 0.05})
    problems: list = []
    prices = preferences_from_json(data, problems).prices
    assert prices.list_put_copy == 0.005 and prices.get_head == 0.0004
    assert prices.per_gb_out == 0.05
    assert {p.where for p in problems} == {"prices.list_put_copy", "prices.get_head"}
    assert "negative" in str(next(p for p in problems if p.where == "prices.list_put_copy"))
    with pytest.raises(ValueError, match="needs a name"):
        PricePreferences(provider=" ")
