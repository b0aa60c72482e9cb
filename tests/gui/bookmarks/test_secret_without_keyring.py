"""Connecting to a bookmark with no keyring: the secret is asked, kept for this session only
(the default) or in Eider's vault; the vault's password is asked once per session.

keyring's fail backend stands in for "no Secret Service" (the `no_keyring` fixture); the
logins go to the session's real SeaweedFS. After each mode, no file under Eider's folders
holds the secret in plain text.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.model import SECRET_KEY
from app.core.credentials.spec import CredentialKind
from app.core.secrets import Place, Vault
from app.ui.bookmarks.connect_controller import ConnectController
from app.ui.bookmarks.connector import BookmarkConnector
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.dialogs.secret_prompt import SecretPromptDialog
from app.ui.dialogs.vault_password import VaultPasswordDialog
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.plaintext_scan import file_count, files_holding
from tests.fixtures.servers import RunningS3
from tests.gui.bookmarks.conftest import WAIT_MS

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("no_keyring")]

PASSWORD = "vault master password"


@pytest.fixture
def lab(store: BookmarkStore, seaweed: RunningS3) -> Bookmark:
    return store.add(
        Bookmark(
            nickname="Lab",
            profile="s3-http",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
            credential_kind=CredentialKind.STATIC,
        )
    )


@pytest.fixture
def connector(qtbot: QtBot, store: BookmarkStore, lab: Bookmark) -> Iterator[BookmarkConnector]:
    """A connector over a sidebar model that lists `lab`."""
    parent = QWidget()
    qtbot.addWidget(parent)
    model = BookmarkListModel(store)
    controller = ConnectController()
    connect = BookmarkConnector(model, controller, parent)
    yield connect
    connect.shutdown()
    controller.shutdown()
    model.shutdown()


def next_dialog(qtbot: QtBot, connector: BookmarkConnector, action: object) -> object:
    with qtbot.waitSignal(connector.secret_requester.dialogOpened, timeout=WAIT_MS) as opened:
        action()  # type: ignore[operator]
    return opened.args[0]


def ok(qtbot: QtBot, dialog: SecretPromptDialog | VaultPasswordDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_secret_for_this_session_only_is_kept_in_memory(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark, seaweed: RunningS3, bucket: str
) -> None:
    dialog = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(dialog, SecretPromptDialog)
    assert dialog.session_only.isChecked() and not dialog.keep_in_vault.isChecked()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.secret_edit, seaweed.secret_key)
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS) as opened:
        ok(qtbot, dialog)
    assert bucket in opened.args[0].buckets
    assert secrets.where(lab.secret_owner, SECRET_KEY) is Place.SESSION
    assert not Vault().exists()
    assert file_count() > 0 and files_holding(seaweed.secret_key) == []

    # Connecting again in the same session asks nothing.
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS):
        connector.connect_bookmark(lab.id)


def test_keeping_it_in_a_new_vault_asks_the_password_twice(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark, seaweed: RunningS3, bucket: str
) -> None:
    prompt = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(prompt, SecretPromptDialog)
    qtbot.keyClicks(prompt.secret_edit, seaweed.secret_key)
    prompt.keep_in_vault.setChecked(True)
    create = next_dialog(qtbot, connector, lambda: ok(qtbot, prompt))
    assert isinstance(create, VaultPasswordDialog) and create.create
    assert create.repeat_edit.isVisibleTo(create)
    qtbot.keyClicks(create.password_edit, PASSWORD)
    qtbot.keyClicks(create.repeat_edit, PASSWORD + "x")
    ok(qtbot, create)
    assert create.isVisible() and "differ" in create.error_label.text()
    create.repeat_edit.setText(PASSWORD)
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS) as opened:
        ok(qtbot, create)
    assert bucket in opened.args[0].buckets
    assert secrets.where(lab.secret_owner, SECRET_KEY) is Place.VAULT
    later = Vault()
    later.unlock(PASSWORD)
    assert later.get(f"{lab.secret_owner}/{SECRET_KEY}") == seaweed.secret_key
    assert files_holding(seaweed.secret_key) == [] and files_holding(PASSWORD) == []


def test_a_short_master_password_is_refused_in_words(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark, seaweed: RunningS3
) -> None:
    prompt = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    qtbot.keyClicks(prompt.secret_edit, seaweed.secret_key)
    prompt.keep_in_vault.setChecked(True)
    create = next_dialog(qtbot, connector, lambda: ok(qtbot, prompt))
    create.password_edit.setText("short")
    create.repeat_edit.setText("short")
    again = next_dialog(qtbot, connector, lambda: ok(qtbot, create))
    assert isinstance(again, VaultPasswordDialog)
    assert "too short (at least 8 characters)" in again.error_label.text()
    # Cancelling the vault still connects, with the secret kept for this session only.
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS):
        again.reject()
    assert secrets.where(lab.secret_owner, SECRET_KEY) is Place.SESSION
    assert not Vault().exists()


def test_the_vault_is_unlocked_once_a_wrong_password_asks_again(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark, seaweed: RunningS3, bucket: str
) -> None:
    vault = Vault()
    vault.create(PASSWORD)
    vault.put(f"{lab.secret_owner}/{SECRET_KEY}", seaweed.secret_key)
    unlock = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(unlock, VaultPasswordDialog) and not unlock.create
    qtbot.keyClicks(unlock.password_edit, "not the password")
    again = next_dialog(qtbot, connector, lambda: ok(qtbot, unlock))
    assert isinstance(again, VaultPasswordDialog)
    assert "does not open Eider's vault" in again.error_label.text()
    qtbot.keyClicks(again.password_edit, PASSWORD)
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS) as opened:
        ok(qtbot, again)
    assert bucket in opened.args[0].buckets
    assert secrets.the_vault().unlocked
    # Once per session: the next connection asks nothing.
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS):
        connector.connect_bookmark(lab.id)
    assert files_holding(seaweed.secret_key) == []


def test_a_declined_unlock_is_not_asked_again_this_session(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark, seaweed: RunningS3
) -> None:
    Vault().create(PASSWORD)
    unlock = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(unlock, VaultPasswordDialog)
    prompt = next_dialog(qtbot, connector, unlock.reject)
    assert isinstance(prompt, SecretPromptDialog)
    with qtbot.waitSignal(connector.connectingChanged, timeout=WAIT_MS) as done:
        prompt.reject()
    assert done.args == [""]
    assert secrets.where(lab.secret_owner, SECRET_KEY) is None
    second = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(second, SecretPromptDialog)  # straight to the secret
    second.reject()
    qtbot.waitUntil(lambda: not connector.tasks, timeout=WAIT_MS)


def test_a_wrong_secret_opens_the_bookmark_dialog_with_the_error(
    qtbot: QtBot, connector: BookmarkConnector, lab: Bookmark
) -> None:
    prompt = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    qtbot.keyClicks(prompt.secret_edit, "not-the-secret-key")
    with qtbot.waitSignal(connector.dialogOpened, timeout=WAIT_MS) as opened:
        ok(qtbot, prompt)
    dialog = opened.args[0]  # deletes itself on close
    assert "secret access key does not match" in dialog.status_label.text()
    dialog.reject()


def test_a_secret_kept_in_the_vault_still_opens_once_a_keyring_appears(
    qtbot: QtBot,
    connector: BookmarkConnector,
    lab: Bookmark,
    seaweed: RunningS3,
    bucket: str,
    memory_keyring: MemoryKeyring,
) -> None:
    vault = Vault()
    vault.create(PASSWORD)
    vault.put(f"{lab.secret_owner}/{SECRET_KEY}", seaweed.secret_key)
    keyring.set_keyring(memory_keyring)  # the user started a keyring since
    unlock = next_dialog(qtbot, connector, lambda: connector.connect_bookmark(lab.id))
    assert isinstance(unlock, VaultPasswordDialog) and not unlock.create
    qtbot.keyClicks(unlock.password_edit, PASSWORD)
    with qtbot.waitSignal(connector.controller.opened, timeout=WAIT_MS) as opened:
        ok(qtbot, unlock)
    assert bucket in opened.args[0].buckets
    assert secrets.where(lab.secret_owner, SECRET_KEY) is Place.VAULT
