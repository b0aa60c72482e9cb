"""One icon and one tooltip per kind of encryption in the object list: the icons (from
resources/icons/ui) differ in shape, not in colour alone, and the tooltips say what the kind
means."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot

from app.core.cse.content_cipher import ContentEncryptor
from app.core.cse.keys import LocalKey
from app.core.s3 import encryption_state
from app.ui import icons
from app.ui.location import Location
from app.ui.models.encryption_probe import DESCRIPTIONS, ENCRYPTED
from app.ui.models.listing_model import ENCRYPTION, ENCRYPTION_ROLE
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.browsing import names
from tests.gui.conftest import Windows, wait_for

pytestmark = pytest.mark.gui


def _shape(kind: str) -> frozenset[tuple[int, int]]:
    """Where the kind's icon is drawn, whatever its colour."""
    image = icons.encryption_icon(kind).pixmap(24, 24).toImage()
    return frozenset(
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 128
    )


def _image(icon: QIcon) -> object:
    return icon.pixmap(16, 16).toImage()


def test_each_kind_has_its_own_icon_even_without_colour(qtbot: QtBot) -> None:
    kinds = [encryption_state.NONE, *ENCRYPTED]
    assert set(kinds) <= set(DESCRIPTIONS)
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
    expected = icons.encryption_icon(encryption_state.CLIENT_SIDE)
    assert _image(icon) == _image(expected)
    column_icon = model.index(0, ENCRYPTION).data(Qt.ItemDataRole.DecorationRole)
    assert _image(column_icon) == _image(expected)
    for other in (encryption_state.SSE_S3, encryption_state.SSE_KMS, encryption_state.SSE_C):
        assert _shape(other) != _shape(encryption_state.CLIENT_SIDE)
    wait_for(qtbot, lambda: model.index(1, 0).data(ENCRYPTION_ROLE) is not None)
    assert model.index(1, 0).data(ENCRYPTION_ROLE) == encryption_state.NONE
    plain_icon = model.index(1, 0).data(Qt.ItemDataRole.DecorationRole)  # its file icon
    assert _image(plain_icon) == _image(icons.file_icon("plain.txt"))
    plain_column_icon = model.index(1, ENCRYPTION).data(Qt.ItemDataRole.DecorationRole)
    assert _image(plain_column_icon) == _image(icons.encryption_icon(encryption_state.NONE))
