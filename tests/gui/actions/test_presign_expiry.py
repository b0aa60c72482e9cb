"""Pre-signing with temporary keys from STS (moto's AssumeRole): a link that would outlive the
keys is still made, with a warning in the dialog that says when it stops working; a shorter one
carries no warning. Both links fetch the object."""

from __future__ import annotations

import urllib.request
import uuid
from typing import Any

import boto3
import pytest
from botocore.credentials import RefreshableCredentials
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.ui.dialogs.presign import PresignDialog
from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.actions.test_actions import select
from tests.gui.browsing import dialog_of, names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui

ROLE_HOURS = 2


def test_a_link_outliving_the_role_keys_is_made_with_a_warning(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="share.txt", Body=b"shared bytes")
    sts = boto3.client(
        "sts",
        endpoint_url=moto.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
    )

    def assume() -> dict[str, str]:
        issued = sts.assume_role(
            RoleArn="arn:aws:iam::123456789012:role/eider-sharer",
            RoleSessionName="eider-test",
            DurationSeconds=ROLE_HOURS * 3600,
        )["Credentials"]
        return {
            "access_key": issued["AccessKeyId"],
            "secret_key": issued["SecretAccessKey"],
            "token": issued["SessionToken"],
            "expiry_time": issued["Expiration"].isoformat(),
        }

    metadata = assume()
    credentials = RefreshableCredentials.create_from_metadata(metadata, assume, "assume-role")
    connection = connection_for(moto)
    window = windows.open(lambda: S3Session(connection, credentials=credentials), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["share.txt"])
    select(window, "share.txt")
    window.object_actions.actions["presignAction"].trigger()
    dialog = dialog_of(qtbot, window, PresignDialog)

    links: dict[int, tuple[str, str]] = {}
    for index in (0, 1):  # 1 hour (within the role's 2), then 24 hours (beyond)
        dialog.expiry_box.setCurrentIndex(index)
        dialog.url_edit.clear()
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: dialog.url_edit.text().startswith("http"))
        links[index] = (dialog.url_edit.text(), dialog.message_label.text())

    assert "Warning" not in links[0][1]
    assert "Warning" in links[1][1] and "stops working" in links[1][1]
    assert metadata["access_key"] in links[1][0]  # signed with the role's keys
    for url, _message in links.values():
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a test URL)
            assert response.read() == b"shared bytes"
    dialog.close()
