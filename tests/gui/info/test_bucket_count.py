"""The bucket General tab's object count and total size, on demand: Count, with and without
versions (moto), and Cancel part way through a larger bucket (SeaweedFS)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui.info.target import InfoTarget
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import fill, wait_for
from tests.gui.info.helpers import info_window, new_bucket, wait_loaded

pytestmark = pytest.mark.gui


def test_count_and_size_with_and_without_versions(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    admin = moto_admin
    bucket = new_bucket(admin)
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    admin.put_object(Bucket=bucket, Key="a", Body=b"x" * 10)
    admin.put_object(Bucket=bucket, Key="a", Body=b"x" * 20)
    admin.put_object(Bucket=bucket, Key="d/b", Body=b"x" * 5)
    admin.put_object(Bucket=bucket, Key="c", Body=b"x" * 7)
    admin.delete_object(Bucket=bucket, Key="c")
    with info_window(qtbot, moto, InfoTarget(bucket)) as window:
        wait_loaded(qtbot, window, ("infoBucketGeneralTab",))
        tab = window.bucket_general
        assert "Not counted" in tab.count_label.text()
        tab.count_button.click()
        assert not tab.count_button.isEnabled() and tab.count_cancel.isEnabled()
        wait_for(qtbot, tab.count_button.isEnabled)
        assert tab.count_label.text() == "2 objects, 25 B (25 bytes)"
        assert not tab.count_cancel.isEnabled() and tab.count_bar.isHidden()
        tab.versions_box.setChecked(True)
        tab.count_button.click()
        wait_for(qtbot, tab.count_button.isEnabled)
        assert tab.count_label.text() == "5 versions and delete markers, 42 B (42 bytes)"


def test_cancel_stops_the_count_part_way(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    bucket = new_bucket(seaweed_admin)
    fill(seaweed_admin, bucket, [f"k/{i:05}" for i in range(2500)])
    with info_window(qtbot, seaweed, InfoTarget(bucket)) as window:
        wait_loaded(qtbot, window, ("infoBucketGeneralTab",))
        tab = window.bucket_general
        tab.count_button.click()
        tab.count_cancel.click()  # before the first page of 1,000 is back
        wait_for(qtbot, tab.count_button.isEnabled)
        text = tab.count_label.text()
        assert text.startswith("Cancelled; counted until then: ")
        assert "2,500 objects" not in text
        tab.count_button.click()  # a new count runs to the end
        wait_for(qtbot, tab.count_button.isEnabled)
        assert tab.count_label.text().startswith("2,500 objects, ")
