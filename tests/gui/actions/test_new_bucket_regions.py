"""New Bucket… offers the regions of the connection's profile and creates the bucket in the
one chosen (moto records the LocationConstraint; GetBucketLocation reads it back)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, connection_for_bookmark
from app.core.profiles.parse import profile_from_dict
from app.ui.dialogs.new_bucket import NewBucketDialog
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui

REGIONS = ["eu-west-3", "ap-south-1", "sa-east-1"]


def bucket_names(window: Any) -> list[str]:
    model = window.controller.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_new_bucket_offers_the_profile_regions_and_creates_in_the_chosen_one(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    profile = profile_from_dict(
        {
            "Protocol": "s3",
            "Vendor": "regions-test",
            "Description": "A provider with three regions",
            "Scheme": "http",
            "Default Port": str(moto.port),
            "Regions": REGIONS,
        },
        "regions-test.cyberduckprofile",
    )
    bookmark = Bookmark(
        nickname="Regions", profile="regions-test", host=moto.host, access_key_id=moto.access_key
    )
    connection = connection_for_bookmark(bookmark, profile)
    assert connection.regions == tuple(REGIONS)  # carried by the core, not read by the UI
    secrets.set_secret(connection.credentials.secret_owner, "secret-key", moto.secret_key)

    window = windows.open(connection)
    wait_for(qtbot, lambda: window.controller.session is not None)
    window.object_actions.actions["newBucketAction"].trigger()
    wait_for(qtbot, lambda: isinstance(window.object_actions.dialog, NewBucketDialog))
    dialog = window.object_actions.dialog
    box = dialog.region_box
    assert [box.itemText(i) for i in range(box.count())] == REGIONS
    assert dialog.region == "eu-west-3"  # the profile's first region is its default
    box.setCurrentIndex(1)
    name = f"rg-{uuid.uuid4().hex[:12]}"
    dialog.name_edit.setText(name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: name in bucket_names(window))
    location = moto_admin.get_bucket_location(Bucket=name)["LocationConstraint"]
    assert location == "ap-south-1"
    moto_admin.delete_bucket(Bucket=name)
