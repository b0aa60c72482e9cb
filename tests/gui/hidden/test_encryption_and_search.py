"""Encryption at a glance (HeadObject for visible rows only) and server-side searches."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.s3 import encryption_state
from app.ui.location import Location
from app.ui.main_window import MainWindow
from app.ui.models.listing_model import ENCRYPTION_ROLE
from tests.conftest import connection_for
from tests.fixtures.request_counter import RequestCounter, request_counter
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, fill, wait_for
from tests.gui.hidden.test_hidden_files import counting_factory

pytestmark = pytest.mark.gui


def state(window: MainWindow, row: int) -> Any:
    return window.controller.model.index(row, 0).data(ENCRYPTION_ROLE)


def test_sse_c_and_plain_objects_show_different_encryption(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="plain.txt", Body=b"plain")
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="secret.txt",
        Body=b"secret",
        SSECustomerAlgorithm="AES256",
        SSECustomerKey=os.urandom(32),
    )
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["plain.txt", "secret.txt"])
    wait_for(qtbot, lambda: state(window, 0) is not None and state(window, 1) is not None)
    assert state(window, 0) == encryption_state.NONE
    assert state(window, 1) == encryption_state.SSE_C
    model = window.controller.model
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    plain_icon = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    sse_icon = model.index(1, 0).data(Qt.ItemDataRole.DecorationRole)
    assert plain_icon.cacheKey() != sse_icon.cacheKey()
    assert "SSE-C" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def at_server(seaweed: RunningS3) -> Iterator[RequestCounter]:
    """Requests counted at the server, on the wire, each answer held back 300 ms so requests
    sent together are sure to overlap there. (Asked for before `windows`: it stops after.)"""
    with request_counter(seaweed.port, delay=0.3) as counter:
        yield counter


def test_head_object_runs_for_visible_rows_only_four_at_a_time(
    qtbot: QtBot,
    at_server: RequestCounter,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    fill(seaweed_admin, bucket, [f"k{i:04d}" for i in range(300)])
    calls: Counter[str] = Counter()
    connection = connection_for(seaweed, port=at_server.port)
    window = windows.open(counting_factory(connection, calls), Location(bucket))
    window.resize(700, 320)
    model = window.controller.model
    probe = window.encryption_probe.fetcher
    wait_for(qtbot, lambda: model.rowCount() == 300)
    visible = probe.visible_rows()
    assert 0 < len(visible) < 40
    wait_for(qtbot, lambda: all(state(window, r) is not None for r in visible))
    wait_for(qtbot, lambda: probe.in_flight == 0 and at_server.in_flight["HEAD"] == 0)
    assert calls["HeadObject"] == at_server.requests["HEAD"] == len(visible)
    # Four at a time, as the name says: never more at the server, and there were four.
    assert at_server.peak["HEAD"] == 4, at_server.peak
    assert state(window, visible.stop + 5) is None  # off screen: never asked

    window.object_list.scrollToBottom()
    last = model.rowCount() - 1
    wait_for(qtbot, lambda: state(window, last) is not None and probe.in_flight == 0)
    QApplication.processEvents()
    assert calls["HeadObject"] <= 2 * len(visible) + 2  # the top screen, then the bottom one
    assert at_server.peak["HEAD"] == 4, at_server.peak
    assert state(window, 150) is None  # rows scrolled past in one jump were never asked for


def test_navigating_away_cancels_pending_head_requests(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"d/k{i:03d}" for i in range(60)] + ["other/x"])
    window = windows.open(connection_for(seaweed), Location(bucket, "d/"))
    probe = window.encryption_probe.fetcher
    wait_for(qtbot, lambda: probe.requests > 0)
    generation = probe.generation
    window.controller.navigate(Location(bucket, "other/"))
    assert probe.generation == generation + 1
    assert probe.in_flight == 0  # what was in flight was cancelled, the queue dropped
    wait_for(qtbot, lambda: names(window) == ["x"] and state(window, 0) is not None)


def test_prefix_search_and_recursive_search(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(
        seaweed_admin,
        bucket,
        [
            "top/needle-first.txt",
            "top/hay.txt",
            "top/a/b/deep-NEEDLE.bin",
            "top/a/other.txt",
            "top/needles/inside.txt",
            "elsewhere/needle.txt",
        ],
    )
    # Two keys a page: the recursive results arrive over several pages.
    window = windows.open(connection_for(seaweed, max_keys=2), Location(bucket, "top/"))
    model = window.controller.model
    wait_for(qtbot, lambda: "a" in names(window))
    window.filter_box.setText("needle")
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Return)  # server-side prefix search
    wait_for(qtbot, lambda: names(window) == ["needles", "needle-first.txt"])
    assert model.stream is not None and model.stream.prefix == "top/"
    assert window.search.label.text() == "Names starting with “needle” (server)"

    window.search.recursive_action.trigger()
    wait_for(qtbot, lambda: model.complete and not model.loading)
    assert names(window) == ["a/b/deep-NEEDLE.bin", "needle-first.txt", "needles/inside.txt"]
    assert window.controller.location == Location(bucket, "top/")
    assert window.search.label.isVisible() and "subfolders" in window.search.label.text()
    window.filter_box.clear()  # the results stay; only the loaded-names filter goes
    assert window.search.label.isVisible()
    window.refresh_action.trigger()  # back to the folder's own listing
    wait_for(qtbot, lambda: "a" in names(window))
    assert not window.search.label.isVisible()


def test_recursive_search_can_be_stopped(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"n/{i:03d}/needle" for i in range(40)])
    window = windows.open(connection_for(seaweed, max_keys=1), Location(bucket, "n/"))
    model = window.controller.model
    wait_for(qtbot, lambda: model.rowCount() > 0 and not model.loading)
    window.filter_box.setText("needle")
    window.search.recursive_action.trigger()
    wait_for(qtbot, lambda: model.rowCount() >= 1)
    window.search.stop_action.trigger()
    stream = model.stream
    assert stream is not None and stream.cancelled and not model.loading
    assert not model.complete  # stopped before the end
