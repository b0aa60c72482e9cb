"""A non-blocking strip above the list that shows what went wrong and how to fix it, or (in
calmer colours) a notice about how Eider is running, such as "no system keyring"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.core.errors import UserError


class ErrorBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setAccessibleName(self.tr("Error message"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice = False  # showing a notice rather than an error
        self._style(notice=False)
        self._label = QLabel(self)
        self._label.setObjectName("errorBannerText")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._close = QToolButton(self)
        self._close.setObjectName("errorBannerClose")
        self._close.setAccessibleName(self.tr("Dismiss error message"))
        self._close.setText("✕")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def _style(self, notice: bool) -> None:
        self.notice = notice
        self.setAccessibleName(self.tr("Notice") if notice else self.tr("Error message"))
        background, border, text = (
            ("#e8f0fb", "#9fb7d9", "#1a3561") if notice else ("#fdecea", "#e0a39c", "#611a15")
        )
        self.setStyleSheet(
            f"#errorBanner {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 3px; }} #errorBanner QLabel {{ color: {text}; }}"
        )

    def show_error(self, error: UserError) -> None:
        self._style(notice=False)
        self._label.setText(str(error))
        self.show()

    def show_notice(self, notice: UserError) -> None:
        self._style(notice=True)
        self._label.setText(str(notice))
        self.show()

    def clear_error(self) -> None:
        """An error belongs to where it happened; a notice stays until dismissed."""
        if not self.notice:
            self.hide()

    @property
    def text(self) -> str:
        return self._label.text()
