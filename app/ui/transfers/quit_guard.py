"""The question when Eider quits (its last browser window closes) while transfers run.

"Stop Transfers" lets every window close: running jobs pause where they are and are listed
as interrupted at the next start. "Finish First" hides the browser windows, shows the
Transfers window, and closes everything once no job runs any more. The dialog is opened with
`open()`; `dialog` is the one showing (tests answer it).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.ui.transfers.hub import TransfersHub
from app.ui.translation import english_plural


class Answer(StrEnum):
    STOP = "stop"
    FINISH = "finish"


class QuitGuard(QObject):
    def __init__(
        self,
        hub: TransfersHub,
        windows: Callable[[], list[QMainWindow]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._windows = windows
        self.answer: Answer | None = None
        self.dialog: QMessageBox | None = None
        self._waiting = False

    def may_close(self, window: QMainWindow) -> bool:
        if self.answer is Answer.STOP:
            return True
        if any(w is not window and w.isVisible() for w in self._windows()):
            return True  # not the last one: nothing quits
        self._hub.feed.flush()
        running = self._hub.running()
        if not running:
            return True
        if self.answer is Answer.FINISH:
            window.hide()
            return False
        if self.dialog is None:
            self._ask(len(running))
        return False

    def _ask(self, count: int) -> None:
        box = QMessageBox(self._hub.window if self._hub.window.isVisible() else None)
        box.setObjectName("quitWhileTransfersRunDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Transfers Are Running"))
        box.setText(english_plural(self.tr("%n transfer(s) still running.", "", count), count))
        box.setInformativeText(
            self.tr(
                "Stop them now (each can be resumed at the next start, where it stopped), or let "
                "them finish and quit afterwards?"
            )
        )
        stop = box.addButton(self.tr("Stop Transfers"), QMessageBox.ButtonRole.DestructiveRole)
        stop.setObjectName("stopTransfersButton")
        finish = box.addButton(self.tr("Finish First"), QMessageBox.ButtonRole.AcceptRole)
        finish.setObjectName("finishTransfersButton")
        stay = box.addButton(self.tr("Don't Quit"), QMessageBox.ButtonRole.RejectRole)
        stay.setObjectName("dontQuitButton")
        box.setDefaultButton(finish)

        def answered() -> None:
            self.dialog = None
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is stop:
                self.answer = Answer.STOP
                self._close_all()
            elif clicked is finish:
                self.answer = Answer.FINISH
                self._finish_first()

        box.finished.connect(answered)
        self.dialog = box
        box.open()

    def _finish_first(self) -> None:
        for window in self._windows():
            window.hide()
        self._hub.show()
        self._hub.window.show_message(self.tr("Eider quits when these transfers have finished."))
        self._hub.feed.batchApplied.connect(self._check_finished)
        self._hub.window.closed.connect(self._stop_waiting)
        self._check_finished()

    def _stop_waiting(self) -> None:
        """The Transfers window was closed while Eider waited: nothing is left on screen, so
        the transfers stop (resumable) and Eider quits now."""
        if self.answer is Answer.FINISH:
            self.answer = Answer.STOP
            self._close_all()

    def _check_finished(self, *_: object) -> None:
        if self.answer is not Answer.FINISH or self._hub.running():
            return
        self._hub.feed.batchApplied.disconnect(self._check_finished)
        self.answer = Answer.STOP
        self._close_all()

    def _close_all(self) -> None:
        for window in list(self._windows()):
            if shiboken6.isValid(window):
                window.close()
