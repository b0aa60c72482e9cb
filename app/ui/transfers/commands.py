"""What the Transfers window's actions do, on the jobs selected in it.

Every call into the job source may block: it runs on the bridge's workers, and what fails
is described by `app.core.errors` and shown in the window's message line. Cancelling asks
first whether an unfinished upload stays on the server for a later resume (the dialog is
opened with `open()`, never `exec()`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.ui.async_bridge import AsyncBridge
from app.ui.models.transfers_model import bookmark_gone
from app.ui.transfers import reveal as reveal_module
from app.ui.transfers.source import JobSource, Retargets
from app.ui.transfers.transfers_window import TransfersWindow

ENDED = (JobState.DONE, JobState.CANCELLED)
BUSY = (JobState.RUNNING, JobState.QUEUED)
Bookmarks = Callable[[], list[tuple[str, str]]]  # (id, nickname) of every bookmark


def can_pause(job: JobSnapshot) -> bool:
    return job.state in BUSY and not job.interrupted


def can_resume(job: JobSnapshot) -> bool:
    return job.state is JobState.PAUSED or (job.interrupted and job.state not in ENDED)


def can_cancel(job: JobSnapshot) -> bool:
    return job.state not in ENDED


def can_forget(job: JobSnapshot) -> bool:
    return not can_pause(job)


def remote_place(job: JobSnapshot) -> tuple[str, str] | None:
    """The bucket and key (a prefix for a folder) a job wrote to, or read from."""
    where = job.where
    if where is None or not where.bucket:
        return None
    return where.bucket, where.key


class TransfersCommands(QObject):
    showRemoteRequested = Signal(object, str, str)  # bookmark id (None: none), bucket, key

    def __init__(
        self,
        window: TransfersWindow,
        source: JobSource | None,
        bridge: AsyncBridge,
        bookmarks: Bookmarks | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.source = source  # None until the hub has it
        self.bridge = bridge
        self.bookmarks = bookmarks or (lambda: [])
        self.dialog: QMessageBox | QInputDialog | None = None  # the one open now (tests answer it)
        self._forget_when_ended: set[str] = set()
        slots: dict[str, Callable[[], None]] = {
            "pauseTransferAction": self.pause,
            "resumeTransferAction": self.resume,
            "cancelTransferAction": self.cancel,
            "retryTransferAction": self.retry,
            "removeTransferAction": self.forget,
            "cleanUpTransfersAction": self.clean_up,
            "revealTransferAction": self.reveal,
            "showRemoteTransferAction": self.show_remote,
            "retargetTransferAction": self.retarget,
        }
        for name, slot in slots.items():
            window.action(name).triggered.connect(slot)
        window.view.selectionModel().selectionChanged.connect(self.update_actions)
        window.model.dataChanged.connect(self.update_actions)
        window.model.rowsRemoved.connect(self.update_actions)
        window.model.rowsInserted.connect(self.update_actions)
        self.update_actions()

    # -- what is selected --------------------------------------------------------------------

    def selected(self) -> list[JobSnapshot]:
        jobs = (self.window.model.job(job_id) for job_id in self.window.selected_job_ids())
        return [job for job in jobs if job is not None]

    def update_actions(self, *_: object) -> None:
        jobs = self.selected()
        enabled = {
            "pauseTransferAction": any(can_pause(j) for j in jobs),
            "resumeTransferAction": any(can_resume(j) for j in jobs),
            "cancelTransferAction": any(can_cancel(j) for j in jobs),
            "retryTransferAction": any(j.state is JobState.FAILED for j in jobs),
            "removeTransferAction": any(can_forget(j) for j in jobs),
            "cleanUpTransfersAction": any(j.state in ENDED for j in self.window.model.jobs()),
            "revealTransferAction": any(j.where is not None and j.where.local for j in jobs),
            "showRemoteTransferAction": any(remote_place(j) is not None for j in jobs),
            "retargetTransferAction": isinstance(self.source, Retargets)
            and any(self._can_retarget(j) for j in jobs),
        }
        for name, on in enabled.items():
            self.window.action(name).setEnabled(on)

    def _can_retarget(self, job: JobSnapshot) -> bool:
        """A job an earlier run left whose bookmark was removed (or that never had one)."""
        if not job.interrupted or job.state in ENDED:
            return False
        no_bookmark = job.where is None or job.where.bookmark_id is None
        return no_bookmark or bookmark_gone(job, self.window.model.nickname)

    def _source(self) -> JobSource:
        if self.source is None:
            raise RuntimeError("The transfers are not listed yet")
        return self.source

    def _call(self, operation: str, fn: Callable[..., object], *args: object) -> None:
        self.bridge.spawn(self.bridge.run(fn, *args), operation)

    # -- the actions -------------------------------------------------------------------------

    def pause(self) -> None:
        for job in self.selected():
            if can_pause(job):
                self._call("pausing a transfer", self._source().pause, job.id)

    def resume(self) -> None:
        for job in self.selected():
            if can_resume(job):
                self._call("resuming a transfer", self._source().resume, job.id)

    def retry(self) -> None:
        for job in self.selected():
            if job.state is JobState.FAILED:
                self._call("retrying a transfer", self._source().retry, job.id)

    def cancel(self) -> None:
        jobs = [job for job in self.selected() if can_cancel(job)]
        if not jobs:
            return
        box = QMessageBox(self.window)
        box.setObjectName("cancelTransfersDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Cancel Transfers"))
        count = f"{len(jobs)} transfers" if len(jobs) > 1 else f"“{jobs[0].title}”"
        box.setText(self.tr("Cancel {0}?").format(count))
        uploads = any(job.kind is JobKind.UPLOAD for job in jobs)
        if uploads:
            box.setInformativeText(
                self.tr(
                    "An upload cut off halfway can stay on the server, so a later resume continues "
                    "where it stopped, or be aborted, which deletes the parts already sent."
                )
            )
            keep = box.addButton(
                self.tr("Keep Upload for Resume"), QMessageBox.ButtonRole.AcceptRole
            )
            keep.setObjectName("keepUploadsButton")
            stop = box.addButton(self.tr("Abort Upload"), QMessageBox.ButtonRole.DestructiveRole)
            stop.setObjectName("abortUploadsButton")
        else:
            keep = None
            stop = box.addButton(
                self.tr("Cancel Transfers"), QMessageBox.ButtonRole.DestructiveRole
            )
            stop.setObjectName("abortUploadsButton")
        back = box.addButton(self.tr("Don't Cancel"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("dontCancelButton")
        box.setDefaultButton(back)
        ids = [job.id for job in jobs]

        def answered() -> None:
            self.dialog = None
            clicked = box.clickedButton()
            if clicked in (keep, stop) and clicked is not None:
                for job_id in ids:
                    self._call(
                        "cancelling a transfer", self._source().cancel, job_id, clicked is keep
                    )
            box.deleteLater()

        box.finished.connect(answered)
        self.dialog = box
        box.open()

    def forget(self) -> None:
        for job in self.selected():
            if job.state in ENDED or job.state in (JobState.FAILED, JobState.PAUSED):
                self._call("removing a transfer", self._source().forget, job.id)
            elif can_forget(job):  # an interrupted job: stopped for good, then removed
                self._forget_when_ended.add(job.id)
                self._call("removing a transfer", self._source().cancel, job.id, False)

    def job_ended(self, job: JobSnapshot) -> None:
        if job.id in self._forget_when_ended:
            self._forget_when_ended.discard(job.id)
            self._call("removing a transfer", self._source().forget, job.id)

    def clean_up(self) -> None:
        for job in self.window.model.jobs():
            if job.state in ENDED:
                self._call("cleaning up the transfers", self._source().forget, job.id)

    def reveal(self) -> None:
        for job in self.selected():
            if job.where is not None and job.where.local:
                reveal_module.reveal(job.where.local)
                return  # one file manager window, for the first of them

    def show_remote(self) -> None:
        for job in self.selected():
            place = remote_place(job)
            if place is not None and job.where is not None:
                self.showRemoteRequested.emit(job.where.bookmark_id, *place)
                return

    def retarget(self) -> None:
        source = self.source
        jobs = [j for j in self.selected() if self._can_retarget(j)]
        choices = self.bookmarks()
        if not jobs or not choices or not isinstance(source, Retargets):
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("retargetDialog")
        dialog.setWindowTitle(self.tr("Use Another Bookmark"))
        dialog.setLabelText(self.tr("Run the selected transfers on the bookmark:"))
        dialog.setComboBoxItems([name for _id, name in choices])
        ids = [job.id for job in jobs]

        def answered(result: int) -> None:
            self.dialog = None
            if result == QInputDialog.DialogCode.Accepted:
                names = [name for _id, name in choices]
                bookmark_id = choices[names.index(dialog.textValue())][0]
                for job_id in ids:
                    self._call("moving a transfer", source.retarget, job_id, bookmark_id)
            dialog.deleteLater()

        dialog.finished.connect(answered)
        self.dialog = dialog
        dialog.open()
