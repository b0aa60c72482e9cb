"""A location typed while the window is still connecting is listed once the connection opens
(it used to stay empty, with no request sent, until the user pressed F5)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for
from tests.gui.navigation.test_missing_location import type_location

pytestmark = pytest.mark.gui


def test_a_location_typed_while_connecting_is_listed_when_the_connection_opens(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["docs/a.md", "top.txt"])
    connection = connection_for(seaweed)
    transcript = Transcript()  # this window's requests only
    gate = threading.Event()
    opening = threading.Event()

    def slow_session() -> S3Session:  # a worker thread: the connection takes its time
        opening.set()
        gate.wait(timeout=60)
        return S3Session(connection, transcript=transcript)

    window = windows.open(slow_session)
    try:
        wait_for(qtbot, opening.is_set)
        type_location(qtbot, window, f"s3://{bucket}/docs/")
        assert window.controller.location == Location(bucket, "docs/")
        assert names(window) == []
    finally:
        gate.set()

    wait_for(qtbot, lambda: names(window) == ["a.md"])
    listed = [(line.bucket, line.key) for line in transcript if line.operation == "ListObjectsV2"]
    assert (bucket, "docs/") in listed
    assert window.controller.location == Location(bucket, "docs/")
