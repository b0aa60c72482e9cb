"""Reading what a browser window shows and what the server holds, for GUI tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.gui.conftest import wait_for


def names(window: MainWindow) -> list[str]:
    """The names in the window's object list, top to bottom."""
    model = window.controller.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def keys(admin: Any, bucket: str, prefix: str = "") -> list[str]:
    """Every key under `prefix`, sorted (the test's own boto3 client, not Eider's)."""
    found: list[str] = []
    for page in admin.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        found += [o["Key"] for o in page.get("Contents", [])]
    return sorted(found)


def body(admin: Any, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()


def dialog_of(qtbot: QtBot, window: MainWindow, kind: type[QDialog]) -> Any:
    """The window's object-actions dialog of `kind`, once it is visible."""
    actions = window.object_actions
    wait_for(qtbot, lambda: isinstance(actions.dialog, kind) and actions.dialog.isVisible())
    return actions.dialog
