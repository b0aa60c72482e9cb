"""The bookmark dialog's Region field is an editable list of the chosen profile's regions (the
same list New Bucket… offers): a region from the list or a typed one is saved, a bookmark's
region outside the list is kept when it is edited, and changing the profile drops a region the
new profile does not list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.profiles import settings as profile_settings
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from tests.gui.bookmarks.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def offered(dialog: BookmarkDialog) -> list[str]:
    combo = dialog.region_combo
    return [combo.itemText(i) for i in range(combo.count())]


def save(qtbot: QtBot, sidebar: BookmarksSidebar, dialog: BookmarkDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sidebar.pending == 0, timeout=WAIT_MS)


def test_the_region_field_offers_the_profiles_regions(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    dialog = sidebar.add()
    assert dialog.region_combo.isEditable()
    for vendor in ("amazon-s3", "wasabi", "digitalocean-spaces"):
        dialog.select_profile(vendor)
        profile = dialog.profile
        assert profile is not None and len(profile.regions) > 5
        assert offered(dialog) == list(profile.regions), vendor
        assert dialog.region_combo.lineEdit().placeholderText() == profile_settings.region(profile)
    dialog.select_profile("s3-compatible")  # no list: its one default region
    assert offered(dialog) == ["us-east-1"]

    dialog.select_profile("wasabi")
    dialog.region_combo.setCurrentIndex(offered(dialog).index("eu-central-1"))
    dialog.select_profile("amazon-s3")  # AWS lists eu-central-1 too: it stays chosen
    assert dialog.region_combo.currentText() == "eu-central-1"
    dialog.select_profile("digitalocean-spaces")  # a region DigitalOcean has not: dropped
    assert dialog.region_combo.currentText() == ""
    dialog.select_profile("amazon-s3")
    dialog.region_combo.setCurrentIndex(offered(dialog).index("ap-southeast-2"))
    qtbot.keyClicks(dialog.nickname_edit, "Sydney")
    save(qtbot, sidebar, dialog)
    assert store.get("Sydney").region == "ap-southeast-2"


def test_a_region_outside_the_list_is_kept_and_can_be_typed(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore
) -> None:
    store.add(Bookmark("Odd", "amazon-s3", region="xx-moon-1"))
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    dialog = sidebar.edit()
    assert dialog is not None
    assert dialog.region_combo.currentText() == "xx-moon-1"
    assert "us-east-1" in offered(dialog)
    save(qtbot, sidebar, dialog)
    assert store.get("Odd").region == "xx-moon-1"

    dialog = sidebar.edit()
    assert dialog is not None
    dialog.region_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.region_combo.lineEdit(), "eu-south-2")
    save(qtbot, sidebar, dialog)
    assert store.get("Odd").region == "eu-south-2"
