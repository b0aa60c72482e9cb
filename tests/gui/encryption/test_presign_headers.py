"""The pre-signed URL dialog shows the headers an SSE-C URL needs, and only then."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.core.s3.urls import Method, PresignedUrl
from app.core.sse_c.presign_headers import SseCHeaders
from app.ui.dialogs.presign import PresignDialog

pytestmark = pytest.mark.gui


def _url(headers: tuple[tuple[str, str], ...]) -> PresignedUrl:
    now = datetime.now(UTC)
    return PresignedUrl(
        url="https://s3.example.com/b/k?X-Amz-Signature=abc",
        method=Method.GET,
        bucket="b",
        key="k",
        created=now,
        expires=now + timedelta(hours=1),
        access_key_id="AKIDEXAMPLE",
        endpoint="https://s3.example.com",
        headers=headers,
    )


def test_headers_are_shown_for_sse_c_and_hidden_otherwise(qtbot: QtBot) -> None:
    dialog = PresignDialog(None, "b", "k")
    qtbot.addWidget(dialog)
    key = os.urandom(32)
    sse_c = SseCHeaders(key)
    dialog.show_url(_url(tuple(sse_c.shown())))
    text = dialog.headers_label.text()
    assert not dialog.headers_label.isHidden()
    assert "x-amz-server-side-encryption-customer-algorithm: AES256" in text
    md5 = sse_c.sent()["x-amz-server-side-encryption-customer-key-md5"]
    assert f"x-amz-server-side-encryption-customer-key-md5: {md5}" in text
    assert sse_c.sent()["x-amz-server-side-encryption-customer-key"] not in text
    assert dialog.headers_label.accessibleName() == "Headers the URL needs"
    dialog.show_url(_url(()))
    assert dialog.headers_label.isHidden()
    dialog.show_url(_url(tuple(sse_c.shown())))
    dialog.show_refusal("refused")
    assert dialog.headers_label.isHidden()
