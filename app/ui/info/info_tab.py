"""The base of every Info tab: "Loading…", a message (e.g. not supported), or its editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from app.core.s3.info_section import Section, SectionState
from app.ui.translation import N_, translate

NOT_SUPPORTED = N_("Not supported by this server.")


def section_message(section: Section[Any], what: str) -> str | None:
    """What a tab says instead of its editor for `section`; None when the editor shows."""
    if section.state is SectionState.UNSUPPORTED:
        return translate("InfoTab", "{0}: {1}").format(what, translate("", NOT_SUPPORTED))
    if section.state is SectionState.ERROR and section.error is not None:
        fix = f"\n\n{section.error.fix}" if section.error.fix else ""
        return (
            translate("InfoTab", "{0} could not be read: {1}").format(what, section.error.message)
            + fix
        )
    return None


class InfoTab(QWidget):
    saveRequested = Signal(object)  # ObjectEdit

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self._stack = QStackedLayout(self)
        self.message_label = QLabel(self.tr("Loading…"), self)
        self.message_label.setObjectName(f"{name}Message")
        self.message_label.setAccessibleName(self.tr("{0} status").format(accessible))
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._stack.addWidget(self.message_label)
        self.editor = QWidget(self)
        self.editor.setObjectName(f"{name}Editor")
        self._stack.addWidget(self.editor)

    @property
    def is_loading(self) -> bool:
        return self._stack.currentIndex() == 0 and self.message_label.text() == self.tr("Loading…")

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self._stack.setCurrentIndex(0)

    def show_editor(self) -> None:
        self._stack.setCurrentIndex(1)

    @property
    def showing_message(self) -> str | None:
        return self.message_label.text() if self._stack.currentIndex() == 0 else None
