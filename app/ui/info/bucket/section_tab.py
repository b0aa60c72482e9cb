"""What every bucket tab shares: load its section off the GUI thread, show it, save it.

A tab shows one of four pages: loading, the editor, "not supported by this server", or the
reason the read failed (with Retry). A refused save is told in words under the editor; nothing
here opens a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import describe
from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, FeatureUnsupported, Section, SectionState
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.translation import N_, translate

T = TypeVar("T")
P = TypeVar("P")
W = TypeVar("W", bound=QWidget)

UNSUPPORTED_TEXT = N_("Not supported by this server.")
_PROBLEM_STYLE = "color: #b00020"
_DONE_STYLE = "color: #1b5e20"


class InputProblem(ValueError, ExplainedError):
    """What the user typed cannot be sent; the text says what to change."""


def message_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def named(widget: W, name: str, accessible: str) -> W:
    """`widget` with a stable objectName and an accessible name (every control gets both)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class SectionTab(QWidget, Generic[T, P]):
    """One bucket setting: `read` gives its Section, `collect` turns the editor into what
    `write` sends (raising a ValueError that is an ExplainedError when the input is wrong)."""

    loaded = Signal()  # the section arrived and is shown (or the tab says why not)
    saveFinished = Signal(bool)  # True: the server took the change

    title = ""
    operation = ""  # the S3 operation named in error messages, e.g. "PutBucketPolicy"
    feature: Feature | None = None
    save_text = N_("Save")

    def __init__(
        self,
        bridge: AsyncBridge,
        session: S3Session,
        bucket: str,
        unsupported: Collection[Feature] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title, self.save_text = translate("", self.title), translate("", self.save_text)
        self._bridge = bridge
        self._session = session
        self.bucket = bucket
        self._unsupported = frozenset(unsupported)
        self.section: Section[T] | None = None
        slug = type(self).__name__[0].lower() + type(self).__name__[1:]
        named(self, slug, self.tr("{0} settings").format(self.title))

        self._pages = QStackedWidget(self)
        self._loading = message_label(
            self, f"{slug}Loading", self.tr("{0} loading").format(self.title)
        )
        self._loading.setText(self.tr("Loading…"))
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._unsupported_label = message_label(
            self, f"{slug}Unsupported", self.tr("{0} not supported").format(self.title)
        )
        self._unsupported_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._failed = QWidget(self)
        failed_layout = QVBoxLayout(self._failed)
        self._failed_label = message_label(
            self, f"{slug}ReadError", self.tr("Why {0} failed").format(self.title)
        )
        self._failed_label.setStyleSheet(_PROBLEM_STYLE)
        retry = named(QPushButton(self.tr("Retry"), self._failed), f"{slug}Retry", self.tr("Retry"))
        retry.clicked.connect(self.load)
        failed_layout.addWidget(self._failed_label)
        failed_layout.addWidget(retry, 0, Qt.AlignmentFlag.AlignLeft)
        failed_layout.addStretch(1)

        self._content = QWidget(self)
        content_layout = QVBoxLayout(self._content)
        self.editor = QWidget(self._content)
        content_layout.addWidget(self.editor, 1)
        self.status = message_label(
            self._content, f"{slug}Status", self.tr("{0} status").format(self.title)
        )
        content_layout.addWidget(self.status)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.save_button = named(
            QPushButton(self.save_text, self._content),
            f"{slug}Save",
            self.tr("Save {0}").format(self.title),
        )
        self.save_button.clicked.connect(self.save)
        self.buttons.addWidget(self.save_button)
        content_layout.addLayout(self.buttons)

        for page in (self._loading, self._content, self._unsupported_label, self._failed):
            self._pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._pages)
        self.build(self.editor)

    # -- for subclasses -------------------------------------------------------------------

    def build(self, editor: QWidget) -> None:
        """Lay out the editor's controls inside `editor`."""
        raise NotImplementedError

    def read(self, session: S3Session, bucket: str, unsupported: frozenset[Feature]) -> Section[T]:
        raise NotImplementedError

    def show_value(self, value: T | None) -> None:
        """Show the server's setting; None means nothing is configured."""
        raise NotImplementedError

    def collect(self) -> P:
        raise NotImplementedError

    def write(self, session: S3Session, bucket: str, payload: P) -> None:
        raise NotImplementedError

    # -- state ----------------------------------------------------------------------------

    @property
    def page(self) -> str:
        """Which page is showing: loading, content, unsupported or error (for tests)."""
        return ("loading", "content", "unsupported", "error")[self._pages.currentIndex()]

    @property
    def unsupported_text(self) -> str:
        return self._unsupported_label.text()

    @property
    def error_text(self) -> str:
        return self._failed_label.text()

    def show_problem(self, text: str) -> None:
        self.status.setStyleSheet(_PROBLEM_STYLE)
        self.status.setText(text)

    def show_done(self, text: str) -> None:
        self.status.setStyleSheet(_DONE_STYLE)
        self.status.setText(text)

    def _show_unsupported(self) -> None:
        self._unsupported_label.setText(
            self.tr(
                "{0}: {1}\nThe provider does not offer this setting, so "
                "there is nothing to change here."
            ).format(self.title, translate("", UNSUPPORTED_TEXT))
        )
        self._pages.setCurrentWidget(self._unsupported_label)

    # -- load and save --------------------------------------------------------------------

    def load(self) -> None:
        self._pages.setCurrentWidget(self._loading)
        self._bridge.spawn(self._load(), f"reading {self.title}", self.bucket)

    async def _load(self) -> None:
        section: Section[T] = await self._bridge.run(
            self.read, self._session, self.bucket, self._unsupported
        )
        if shiboken6.isValid(self):  # the window may have closed while the server answered
            self.apply_section(section)

    def apply_section(self, section: Section[T]) -> None:
        self.section = section
        if section.state is SectionState.UNSUPPORTED:
            self._show_unsupported()
        elif section.state is SectionState.ERROR:
            self._failed_label.setText(str(section.error))
            self._pages.setCurrentWidget(self._failed)
        else:
            self.show_value(section.value)
            self._pages.setCurrentWidget(self._content)
        self.loaded.emit()

    def save(self) -> None:
        try:
            payload = self.collect()
        except ExplainedError as exc:
            self.show_problem(str(exc))
            return
        self.submit(lambda session, bucket: self.write(session, bucket, payload))

    def submit(self, call: Callable[[S3Session, str], None]) -> None:
        """Run a change off the GUI thread, then read the setting back from the server."""
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.status.setStyleSheet("")
        self._bridge.spawn(self._submit(call), f"saving {self.title}", self.bucket)

    async def _submit(self, call: Callable[[S3Session, str], None]) -> None:
        problem: str | None = None
        try:
            await self._bridge.run(call, self._session, self.bucket)
        except FeatureUnsupported as exc:  # the read worked, this change does not: say so here
            problem = f"{translate('', UNSUPPORTED_TEXT)} {exc}"
        except Exception as exc:  # every failure is told in the tab, in words
            problem = str(describe(exc, self.operation, self.bucket))
        if not shiboken6.isValid(self):
            return  # the window closed while the server answered
        self.save_button.setEnabled(True)
        if problem is not None:
            self.show_problem(problem)
            self.saveFinished.emit(False)
            return
        section: Section[T] = await self._bridge.run(
            self.read, self._session, self.bucket, self._unsupported
        )
        if not shiboken6.isValid(self):
            return
        self.apply_section(section)
        self.show_done(self.tr("Saved."))
        self.saveFinished.emit(True)
