"""Preferences > Connection in a browser window, and a bookmark's own connection settings
over them: how many of the folder tree's listings are in flight at once. Counted at a proxy:
requests that overlap need connections of their own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.preferences.sections import Preferences
from app.core.s3.session import S3Session
from app.ui.application import WindowSet
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


@pytest.mark.parametrize(
    ("preferred", "own", "overlapping"), [(1, FOLDERS, True), (FOLDERS, 1, False)]
)
def test_a_bookmark_s_own_parallel_listing_requests_win_in_its_window(
    qtbot: QtBot,
    window_set: WindowSet,
    store: BookmarkStore,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    preferred: int,
    own: int,
    overlapping: bool,
) -> None:
    for n in range(FOLDERS):
        seaweed_admin.put_object(Bucket=bucket, Key=f"f{n}/x", Body=b"x")
    settings = window_set.settings
    connection = replace(settings.preferences().connection, parallel_listings=preferred)
    settings.set_preferences(replace(Preferences(), connection=connection))
    bookmark = store.add(
        Bookmark(
            nickname="Own listings",
            profile="seaweedfs",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
            overrides={"connection": {"parallel_listings": own}},
        ),
        secret_key=seaweed.secret_key,
    )
    with request_counter(seaweed.port, delay=0.5) as at_server:
        through_counter = connection_for(seaweed, port=at_server.port)
        window = window_set.open(
            lambda: S3Session(through_counter), Location(bucket), bookmark_id=bookmark.id
        )
        qtbot.addWidget(window)
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
            assert most_at_once >= 3  # the bookmark's many, not the Preferences' one
        else:
            assert most_at_once <= 1  # the bookmark's one at a time
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
