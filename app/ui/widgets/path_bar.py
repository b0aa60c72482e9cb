"""Where the window is: clickable crumbs, or (Ctrl+L, or a click beside them) an editable
`s3://bucket/prefix/` field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedLayout,
    QToolButton,
    QWidget,
)

from app.ui.location import Location


class _Crumbs(QWidget):
    clickedBeside = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clickedBeside.emit()
        event.accept()


class PathBar(QWidget):
    locationRequested = Signal(object)  # Location, from a crumb
    textSubmitted = Signal(str)  # typed text, parsed by the controller

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pathBar")
        self.setAccessibleName(self.tr("Location"))
        self._location = Location()
        self._crumbs = _Crumbs(self)
        self._crumbs.setObjectName("pathCrumbs")
        self._crumbs.setAccessibleName(self.tr("Location breadcrumbs"))
        self._crumb_layout = QHBoxLayout(self._crumbs)
        self._crumb_layout.setContentsMargins(2, 0, 2, 0)
        self._crumb_layout.setSpacing(0)
        self._edit = QLineEdit(self)
        self._edit.setObjectName("pathEdit")
        self._edit.setAccessibleName(self.tr("Location (s3://bucket/folder/)"))
        self._edit.setPlaceholderText(self.tr("s3://bucket/folder/"))
        self._edit.returnPressed.connect(self._submit)
        self._edit.installEventFilter(self)
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self._crumbs)
        self._stack.addWidget(self._edit)
        self._crumbs.clickedBeside.connect(self.start_editing)
        self.set_location(Location())

    @property
    def editor(self) -> QLineEdit:
        return self._edit

    def set_location(self, location: Location) -> None:
        self._location = location
        self._edit.setText(location.url)
        while self._crumb_layout.count():
            item = self._crumb_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        steps = location.crumbs()
        for n, (label, target) in enumerate(steps):
            if n:
                separator = QLabel("\u203a", self._crumbs)  # single right angle quote
                separator.setAccessibleName(self.tr("separator"))
                self._crumb_layout.addWidget(separator)
            button = QToolButton(self._crumbs)
            button.setObjectName(f"crumb{n}")
            button.setAccessibleName(self.tr("Go to {0}").format(target.url))
            button.setText(label)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, t=target: self.locationRequested.emit(t))
            self._crumb_layout.addWidget(button)
        self._crumb_layout.addStretch(1)
        if self._stack.currentWidget() is self._edit and not self._edit.hasFocus():
            self.stop_editing()

    def start_editing(self) -> None:
        self._stack.setCurrentWidget(self._edit)
        self._edit.setText(self._location.url)
        self._edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._edit.selectAll()

    def stop_editing(self) -> None:
        self._stack.setCurrentWidget(self._crumbs)

    @property
    def editing(self) -> bool:
        return self._stack.currentWidget() is self._edit

    def _submit(self) -> None:
        text = self._edit.text()
        self.stop_editing()
        self.textSubmitted.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit:
            if event.type() == QEvent.Type.FocusOut:
                self.stop_editing()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.stop_editing()
                return True
        return super().eventFilter(watched, event)
