"""With no keyring, the first window says so once, as a notice (not an error), and connecting
to a bookmark asks for its secret instead of failing on every action; File > Change Vault
Password… re-encrypts the vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.secrets import Vault
from app.ui.application import FirstWindow, WindowSet
from app.ui.dialogs.secret_prompt import SecretPromptDialog
from app.ui.dialogs.vault_password import ChangeVaultPasswordDialog
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import WAIT_MS, wait_for
from tests.gui.test_app_wiring import open_first, settle, started  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("no_keyring")]


def test_no_keyring_is_told_once_and_connecting_asks_for_the_secret(
    qtbot: QtBot,
    window_set: WindowSet,
    started: list[FirstWindow],  # noqa: F811
    store: BookmarkStore,
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


def test_file_change_vault_password_re_encrypts_the_vault(
    qtbot: QtBot,
    window_set: WindowSet,
) -> None:
    window = window_set.open_empty()
    qtbot.addWidget(window)
    action = window.bookmarks.change_vault_password_action
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    requester = window.bookmarks.connector.secret_requester

    # No vault yet: the dialog says so and cannot be confirmed.
    with qtbot.waitSignal(requester.dialogOpened, timeout=WAIT_MS) as opened:
        action.trigger()
    dialog = opened.args[0]
    assert isinstance(dialog, ChangeVaultPasswordDialog)
    assert not dialog.ok_button.isEnabled() and "has not been created" in dialog.error_label.text()
    dialog.reject()

    vault = Vault()
    vault.create("the first password")
    vault.put("bookmark:1/secret-key", "kept")
    with qtbot.waitSignal(requester.dialogOpened, timeout=WAIT_MS) as opened:
        action.trigger()
    dialog = opened.args[0]
    dialog.current_edit.setText("not it at all")
    dialog.new_edit.setText("the second password")
    dialog.repeat_edit.setText("the second password")
    with qtbot.waitSignal(requester.dialogOpened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    again = opened.args[0]
    assert "does not open Eider's vault" in again.error_label.text()
    again.current_edit.setText("the first password")
    again.new_edit.setText("the second password")
    again.repeat_edit.setText("the second password")
    task = next(iter(window.bookmarks.connector.tasks))
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, task.done)
    assert task.result() is True
    later = Vault()
    later.unlock("the second password")
    assert later.get("bookmark:1/secret-key") == "kept"
