"""The window's listing when the server refuses the keys mid-listing (moto behind a front door
that answers ExpiredToken on demand, see `FrontDoor`): the expired-credentials message shows
in the banner, the rows loaded so far stay, once each, and a refresh lists again from the
start."""

from __future__ import annotations

import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.credential_servers import LocalServer, Request
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for

pytestmark = pytest.mark.gui

EXPIRED = (
    "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>"
)


class FrontDoor:
    """An S3 front door to moto that passes requests on after `delay` seconds, and answers
    400 ExpiredToken to the n-th request resuming a listing (0-based, in arrival order) while
    `refuse(n)` says so.

    No server expires a token on demand; AWS does it when a role session's keys run out while
    a long listing is under way, or when its clock runs ahead of this machine's. The door makes
    that happen at a chosen page."""

    def __init__(self, moto: RunningS3, delay: float, refuse: Callable[[int], bool]) -> None:
        self.resumed: list[str] = []  # continuation tokens, in arrival order
        self.refused: list[str] = []
        self.refuse = refuse
        self._moto = moto.endpoint_url
        self._delay = delay
        self._lock = threading.Lock()
        self.server = LocalServer(self._handle)

    def _handle(self, request: Request) -> tuple[int, str, dict[str, str]]:
        token = request.query.get("continuation-token")
        if token is not None:
            with self._lock:
                number = len(self.resumed)
                self.resumed.append(token)
            if self.refuse(number):
                self.refused.append(token)
                return 400, EXPIRED, {"Content-Type": "application/xml"}
        time.sleep(self._delay)
        url = f"{self._moto}{request.path}?{urlencode(request.query)}"
        with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - moto on loopback
            return answer.status, answer.read().decode(), {"Content-Type": "application/xml"}


def _bucket(moto_admin: Any, count: int) -> tuple[str, list[str]]:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    keys = [f"k{i:02d}" for i in range(count)]
    fill(moto_admin, bucket, keys)
    return bucket, keys


def _open(windows: Windows, moto: RunningS3, door: FrontDoor, bucket: str) -> MainWindow:
    connection = connection_for(moto, max_keys=4, port=door.server.port)
    return windows.open(connection, Location(bucket))


def test_keys_refused_mid_listing_show_the_expired_keys_message_and_keep_the_rows(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket, keys = _bucket(moto_admin, 40)  # 10 pages of 4
    door = FrontDoor(moto, delay=0.1, refuse=lambda n: n >= 2)  # from the 4th page on
    with door.server:
        window = _open(windows, moto, door, bucket)
        model = window.controller.model
        wait_for(qtbot, lambda: model.rowCount() >= 4)
        window.load_all_action.trigger()
        wait_for(qtbot, window.error_banner.isVisible, timeout=120_000)
        assert "temporary credentials (session token) have expired" in window.error_banner.text
        assert names(window) == keys[:12]  # the three pages that came are kept, once each
        assert len(door.refused) == 1  # not asked again: the keys were refused

        door.refuse = lambda _n: False  # renewed keys, say: F5 lists again from the start
        window.refresh_action.trigger()
        wait_for(qtbot, lambda: model.rowCount() >= 4)
        window.load_all_action.trigger()
        wait_for(qtbot, lambda: model.complete, timeout=120_000)
    assert names(window) == keys
