"""The window's listing when its helper process has its keys refused mid-listing (moto behind
a front door that answers ExpiredToken on demand, see `FrontDoor`): a passing refusal costs
nothing the user sees — every row arrives — and one that this process meets too shows the
expired-credentials message in the banner, with the rows loaded so far kept."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.offloaded_listing import OffloadedListing
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for
from tests.unit.core.s3.test_offloaded_listing_resume import FrontDoor

pytestmark = pytest.mark.gui


def _bucket(moto_admin: Any, count: int) -> tuple[str, list[str]]:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    keys = [f"k{i:02d}" for i in range(count)]
    fill(moto_admin, bucket, keys)
    return bucket, keys


def _open(windows: Windows, moto: RunningS3, door: FrontDoor, bucket: str) -> MainWindow:
    connection = connection_for(moto, max_keys=4, port=door.server.port)
    return windows.open(connection, Location(bucket))


def test_a_refusal_the_helper_meets_alone_costs_no_row(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket, keys = _bucket(moto_admin, 40)  # 10 pages of 4
    door = FrontDoor(moto, delay=0.1, refuse=lambda n: n == 3)
    with door.server:
        window = _open(windows, moto, door, bucket)
        model = window.controller.model
        wait_for(qtbot, lambda: model.rowCount() >= 4)
        source = model.stream.pages if model.stream is not None else None
        window.load_all_action.trigger()
        wait_for(qtbot, lambda: model.complete, timeout=120_000)
    assert names(window) == keys
    assert isinstance(source, OffloadedListing) and source.resumed_here
    assert len(door.refused) == 1
    assert not window.error_banner.isVisible()


def test_a_refusal_met_here_too_shows_the_expired_keys_message(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket, keys = _bucket(moto_admin, 40)
    door = FrontDoor(moto, delay=0.1, refuse=lambda n: n >= 2)  # from the 4th page on
    with door.server:
        window = _open(windows, moto, door, bucket)
        model = window.controller.model
        wait_for(qtbot, lambda: model.rowCount() >= 4)
        window.load_all_action.trigger()
        wait_for(qtbot, window.error_banner.isVisible, timeout=120_000)
    assert "temporary credentials (session token) have expired" in window.error_banner.text
    assert names(window) == keys[:12]  # the three pages that came are kept, once each
    assert len(door.refused) == 2  # the helper's request, then this process's
