"""Small builders for the Preferences pages: every control gets an objectName and an
accessible name, as everywhere in Eider."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget


def _named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def check(parent: QWidget, name: str, text: str) -> QCheckBox:
    box: QCheckBox = _named(QCheckBox(text, parent), name, text.replace("&", ""))
    return box


def spin(
    parent: QWidget, name: str, accessible: str, low: int, high: int, suffix: str = ""
) -> QSpinBox:
    box: QSpinBox = _named(QSpinBox(parent), name, accessible)
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setGroupSeparatorShown(True)
    box.lineEdit().setAccessibleName(accessible)  # screen readers land on the editor too
    return box


def seconds(parent: QWidget, name: str, accessible: str, high: float) -> QDoubleSpinBox:
    box: QDoubleSpinBox = _named(QDoubleSpinBox(parent), name, accessible)
    box.setDecimals(1)
    box.setRange(0.1, high)
    box.setSuffix(" s")
    box.lineEdit().setAccessibleName(accessible)
    return box


def choice(
    parent: QWidget, name: str, accessible: str, items: Sequence[tuple[str, Any]]
) -> QComboBox:
    box: QComboBox = _named(QComboBox(parent), name, accessible)
    for label, value in items:
        box.addItem(label, value)
    return box


def choose(box: QComboBox, value: Any) -> None:
    wanted = value.value if isinstance(value, Enum) else value
    for row in range(box.count()):
        data = box.itemData(row)
        if (data.value if isinstance(data, Enum) else data) == wanted:
            box.setCurrentIndex(row)
            return


def line(parent: QWidget, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit: QLineEdit = _named(QLineEdit(parent), name, accessible)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def metadata_text(metadata: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in metadata.items())


def metadata_of(text: str) -> dict[str, str]:
    """'a=1, b=2' as {'a': '1', 'b': '2'}; ValueError naming an entry without '='."""
    metadata: dict[str, str] = {}
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        name, sep, value = entry.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"Metadata '{entry}' is not NAME=VALUE")
        metadata[name.strip()] = value.strip()
    return metadata
