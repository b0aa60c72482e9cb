"""Every control of the action dialogs and the status line has an objectName and an accessible
name (screen readers and UI tests find them by those)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.s3.issued_links import IssuedLink
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.issued_links import IssuedLinksDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.new_bucket import NewBucketDialog
from app.ui.dialogs.presign import PresignDialog
from app.ui.dialogs.preview import PreviewDialog
from app.ui.widgets.transfer_status import TransferStatus

pytestmark = pytest.mark.gui

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
)


def inside_a_named_control(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.parent() is None:
            continue
        if inside_a_named_control(widget):
            continue  # Qt's own internals (a combo box's popup list, a spin box's editor)
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_action_widgets_are_named(qtbot: QtBot) -> None:
    now = datetime.now(UTC)
    link = IssuedLink("c", "http://h", "b", "k", "GET", now, now + timedelta(hours=1), "AK")
    widgets: list[QWidget] = [
        NewBucketDialog(None, ["us-east-1", "eu-west-1"], "us-east-1"),
        NamePrompt(None, "newFolderDialog", "New Folder", "Name:", lambda _n: None),
        DeleteConfirmDialog(None, "'x'", 3, 5),
        PresignDialog(None, "b", "k"),
        IssuedLinksDialog(None, [link]),
        PreviewDialog(None, "a.txt", b"text"),
        TransferStatus(),
    ]
    for widget in widgets:
        qtbot.addWidget(widget)
        assert widget.objectName() and widget.accessibleName()
        assert unnamed(widget) == [], type(widget).__name__
