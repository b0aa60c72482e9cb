"""SSE-C through the Info window (SeaweedFS): a plain object is rewritten under the bookmark's
key, then a metadata change on the now SSE-C object reads it with that key; both are rewrite
jobs that record the key's name, never the key."""

from __future__ import annotations

import base64
import os
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.s3.info_context import InfoContext
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from app.ui.info.target import InfoTarget
from tests.fixtures.servers import RunningS3
from tests.gui.info.helpers import confirm, info_window, new_bucket, wait_loaded

pytestmark = pytest.mark.gui


def test_an_object_goes_to_sse_c_and_is_then_edited_with_the_key(
    qtbot: QtBot, seaweed: RunningS3, seaweed_admin: Any
) -> None:
    key = os.urandom(32)
    secrets.set_secret("info-vault", SSE_C_SECRET_KIND, base64.b64encode(key).decode())
    context = InfoContext(customer_key=key, customer_key_ref="info-vault")
    bucket = new_bucket(seaweed_admin)
    seaweed_admin.put_object(Bucket=bucket, Key="s.txt", Body=b"secret", Metadata={"a": "1"})
    read = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}

    with info_window(qtbot, seaweed, InfoTarget(bucket, ("s.txt",)), context) as window:
        wait_loaded(qtbot, window)
        tab = window.encryption
        assert tab.buttons["SSE-C"].isEnabled()
        tab.buttons["SSE-C"].setChecked(True)
        with qtbot.waitSignal(window.changeFinished, timeout=30_000) as finished:
            window.tabs.setCurrentWidget(tab)
            tab.apply_button.click()
            confirm(qtbot, window)
        assert "Saved" in str(finished.args[0])
    head = seaweed_admin.head_object(Bucket=bucket, Key="s.txt", **read)
    assert head["SSECustomerAlgorithm"] == "AES256" and head["Metadata"] == {"a": "1"}

    with info_window(qtbot, seaweed, InfoTarget(bucket, ("s.txt",)), context) as window:
        wait_loaded(qtbot, window)
        assert window.general.values["infoEncryption"].text().startswith("SSE-C")  # type: ignore[attr-defined]
        window.metadata.add_user("b", "2")
        with qtbot.waitSignal(window.changeFinished, timeout=30_000) as finished:
            window.tabs.setCurrentWidget(window.metadata)
            window.metadata.save_button.click()
            confirm(qtbot, window)
        assert "Saved" in str(finished.args[0]), window.progress.failures.count()
    head = seaweed_admin.head_object(Bucket=bucket, Key="s.txt", **read)
    assert head["Metadata"] == {"a": "1", "b": "2"}
    assert seaweed_admin.get_object(Bucket=bucket, Key="s.txt", **read)["Body"].read() == b"secret"
