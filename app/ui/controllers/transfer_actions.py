"""Upload…, Upload Folder… and Download…: they choose the local side, then start a job of the
window's transfer engine; when an upload ends, the folders it went into are listed again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.core.s3.location import Location
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.ui.controllers.action_base import ActionController, ActionParts, problem
from app.ui.dialogs import file_pick


class TransferActions(ActionController):
    def __init__(self, parts: ActionParts) -> None:
        super().__init__(parts)
        self._uploads_into: set[Location] = set()  # folders uploads went into, for the tree
        self.transfers.jobFinished.connect(self._transfer_finished)

    def upload(self) -> None:
        self._upload(file_pick.choose_files_to_upload)

    def upload_folder(self) -> None:
        self._upload(file_pick.choose_folder_to_upload)

    def _upload(self, choose: Callable[[QWidget, Callable[[list[str]], None]], None]) -> None:
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        self._uploads_into.add(Location(bucket, prefix))
        choose(
            self._parent,
            lambda paths: self._spawn(
                self.transfers.upload(session, paths, bucket, prefix),
                "starting an upload",
                bucket=bucket,
            ),
        )

    def download(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("download")
        if session is None or not items:
            return
        bucket = self._here().bucket
        keys = [ref.key for ref in items]
        file_pick.choose_download_folder(
            self._parent,
            lambda folder: self._spawn(
                self.transfers.download(session, bucket, keys, folder),
                "starting a download",
                bucket=bucket,
            ),
        )

    def _transfer_finished(self, job: JobSnapshot) -> None:
        if job.kind is JobKind.UPLOAD and job.state is JobState.DONE:
            # the tree lists an uploaded folder (extra reloads, with uploads running side by
            # side, cost one small listing each)
            folders, self._uploads_into = self._uploads_into, set()
            self._changed(*folders)
        elif job.state is JobState.FAILED and job.kind in (JobKind.UPLOAD, JobKind.DOWNLOAD):
            # (the window's other jobs are followed by the action that started them)
            self.browser.report(problem(job.error or f"{job.title} failed."))
