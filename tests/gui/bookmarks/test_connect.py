"""Connect to the SeaweedFS test server through the connect dialog, typing the keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.bookmarks.login import LoginFailed, open_bookmark
from app.core.bookmarks.model import SECRET_KEY
from app.core.errors import describe
from app.core.profiles import import_profile_file
from app.core.s3.session import S3Session
from app.ui.bookmarks.connect_controller import ConnectController
from app.ui.bookmarks.connector import BookmarkConnector
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from tests.fixtures.iam_moto import BucketReader, bucket_reader
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.profile_files import write_profile
from tests.fixtures.servers import RunningS3
from tests.gui.bookmarks.conftest import WAIT_MS, stored_text

pytestmark = pytest.mark.gui


@pytest.fixture
def model(store: BookmarkStore) -> Iterator[BookmarkListModel]:
    bookmarks = BookmarkListModel(store)
    yield bookmarks
    bookmarks.shutdown()


@pytest.fixture
def controller() -> Iterator[ConnectController]:
    connect = ConnectController()
    yield connect
    connect.shutdown()


def connect_dialog(
    qtbot: QtBot,
    model: BookmarkListModel,
    controller: ConnectController,
    seaweed: RunningS3,
    secret: str,
) -> BookmarkDialog:
    """The connect dialog on the shipped SeaweedFS profile, host and port typed in."""
    dialog = BookmarkDialog(model, connect_with=controller)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.select_profile("seaweedfs")
    qtbot.keyClicks(dialog.nickname_edit, "Test SeaweedFS")
    qtbot.keyClicks(dialog.host_edit, seaweed.host)
    qtbot.keyClicks(dialog.port_edit, str(seaweed.port))
    qtbot.keyClicks(dialog.username_edit, seaweed.access_key)
    qtbot.keyClicks(dialog.password_edit, secret)
    return dialog


def test_connect_dialog_logs_in_and_lists_buckets(
    qtbot: QtBot,
    store: BookmarkStore,
    model: BookmarkListModel,
    controller: ConnectController,
    seaweed: RunningS3,
    bucket: str,
) -> None:
    dialog = connect_dialog(qtbot, model, controller, seaweed, seaweed.secret_key)
    with (
        qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened,
        qtbot.waitSignal(dialog.connected, timeout=WAIT_MS) as connected,
    ):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    result = opened.args[0]
    assert bucket in result.buckets
    assert not result.scoped
    assert isinstance(connected.args[0], S3Session)
    assert connected.args[0] is result.session
    assert not dialog.isVisible()

    # Saved as a bookmark, the secret in the keyring and not in the file.
    [entry] = json.loads(stored_text(store))["bookmarks"]
    assert entry["host"] == seaweed.host
    assert entry["port"] == seaweed.port
    assert seaweed.secret_key not in stored_text(store)
    assert secrets.get_secret(f"bookmark:{entry['id']}", SECRET_KEY) == seaweed.secret_key


def test_a_secret_not_saved_is_used_once_and_forgotten(
    qtbot: QtBot,
    store: BookmarkStore,
    model: BookmarkListModel,
    controller: ConnectController,
    seaweed: RunningS3,
    bucket: str,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = connect_dialog(qtbot, model, controller, seaweed, seaweed.secret_key)
    dialog.save_secret_check.setChecked(False)
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert bucket in opened.args[0].buckets
    # Put in the keyring under a throw-away name for the login only, then deleted.
    assert seaweed.secret_key not in memory_keyring.store.values()
    assert memory_keyring.store == {}
    assert seaweed.secret_key not in stored_text(store)


def test_a_wrong_secret_shows_the_translated_error(
    qtbot: QtBot,
    store: BookmarkStore,
    model: BookmarkListModel,
    controller: ConnectController,
    seaweed: RunningS3,
) -> None:
    dialog = connect_dialog(qtbot, model, controller, seaweed, "not-the-secret")
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    message = failed.args[0]
    assert dialog.isVisible()
    assert dialog.status_label.text() == message
    assert dialog.ok_button.isEnabled()

    # The message is the error describer's, for the same failure made by the core directly
    # (on a worker thread: the test thread is the GUI thread).
    bookmark = store.list()[0]
    with ThreadPoolExecutor(1) as pool:
        error = pool.submit(_login_error, bookmark).result()
    assert isinstance(error, LoginFailed)
    assert message == str(describe(error.cause, error.operation))
    assert "SignatureDoesNotMatch" in message or "secret access key" in message.lower()
    assert "not-the-secret" not in message
    assert "Traceback" not in message


def _login_error(bookmark: Bookmark) -> BaseException | None:
    try:
        open_bookmark(bookmark)
    except Exception as exc:
        return exc
    return None


def test_an_unsaved_connection_without_a_secret_says_what_is_missing(
    qtbot: QtBot,
    store: BookmarkStore,
    model: BookmarkListModel,
    controller: ConnectController,
    seaweed: RunningS3,
) -> None:
    dialog = connect_dialog(qtbot, model, controller, seaweed, "")
    dialog.keep_bookmark_check.setChecked(False)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "No secret access key" in failed.args[0]
    assert store.list() == []


@pytest.fixture
def reader() -> Iterator[BucketReader]:
    with bucket_reader() as setup:
        yield setup


def test_a_bookmark_whose_keys_cannot_list_buckets_opens_scoped_to_its_path(
    qtbot: QtBot,
    store: BookmarkStore,
    controller: ConnectController,
    reader: BucketReader,
) -> None:
    server, bucket, key_id, secret = (
        reader.server,
        reader.bucket,
        reader.access_key_id,
        reader.secret_key,
    )
    bookmark = Bookmark(
        "Scoped",
        "s3-http",
        host=server.host,
        port=server.port,
        path=f"{bucket}/inbox",
        access_key_id=key_id,
    )
    store.add(bookmark, secret_key=secret)
    own_client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        region_name="us-east-1",
    )
    with pytest.raises(ClientError, match="AccessDenied"):  # the server really refuses them
        own_client.list_buckets()

    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        controller.open_bookmark(bookmark)
    result = opened.args[0]
    assert result.scoped
    assert result.buckets == (bucket,)
    assert result.session.connection.prefix == "inbox/"


def test_a_wrong_secret_is_not_taken_for_a_scoped_key(
    store: BookmarkStore,
    reader: BucketReader,
) -> None:
    """Only a refusal sends the login to the bookmark's path: bad keys fail as ListBuckets."""
    server, bucket, key_id = reader.server, reader.bucket, reader.access_key_id
    bookmark = Bookmark(
        "Wrong", "s3-http", host=server.host, port=server.port, path=bucket, access_key_id=key_id
    )
    store.add(bookmark, secret_key="not-the-secret")
    with ThreadPoolExecutor(1) as worker, pytest.raises(LoginFailed) as failed:
        worker.submit(open_bookmark, bookmark).result()  # off the GUI thread
    assert failed.value.operation == "ListBuckets"
    assert "SignatureDoesNotMatch" in str(failed.value.cause)


