"""The hidden-files tables' proxy: Qt's model contract (qtmodeltester) while real version
pages stream in from SeaweedFS into a sorted, filtered view, and its mapping back to rows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.s3 import versions
from app.core.s3.session import S3Session
from app.ui.models.listing_stream import ListingStream
from app.ui.models.sorted_table import SortedTable
from app.ui.models.versions_model import NAME, SIZE, VersionsModel
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui


def test_contract_holds_while_version_pages_arrive_sorted_and_filtered(
    qtbot: QtBot,
    qtmodeltester: Any,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    bridge: Any,
) -> None:
    admin = seaweed_admin
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for i in range(12):
        for size in (i, 100 + i):  # two versions each: sizes from 0 to 111
            admin.put_object(Bucket=bucket, Key=f"p/{i:02d}.txt", Body=b"s" * size)
    admin.delete_object(Bucket=bucket, Key="p/03.txt")
    session = S3Session(connection_for(seaweed, max_keys=5))
    model = VersionsModel()
    table = SortedTable(model)
    qtmodeltester.check(table, force_py=True)  # hooks every later change too
    stream = ListingStream(versions.list_versions(session, bucket, "p/", "/"), bridge, bucket, "p/")
    model.set_stream(stream, "p/")
    table.sort(SIZE, Qt.SortOrder.DescendingOrder)  # pages arrive into a sorted view
    table.set_filter("1")  # 01.txt, 10.txt, 11.txt
    while not model.complete:  # page by page, as a scrolling view asks for them
        stream.fetch_next()
        wait_for(qtbot, lambda: not model.loading)
    assert model.rowCount() == 25  # 24 versions and a delete marker
    names = [table.index(r, NAME).data() for r in range(table.rowCount())]
    assert sorted(set(names)) == ["01.txt", "10.txt", "11.txt"]
    sizes = [model.row(table.source_row(r)) for r in range(table.rowCount())]
    assert [s.key for s in sizes][:2] == ["p/11.txt", "p/10.txt"]  # 111 and 110 bytes
    assert table.summary() == "24 versions, 1 delete marker · filter shows 6 of 25"
    table.set_filter("")
    table.sort(-1)  # the server's order again
    assert [table.source_row(r) for r in range(table.rowCount())] == list(range(25))


def test_the_summary_says_a_sort_covers_only_what_is_loaded(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any, bucket: str, bridge: Any
) -> None:
    for i in range(7):
        seaweed_admin.put_object(Bucket=bucket, Key=f"{i}.txt", Body=b"s" * i)
    session = S3Session(connection_for(seaweed, max_keys=5))
    model = VersionsModel()
    table = SortedTable(model)
    stream = ListingStream(versions.list_versions(session, bucket, "", "/"), bridge, bucket, "")
    model.set_stream(stream)
    stream.fetch_next()
    wait_for(qtbot, lambda: model.rowCount() == 5 and not model.loading)
    assert table.summary() == "5 versions, 0 delete markers loaded, more to load"
    table.sort(SIZE, Qt.SortOrder.DescendingOrder)
    assert table.summary() == (
        "5 versions, 0 delete markers loaded, more to load · sorted by size: 5 loaded of more"
    )
    stream.fetch_next()  # the next page is sorted in; nothing is left to load
    wait_for(qtbot, lambda: model.complete and not model.loading)
    assert [table.index(r, NAME).data() for r in range(3)] == ["6.txt", "5.txt", "4.txt"]
    assert table.summary() == "7 versions, 0 delete markers"
