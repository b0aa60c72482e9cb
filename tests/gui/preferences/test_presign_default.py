"""The pre-signed URL dialog starts at the expiry Preferences > S3 defaults give it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.ui.dialogs.presign import PresignDialog

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("expiry", "label"), [(600, "10 minutes (the default)"), (86400, "24 hours")]
)
def test_the_presign_dialog_starts_at_the_given_expiry(
    qtbot: QtBot, expiry: int, label: str
) -> None:
    dialog = PresignDialog(None, "b", "k", expiry=expiry)
    qtbot.addWidget(dialog)
    assert dialog.seconds == expiry and dialog.expiry_box.currentText() == label
    with qtbot.waitSignal(dialog.requested) as signed:
        dialog.create_button.click()
    assert signed.args[1] == expiry
