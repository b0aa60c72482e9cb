"""A bookmark whose server's certificate no CA vouches for: the window asks, showing the
SHA-256 fingerprint, and pins it only when the user says so. Against SeaweedFS over HTTPS with
a `trustme` CA that the bookmark does not trust."""

from __future__ import annotations

import hashlib
import ssl
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.tls_pinning import shown
from app.ui.bookmarks.connect_controller import ConnectController
from app.ui.bookmarks.connector import BookmarkConnector
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from app.ui.dialogs.certificate_prompt import CertificatePrompt
from tests.conftest import admin_client
from tests.fixtures.servers import RunningS3
from tests.gui.bookmarks.conftest import WAIT_MS

pytestmark = pytest.mark.gui

OTHER = "ab" * 32  # a fingerprint no server has


def _fingerprint(server: RunningS3) -> str:
    """Read independently of Eider: the PEM the server presents, hashed here."""
    pem = ssl.get_server_certificate((server.host, server.port))
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()


@pytest.fixture
def tls_bucket(seaweed_tls: RunningS3) -> str:
    name = f"t-{uuid.uuid4().hex[:20]}"
    admin_client(seaweed_tls).create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name


@pytest.fixture
def controller() -> Iterator[ConnectController]:
    connect = ConnectController()
    yield connect
    connect.shutdown()


@pytest.fixture
def connector(
    qtbot: QtBot, sidebar: BookmarksSidebar, controller: ConnectController
) -> Iterator[BookmarkConnector]:
    connect = BookmarkConnector(sidebar.model, controller, sidebar)
    sidebar.connectRequested.connect(connect.connect_bookmark)
    yield connect
    connect.shutdown()


def _saved(sidebar: BookmarksSidebar, server: RunningS3, pin: str | None = None) -> Bookmark:
    bookmark = Bookmark(
        "Private CA",
        "s3-path-style",  # https, and no CA bundle: the test CA is unknown to it
        host=server.host,
        port=server.port,
        region="us-east-1",
        access_key_id=server.access_key,
        trusted_certificate=pin,
    )
    sidebar.model.store.add(bookmark, secret_key=server.secret_key)
    sidebar.model.reload()
    sidebar.view.setCurrentIndex(sidebar.proxy.index(0, 0))
    return bookmark


def _prompt(qtbot: QtBot, connector: BookmarkConnector) -> CertificatePrompt:
    truster = connector.controller.certificate_truster
    assert truster is not None
    qtbot.waitUntil(lambda: truster.prompt is not None, timeout=WAIT_MS)
    prompt = truster.prompt
    assert prompt is not None
    assert prompt.isVisible() and prompt.parent() is not None
    return prompt


def test_trusting_the_shown_certificate_pins_it_and_connects(
    qtbot: QtBot,
    store: BookmarkStore,
    sidebar: BookmarksSidebar,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed_tls: RunningS3,
    tls_bucket: str,
) -> None:
    bookmark = _saved(sidebar, seaweed_tls)
    expected = _fingerprint(seaweed_tls)
    sidebar.connect_action.trigger()
    prompt = _prompt(qtbot, connector)
    assert prompt.fingerprint == expected
    assert shown(expected) in prompt.fingerprint_label.text()
    assert seaweed_tls.host in prompt.host_label.text()
    assert prompt.previous_label.isHidden()
    assert BookmarkStore().get(bookmark.id).trusted_certificate is None  # not before the answer
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        prompt.trust_button.click()
    assert tls_bucket in opened.args[0].buckets
    assert BookmarkStore().get(bookmark.id).trusted_certificate == expected
    assert sidebar.model.find(bookmark.id).trusted_certificate == expected
    assert connector.dialog is None


def test_cancel_leaves_the_bookmark_unpinned_and_says_so(
    qtbot: QtBot,
    sidebar: BookmarksSidebar,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed_tls: RunningS3,
) -> None:
    bookmark = _saved(sidebar, seaweed_tls)
    sidebar.connect_action.trigger()
    prompt = _prompt(qtbot, connector)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as failed:
        prompt.cancel_button.click()
    message = failed.args[0]
    assert "is not trusted" in message
    assert "The certificate was not trusted: the bookmark is unchanged." in message
    assert BookmarkStore().get(bookmark.id).trusted_certificate is None
    qtbot.waitUntil(lambda: connector.dialog is not None, timeout=WAIT_MS)
    assert connector.dialog is not None
    connector.dialog.reject()


def test_a_changed_certificate_asks_again_with_both_fingerprints(
    qtbot: QtBot,
    sidebar: BookmarksSidebar,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed_tls: RunningS3,
    tls_bucket: str,
) -> None:
    bookmark = _saved(sidebar, seaweed_tls, pin=OTHER)
    expected = _fingerprint(seaweed_tls)
    sidebar.connect_action.trigger()
    prompt = _prompt(qtbot, connector)
    assert prompt.fingerprint == expected
    assert shown(expected) in prompt.fingerprint_label.text()
    assert not prompt.previous_label.isHidden()
    assert shown(OTHER) in prompt.previous_label.text()
    assert "has changed" in prompt.message_label.text()
    assert BookmarkStore().get(bookmark.id).trusted_certificate == OTHER  # still the old pin
    with qtbot.waitSignal(controller.opened, timeout=WAIT_MS) as opened:
        prompt.trust_button.click()
    assert tls_bucket in opened.args[0].buckets
    assert BookmarkStore().get(bookmark.id).trusted_certificate == expected


def test_the_connect_dialog_asks_too_and_saves_the_pin(
    qtbot: QtBot,
    store: BookmarkStore,
    sidebar: BookmarksSidebar,
    controller: ConnectController,
    connector: BookmarkConnector,
    seaweed_tls: RunningS3,
    tls_bucket: str,
) -> None:
    dialog = BookmarkDialog(sidebar.model, connect_with=controller, parent=sidebar)
    dialog.open()
    dialog.select_profile("s3-path-style")
    qtbot.keyClicks(dialog.nickname_edit, "Typed")
    qtbot.keyClicks(dialog.host_edit, seaweed_tls.host)
    qtbot.keyClicks(dialog.port_edit, str(seaweed_tls.port))
    qtbot.keyClicks(dialog.username_edit, seaweed_tls.access_key)
    qtbot.keyClicks(dialog.password_edit, seaweed_tls.secret_key)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    prompt = _prompt(qtbot, connector)
    expected = _fingerprint(seaweed_tls)
    assert prompt.fingerprint == expected
    with qtbot.waitSignal(dialog.connected, timeout=WAIT_MS):
        prompt.trust_button.click()
    [saved] = BookmarkStore().list()
    assert saved.nickname == "Typed"
    assert saved.trusted_certificate == expected
