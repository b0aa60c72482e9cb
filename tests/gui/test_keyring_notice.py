"""With no keyring, the first window says so once, as a notice (not an error), and connecting
to a bookmark asks for its secret instead of failing on every action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.ui.application import FirstWindow, WindowSet
from app.ui.dialogs.secret_prompt import SecretPromptDialog
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import WAIT_MS, wait_for
from tests.gui.test_app_wiring import open_first, settle, started, store, window_set  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("no_keyring")]


def test_no_keyring_is_told_once_and_connecting_asks_for_the_secret(
    qtbot: QtBot,
    window_set: WindowSet,  # noqa: F811
    started: list[FirstWindow],  # noqa: F811
    store: BookmarkStore,  # noqa: F811
    seaweed: RunningS3,
    bucket: str,
) -> None:
    lab = store.add(
        Bookmark(
            nickname="Lab",
            profile="seaweedfs",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
        )
    )
    first = open_first(qtbot, window_set, started)
    assert first.sandbox is None and first.keyring_notice is not None
    wait_for(qtbot, first.keyring_notice.done)
    assert first.keyring_notice.result() is True
    window = first.window
    banner = window.error_banner
    assert banner.isVisible() and banner.notice
    assert banner.accessibleName() == "Notice"
    assert "No system keyring is available" in banner.text and "KWallet" in banner.text

    second = window_set.open_empty()  # a second window does not repeat it
    qtbot.addWidget(second)
    assert second.error_banner.isHidden()

    connector = window.bookmarks.connector
    with qtbot.waitSignal(connector.secret_requester.dialogOpened, timeout=WAIT_MS) as opened:
        connector.connect_bookmark(lab.id)
    prompt = opened.args[0]
    assert isinstance(prompt, SecretPromptDialog)
    qtbot.keyClicks(prompt.secret_edit, seaweed.secret_key)
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: bucket in window.folder_tree.labels())
    # Browsing went on under the notice: it is still there, and no error replaced it.
    assert banner.isVisible() and banner.notice
    assert "No system keyring is available" in banner.text
    settle(qtbot, window)
