"""Preferences > Connection in a browser window: how many of the folder tree's listings are
in flight at once. Counted at a proxy: requests that overlap need connections of their own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.preferences.sections import Preferences
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.request_counter import request_counter
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui

FOLDERS = 6


@pytest.mark.parametrize(("parallel", "overlapping"), [(1, False), (FOLDERS, True)])
def test_parallel_listing_requests_follow_the_preferences(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    parallel: int,
    overlapping: bool,
) -> None:
    for n in range(FOLDERS):
        seaweed_admin.put_object(Bucket=bucket, Key=f"f{n}/x", Body=b"x")
    settings = windows.window_set.settings
    connection = replace(settings.preferences().connection, parallel_listings=parallel)
    settings.set_preferences(replace(Preferences(), connection=connection))
    # Each answer is held back, so listings sent together are seen together at the server.
    with request_counter(seaweed.port, delay=0.5) as at_server:
        window = windows.open(connection_for(seaweed, port=at_server.port), Location(bucket))
        controller = window.controller
        wait_for(qtbot, lambda: controller.location == Location(bucket))
        wait_for(qtbot, lambda: not controller.model.loading)
        qtbot.wait(700)  # the tree's own first listing
        at_server.reset()
        found: list[Location] = []
        controller.foldersFound.connect(lambda where, _folders: found.append(where))
        for n in range(FOLDERS):
            controller.load_folders(Location(bucket, f"f{n}/"))
        wait_for(qtbot, lambda: len(found) >= FOLDERS)
        most_at_once = at_server.peak["GET"]
        if overlapping:
            assert most_at_once >= 3  # several listings in flight at the server at once
        else:
            assert most_at_once <= 1  # one at a time
        window.close()


@pytest.mark.parametrize("verify", [False, True])
def test_a_window_without_tls_verification_says_so(
    qtbot: QtBot, windows: Windows, seaweed_tls: RunningS3, verify: bool
) -> None:
    connection = connection_for(seaweed_tls, verify_tls=verify)
    window = windows.open(connection, Location())
    wait_for(qtbot, lambda: window.controller.session is not None)
    wait_for(qtbot, lambda: not window.controller.model.loading)
    banner = window.error_banner
    if verify:
        assert not banner.isVisible()
    else:
        wait_for(qtbot, banner.isVisible)
        assert f"TLS certificates of {seaweed_tls.host} are not verified" in banner.text
