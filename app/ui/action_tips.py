"""Tooltips that name an action's shortcut, so the keys are found from the mouse too."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def set_tip(action: QAction, tip: str) -> None:
    """`tip`, followed by the action's shortcut (in the platform's words) when it has one."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
