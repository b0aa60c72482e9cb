"""Each kind of encryption gets its own icon and words in the window: SSE-S3, SSE-KMS, SSE-C
and client-side (the AWS encryption clients' envelope metadata), next to a plain object.
On moto, which (unlike SeaweedFS) has the KMS keys SSE-KMS needs; SSE-C comes from the
dedicated SeaweedFS test, since moto serves SSE-C objects without their key."""

from __future__ import annotations

import uuid
from typing import Any

import boto3
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.s3 import encryption_state
from app.ui.location import Location
from app.ui.models.listing_model import ENCRYPTION_ROLE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def test_sse_s3_sse_kms_client_side_and_plain_each_show_their_own_icon(
    qtbot: QtBot, windows: Windows, moto: RunningS3, moto_admin: Any
) -> None:
    kms = boto3.client(
        "kms",
        endpoint_url=moto.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
    )
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    put = moto_admin.put_object
    put(Bucket=bucket, Key="a-plain.txt", Body=b"x")
    put(Bucket=bucket, Key="b-sse-s3.txt", Body=b"x", ServerSideEncryption="AES256")
    put(
        Bucket=bucket,
        Key="c-sse-kms.txt",
        Body=b"x",
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId=key_id,
    )
    put(
        Bucket=bucket,
        Key="d-client.bin",
        Body=b"ciphertext",
        Metadata={"x-amz-key-v2": "d3JhcHBlZA==", "x-amz-cek-alg": "AES/GCM/NoPadding"},
    )
    expected = [
        encryption_state.NONE,
        encryption_state.SSE_S3,
        encryption_state.SSE_KMS,
        encryption_state.CLIENT_SIDE,
    ]

    window = windows.open(connection_for(moto), Location(bucket))
    wait_for(qtbot, lambda: len(names(window)) == 4)
    model = window.controller.model
    states = lambda: [model.index(r, 0).data(ENCRYPTION_ROLE) for r in range(4)]  # noqa: E731
    wait_for(qtbot, lambda: None not in states())
    assert states() == expected
    icons = [model.index(r, 0).data(Qt.ItemDataRole.DecorationRole) for r in range(1, 4)]
    assert len({icon.cacheKey() for icon in icons}) == 3  # one icon per kind
    for row, kind in enumerate(expected[1:], start=1):
        assert kind in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