ROLE = "arn:aws:iam::123456789012:role/eider-gui-test"
MFA = "arn:aws:iam::123456789012:mfa/eider-gui-user"


def sts_mfa_profile(moto: RunningS3) -> str:
    return f"""
  <key>Protocol</key><string>s3</string>
  <key>Vendor</key><string>moto-sts-mfa</string>
  <key>Description</key><string>Moto with STS AssumeRole and MFA</string>
  <key>Scheme</key><string>http</string>
  <key>Default Hostname</key><string>{moto.host}</string>
  <key>Default Port</key><string>{moto.port}</string>
  <key>Hostname Configurable</key><false/>
  <key>Port Configurable</key><false/>
  <key>Role Configurable</key><true/>
  <key>Multi Factor Configurable</key><true/>
  <key>STS Endpoint</key><string>{moto.endpoint_url}</string>
  <key>Properties</key>
  <dict><key>s3.bucket.virtualhost.disable</key><true/></dict>
"""


def test_connect_through_a_role_with_mfa_asks_for_the_code(
    qtbot: QtBot,
    store: BookmarkStore,
    model: BookmarkListModel,
    controller: ConnectController,
    moto: RunningS3,
    moto_admin: Any,
    tmp_path: Path,
) -> None:
    moto_admin.create_bucket(Bucket="role-mfa-bucket")
    import_profile_file(write_profile(tmp_path, sts_mfa_profile(moto), name="Moto.profile"))
    dialog = BookmarkDialog(model, connect_with=controller)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.select_profile("moto-sts-mfa")
    assert not dialog.form.isRowVisible(dialog.host_edit)
    assert dialog.form.isRowVisible(dialog.role_edit)
    assert dialog.form.isRowVisible(dialog.mfa_edit)
    qtbot.keyClicks(dialog.username_edit, "AKIASOURCEKEY0000002")
    qtbot.keyClicks(dialog.password_edit, "source-secret-gui")
    qtbot.keyClicks(dialog.role_edit, ROLE)
    qtbot.keyClicks(dialog.mfa_edit, MFA)

    with qtbot.waitSignal(controller.mfa_prompt.dialogOpened, timeout=WAIT_MS) as asked:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    mfa_dialog = asked.args[0]
    assert MFA in mfa_dialog.findChild(QLabel, "mfaMessage").text()
    qtbot.keyClicks(mfa_dialog.code_edit, "654321")
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(mfa_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "role-mfa-bucket" in opened.args[0].buckets
    [entry] = json.loads(stored_text(store))["bookmarks"]
    assert (entry["role_arn"], entry["mfa_serial"]) == (ROLE, MFA)
    assert "source-secret-gui" not in stored_text(store)


@pytest.fixture
def connector(
    qtbot: QtBot, sidebar: BookmarksSidebar, controller: ConnectController
) -> BookmarkConnector:
    connect = BookmarkConnector(sidebar.model, controller, sidebar)
    sidebar.connectRequested.connect(connect.connect_bookmark)
    return connect


def test_a_saved_bookmark_connects_from_the_sidebar(
    qtbot: QtBot,
    sidebar: BookmarksSidebar,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed: RunningS3,
    bucket: str,
) -> None:
    bookmark = Bookmark(
        "Saved", "seaweedfs", host=seaweed.host, port=seaweed.port, access_key_id=seaweed.access_key
    )
    sidebar.model.store.add(bookmark, secret_key=seaweed.secret_key)
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        sidebar.connect_action.trigger()
    assert bucket in opened.args[0].buckets
    assert connector.dialog is None  # nothing to ask


def test_a_bookmark_without_a_saved_secret_opens_the_dialog_to_ask_for_it(
    qtbot: QtBot,
    sidebar: BookmarksSidebar,
    store: BookmarkStore,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed: RunningS3,
    bucket: str,
) -> None:
    bookmark = Bookmark(
        "No secret",
        "seaweedfs",
        host=seaweed.host,
        port=seaweed.port,
        access_key_id=seaweed.access_key,
    )
    sidebar.model.store.add(bookmark)
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    with qtbot.waitSignal(connector.dialogOpened, timeout=WAIT_MS) as shown:
        sidebar.connect_action.trigger()
    dialog = shown.args[0]
    assert "No secret access key" in dialog.status_label.text()
    assert dialog.username_edit.text() == seaweed.access_key
    assert dialog.host_edit.text() == seaweed.host

    qtbot.keyClicks(dialog.password_edit, seaweed.secret_key)
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert bucket in opened.args[0].buckets
    qtbot.waitUntil(lambda: connector.dialog is None, timeout=WAIT_MS)
    assert secrets.get_secret(bookmark.secret_owner, SECRET_KEY) == seaweed.secret_key
    assert seaweed.secret_key not in stored_text(store)
