"""One icon and one tooltip per kind of encryption in the object list: the icons differ in
shape (a letter), not in colour alone, and the tooltips say what the kind means."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.core.cse.content_cipher import ContentEncryptor
from app.core.cse.keys import LocalKey
from app.core.s3 import encryption_state
from app.ui.location import Location
from app.ui.models.encryption_probe import COLOURS, DESCRIPTIONS, LETTERS, lock_icon
from app.ui.models.listing_model import ENCRYPTION_ROLE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def _shape(kind: str) -> frozenset[tuple[int, int]]:
    """Where the icon is nearly white: the letter, whatever the lock's colour."""
    image = lock_icon(COLOURS[kind], LETTERS[kind]).pixmap(16, 16).toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return frozenset(
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128 and image.pixelColor(x, y).lightness() > 200
    )


def test_each_kind_has_its_own_icon_even_without_colour(qtbot: QtBot) -> None:
    kinds = list(COLOURS)
    assert set(kinds) == set(LETTERS) <= set(DESCRIPTIONS)
    shapes = [_shape(kind) for kind in kinds]
    assert all(shapes) and len(set(shapes)) == len(kinds)


def test_an_sse_c_objects_tooltip_says_it_needs_its_key(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="plain.txt", Body=b"plain")
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="secret.txt",
        Body=b"secret",
        SSECustomerAlgorithm="AES256",
        SSECustomerKey=os.urandom(32),
    )
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["plain.txt", "secret.txt"])
    model = window.controller.model
    wait_for(qtbot, lambda: model.index(1, 0).data(ENCRYPTION_ROLE) is not None)
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("secret.txt\nEncryption: SSE-C (") and "customer-provided key" in tip
    wait_for(qtbot, lambda: model.index(0, 0).data(ENCRYPTION_ROLE) is not None)
    plain_tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert encryption_state.NONE in plain_tip and "customer" not in plain_tip


def test_a_client_side_encrypted_object_has_its_own_icon_and_tooltip(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    plain = b"client-side secret"
    encryptor = ContentEncryptor(LocalKey(os.urandom(32)), len(plain))
    body = bytes(encryptor.encrypt_part(bytearray(plain))) + bytes(encryptor.finish())
    seaweed_admin.put_object(
        Bucket=bucket, Key="cse.bin", Body=body, Metadata=encryptor.envelope.to_metadata()
    )
    seaweed_admin.put_object(Bucket=bucket, Key="plain.txt", Body=b"plain")
    window = windows.open(connection_for(seaweed), Location(bucket))
    wait_for(qtbot, lambda: names(window) == ["cse.bin", "plain.txt"])
    model = window.controller.model
    wait_for(qtbot, lambda: model.index(0, 0).data(ENCRYPTION_ROLE) is not None)
    assert model.index(0, 0).data(ENCRYPTION_ROLE) == encryption_state.CLIENT_SIDE
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("cse.bin\nEncryption: client-side (encrypted on the client")
    assert "client-side key" in tip
    icon = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    kind = encryption_state.CLIENT_SIDE
    expected = lock_icon(COLOURS[kind], LETTERS[kind])
    assert icon.pixmap(16, 16).toImage() == expected.pixmap(16, 16).toImage()
    for other in (encryption_state.SSE_S3, encryption_state.SSE_KMS, encryption_state.SSE_C):
        assert _shape(other) != _shape(encryption_state.CLIENT_SIDE)
    wait_for(qtbot, lambda: model.index(1, 0).data(ENCRYPTION_ROLE) is not None)
    assert model.index(1, 0).data(ENCRYPTION_ROLE) == encryption_state.NONE
    plain_icon = model.index(1, 0).data(Qt.ItemDataRole.DecorationRole)  # its file icon
    assert plain_icon.pixmap(16, 16).toImage() != expected.pixmap(16, 16).toImage()
