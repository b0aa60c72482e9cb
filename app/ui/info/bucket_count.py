"""A bucket's object count and total size, on demand: a `CountJob` whose running totals are
brought to the GUI thread as `updated(CountUpdate)` signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.s3.count_job import CountJob, CountUpdate
from app.core.s3.session import S3Session

STOP_WAIT_SECONDS = 5.0  # at close: the count stops after the page being listed


class BucketCounter(QObject):
    updated = Signal(object)  # CountUpdate, on the GUI thread

    def __init__(self, session: S3Session, bucket: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._bucket = session, bucket
        self.job: CountJob | None = None

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.outcome is None

    def start(self, versions: bool) -> None:
        if self.running:
            return
        self.job = CountJob(self._session, self._bucket, "", versions, self._tell)
        self.job.start()

    def _tell(self, update: CountUpdate) -> None:  # the count's thread
        self.updated.emit(update)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def close(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait(STOP_WAIT_SECONDS)
