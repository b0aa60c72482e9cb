"""The Info window on a bucket: General first, then every bucket setting tab, each loading."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.info_context import InfoContext
from app.core.s3.info_section import Feature
from app.ui.info.bucket.section_tab import SectionTab
from app.ui.info.info_window import BUCKET_WIDTH
from app.ui.info.target import InfoTarget
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for
from tests.gui.info.helpers import info_window, new_bucket

pytestmark = pytest.mark.gui

BUCKET_TAB_TITLES = [
    "General",
    "Versioning",
    "Default encryption",
    "Object Lock",
    "Lifecycle",
    "Policy",
    "CORS",
    "Website",
    "Public access",
    "Access logging",
    "Tags",
    "Requester pays",
    "Transfer acceleration",
]


def _titles(window: Any) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_a_bucket_window_shows_and_loads_every_bucket_tab(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = new_bucket(moto_admin)
    moto_admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    loaded: list[str] = []
    with info_window(qtbot, moto, InfoTarget(bucket)) as window:
        window.tabLoaded.connect(loaded.append)
        assert window.width() == BUCKET_WIDTH  # wide enough for all 13 tab titles
        wait_for(qtbot, lambda: window.tabs.count() == len(BUCKET_TAB_TITLES))
        assert _titles(window) == BUCKET_TAB_TITLES
        tabs = [window.tabs.widget(i) for i in range(1, window.tabs.count())]
        assert all(isinstance(t, SectionTab) for t in tabs)
        names = [t.objectName() for t in tabs]
        wait_for(qtbot, lambda: set(names) | {"infoBucketGeneralTab"} <= set(loaded))
        assert [t.page for t in tabs] == ["content"] * len(tabs)  # type: ignore[attr-defined]
        versioning = window.tab("versioningTab")
        assert versioning.section is not None  # type: ignore[attr-defined]
        assert "Enabled" in str(versioning.section.value)  # type: ignore[attr-defined]


def test_a_bucket_window_leaves_out_what_the_profile_says_is_missing(
    qtbot: QtBot, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = new_bucket(moto_admin)
    context = InfoContext(
        unsupported=frozenset({Feature.LIFECYCLE, Feature.REQUESTER_PAYS, Feature.ACCELERATION})
    )
    with info_window(qtbot, moto, InfoTarget(bucket), context) as window:
        wait_for(qtbot, lambda: window.tabs.count() == len(BUCKET_TAB_TITLES) - 2)
        assert "Requester pays" not in _titles(window)
        lifecycle = window.tab("lifecycleTab")
        wait_for(qtbot, lambda: lifecycle.page != "loading")  # type: ignore[attr-defined]
        assert lifecycle.page == "unsupported"  # type: ignore[attr-defined]
