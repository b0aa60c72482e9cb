"""A change to a folder and a multi-selection: a question stating the count, the change on
every object with progress, and the objects that could not be changed listed with the reason."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.info.target import InfoTarget
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for
from tests.gui.info.helpers import confirm, info_window, new_bucket

pytestmark = pytest.mark.gui


def _click_in_tab(qtbot: QtBot, window: Any, tab: Any, button: Any) -> None:
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_metadata_on_a_folder_and_an_object_changes_each_and_lists_the_failures(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    admin = seaweed_admin
    bucket = new_bucket(admin)
    for i in range(5):
        admin.put_object(
            Bucket=bucket,
            Key=f"batch/{i}.txt",
            Body=b"row",
            ContentType="text/plain",
            CacheControl="no-cache",
            Metadata={"orig": str(i)},
        )
    admin.put_object(Bucket=bucket, Key="top.txt", Body=b"top", Metadata={"orig": "top"})
    # SSE-C without its key in the window: this one cannot be rewritten, and must be listed.
    admin.put_object(
        Bucket=bucket,
        Key="batch/locked.bin",
        Body=b"secret",
        SSECustomerAlgorithm="AES256",
        SSECustomerKey=os.urandom(32),
    )
    target = InfoTarget(bucket, ("top.txt",), ("batch/",))
    with info_window(qtbot, seaweed, target) as window:
        tab = window.metadata
        assert not tab.is_loading  # a selection has nothing to read before editing
        tab.fields["content_type"].setText("text/csv")
        tab.add_user("batch", "1")
        with qtbot.waitSignal(window.changeFinished, timeout=60_000) as finished:
            _click_in_tab(qtbot, window, tab, tab.save_button)
            question = confirm(qtbot, window)
        assert "of 7 objects" in question and "new ETag" in question
        summary = str(finished.args[0])
        assert "6 of 7 objects" in summary and "1 could not be changed" in summary
        failures = window.progress.failures
        assert failures.count() == 1
        assert failures.item(0).text().startswith("batch/locked.bin: ")
        assert len(failures.item(0).text()) > len("batch/locked.bin: ") + 10  # a reason
        assert window.progress.bar.value() == 7
    for i in range(5):
        head = admin.head_object(Bucket=bucket, Key=f"batch/{i}.txt")
        assert head["ContentType"] == "text/csv"
        assert head["CacheControl"] == "no-cache"  # left empty: each object's own value kept
        assert head["Metadata"] == {"orig": str(i), "batch": "1"}
    top = admin.head_object(Bucket=bucket, Key="top.txt")
    assert top["Metadata"] == {"orig": "top", "batch": "1"}


def test_storage_class_and_tags_on_a_folder(qtbot: QtBot, moto: RunningS3, moto_admin: Any) -> None:
    admin = moto_admin
    bucket = new_bucket(admin)
    keys = [f"f/{i}" for i in range(4)]
    for key in keys:
        admin.put_object(Bucket=bucket, Key=key, Body=b"x", Metadata={"k": key})
    with info_window(qtbot, moto, InfoTarget(bucket, folders=("f/",))) as window:
        wait_for(qtbot, lambda: not window.storage_class.is_loading)
        sc = window.storage_class
        sc.choice.setCurrentText("STANDARD_IA")
        with qtbot.waitSignal(window.changeFinished, timeout=60_000) as finished:
            _click_in_tab(qtbot, window, sc, sc.apply_button)
            assert "of 4 objects" in confirm(qtbot, window)
        assert "4 of 4 objects" in str(finished.args[0])
        tags = window.tags
        tags.add_tag("batch", "one")
        with qtbot.waitSignal(window.changeFinished, timeout=60_000):
            _click_in_tab(qtbot, window, tags, tags.save_button)
            assert "of 4 objects" in confirm(qtbot, window)
    for key in keys:
        head = admin.head_object(Bucket=bucket, Key=key)
        assert head["StorageClass"] == "STANDARD_IA"
        assert head["Metadata"] == {"k": key}
        tag_set = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
        assert tag_set == [{"Key": "batch", "Value": "one"}]


def test_a_300_object_folder_is_one_rewrite_job_with_progress(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    from app.core.transfers.jobs import JobKind, JobState
    from tests.gui.conftest import fill

    admin = seaweed_admin
    bucket = new_bucket(admin)
    keys = [f"big/{i:03}.txt" for i in range(300)]
    fill(admin, bucket, keys, b"row")
    seen: list[tuple[int, int]] = []
    with info_window(qtbot, seaweed, InfoTarget(bucket, folders=("big/",))) as window:
        window.jobs.progressed.connect(lambda done, total: seen.append((done, total)))
        tab = window.metadata
        tab.fields["cache_control"].setText("max-age=300")
        with qtbot.waitSignal(window.changeFinished, timeout=120_000) as finished:
            _click_in_tab(qtbot, window, tab, tab.save_button)
            assert "of 300 objects" in confirm(qtbot, window)
        assert "300 of 300 objects" in str(finished.args[0])
        assert seen and seen[-1] == (300, 300)
        assert window.progress.bar.value() == 300 and window.progress.failures.count() == 0
        service = window.jobs.shared.service
        assert service is not None
        rewrites = [j for j in service.jobs() if j.kind is JobKind.REWRITE]
        assert len(rewrites) == 1 and rewrites[0].state is JobState.DONE
    for key in keys:
        assert admin.head_object(Bucket=bucket, Key=key)["CacheControl"] == "max-age=300"
