"""The listing model: Qt's model contract (qtmodeltester) while real pages stream in, and
what the rows show."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.core.s3.session import ListingPage, ObjectEntry, S3Session
from app.ui.format import human_size
from app.ui.models.listing_model import (
    ETAG,
    IS_FOLDER_ROLE,
    KEY_ROLE,
    MODIFIED,
    NAME,
    SIZE,
    STORAGE_CLASS,
    ListingModel,
    format_modified,
)
from app.ui.models.listing_stream import ListingStream
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import fill, wait_for

pytestmark = pytest.mark.gui


def test_model_contract_holds_while_pages_arrive_sort_and_filter(
    qtbot: QtBot,
    qtmodeltester: Any,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    bridge: Any,
) -> None:
    keys = [f"p/{i:04d}.txt" for i in range(120)] + ["p/", "p/sub/a", "p/zz/b"]
    fill(seaweed_admin, bucket, keys)
    session = S3Session(connection_for(seaweed, max_keys=50))
    model = ListingModel()
    qtmodeltester.check(model, force_py=True)  # hooks every later change too
    stream = ListingStream(session.list_prefix(bucket, "p/"), bridge, bucket, "p/")
    model.set_stream(stream, "p/")
    stream.fetch_next()
    wait_for(qtbot, lambda: model.rowCount() > 0 and not model.loading)
    model.sort(SIZE, Qt.SortOrder.DescendingOrder)  # pages keep arriving into a sorted view
    model.set_filter("1")
    model.load_everything()
    wait_for(qtbot, lambda: model.complete and not model.loading)
    model.set_filter("")
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert bridge.errors == []
    assert model.rowCount() == 122  # 120 files + 2 folders; the `p/` placeholder is no row
    assert [model.index(r, NAME).data() for r in range(3)] == ["sub", "zz", "0000.txt"]
    assert model.index(0, NAME).data(IS_FOLDER_ROLE) is True
    assert model.index(2, NAME).data(KEY_ROLE) == "p/0000.txt"
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, NAME).data() for r in range(3)] == ["zz", "sub", "0119.txt"]


def test_rows_show_size_date_class_and_etag_and_odd_keys(qtbot: QtBot) -> None:
    model = ListingModel()
    # Pages as the core delivers them (no server can be made to send these exact fields).
    stream_prefix = "a/"
    model.set_stream(None, stream_prefix)
    page = ListingPage(
        "b",
        stream_prefix,
        ("a//",),  # `a//x`: a folder whose name is empty
        (
            ObjectEntry("a/", 0, "2026-01-02T03:04:05.000Z", '"d41d8"', "STANDARD"),
            ObjectEntry("a/ trailing ", 1536, "2026-01-02T03:04:05.000Z", '"abc"', "GLACIER"),
            ObjectEntry("a/caf\u0065\u0301", 5, "not a date", '"e"', "STANDARD"),
        ),
        True,
    )
    model.append_page(page)
    assert model.rowCount() == 3
    assert model.index(0, NAME).data() == "/"
    assert model.index(1, NAME).data() == " trailing "
    assert model.index(1, SIZE).data() == "1.5 KiB"
    assert model.index(1, STORAGE_CLASS).data() == "GLACIER"
    assert model.index(1, ETAG).data() == "abc"
    assert model.index(1, MODIFIED).data() == format_modified("2026-01-02T03:04:05.000Z")
    assert model.index(1, MODIFIED).data().startswith("2026-01-0")
    assert model.index(2, NAME).data() == "cafe\u0301"  # non-NFC kept as is
    assert model.index(2, MODIFIED).data() == "not a date"
    assert model.rowCount(model.index(0, 0)) == 0
    assert not model.canFetchMore(QModelIndex())
    assert "1 folder, 2 objects, 1.5 KiB" in model.summary()


def test_human_size() -> None:
    assert human_size(0) == "0 B"
    assert human_size(1023) == "1023 B"
    assert human_size(1024) == "1.0 KiB"
    assert human_size(5 * 1024**3) == "5.0 GiB"
    assert human_size(200 * 1024**2) == "200 MiB"
