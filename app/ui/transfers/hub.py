"""The application's one Transfers window and everything around it.

`TransfersHub` subscribes to the job source, feeds the model in batches, owns the window and
its commands, opens the window when a transfer starts (unless turned off), resumes jobs an
earlier run left (when the preference says so), sends a desktop notification when a long job
ends, and keeps the bandwidth indicators (the window's and one per browser status bar) up to
date. The application's `WindowSet` makes one and wires `showRemoteRequested`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.core.errors import UserError
from app.core.settings import SettingsStore, TransferPreferences
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.async_bridge import AsyncBridge
from app.ui.models.transfers_model import Nickname, TransfersModel
from app.ui.transfers import notifications
from app.ui.transfers.commands import Bookmarks, TransfersCommands
from app.ui.transfers.feed import JobFeed
from app.ui.transfers.source import JobSource, Limits, bandwidth_in_force
from app.ui.transfers.transfers_window import TransfersWindow, limits_text

log = logging.getLogger(__name__)

LIMITS_POLL_MS = 1000
Notify = Callable[[str, str], bool]


class TransfersHub(QObject):
    showRemoteRequested = Signal(object, str, str)  # bookmark id (None: none), bucket, key
    limitsChanged = Signal(object)  # Limits

    def __init__(
        self,
        source: JobSource,
        settings: SettingsStore,
        nickname: Nickname | None = None,
        bookmarks: Bookmarks | None = None,
        notify: Notify = notifications.send_desktop_notification,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.settings = settings
        self._notify = notify
        self.bridge = AsyncBridge(on_error=self._show_error, max_workers=4)
        self.model = TransfersModel(nickname, self)
        self.feed = JobFeed(self.model, self)
        self.window = TransfersWindow(self.model, settings.transfers())
        self.commands = TransfersCommands(self.window, source, self.bridge, bookmarks)
        self.commands.showRemoteRequested.connect(self.showRemoteRequested)
        self.clock = notifications.RunClock()
        self.limits: Limits = (None, None)
        self._polling = False
        self._closed = False
        self._indicators: list[QLabel] = []
        self.limitsChanged.connect(self._show_limits)
        self.window.preferencesChanged.connect(self._save_preferences)
        self.feed.added.connect(self._job_added)
        self.feed.finished.connect(self._job_finished)
        self.feed.batchApplied.connect(self._batch_applied)
        self._limits_timer = QTimer(self)
        self._limits_timer.setObjectName("bandwidthPollTimer")
        self._limits_timer.setInterval(LIMITS_POLL_MS)
        self._limits_timer.timeout.connect(self.poll_limits)
        self._unsubscribe = source.subscribe(self.feed.listener)
        self.bridge.spawn(self._load(), "listing the transfers")
        self._limits_timer.start()
        self.poll_limits()

    async def _load(self) -> None:
        jobs = await self.bridge.run(self.source.jobs)
        self.feed.load(jobs)
        for job in jobs:
            if job.interrupted:
                self._job_added(job)

    # -- reactions ---------------------------------------------------------------------------

    def _show_error(self, error: UserError) -> None:
        if shiboken6.isValid(self.window):
            self.window.show_message(str(error))

    def _save_preferences(self, preferences: TransferPreferences) -> None:
        self.settings.set_transfers(preferences)

    def _job_added(self, job: JobSnapshot) -> None:
        preferences = self.settings.transfers()
        if job.interrupted:
            if preferences.resume_at_start and job.state is not JobState.DONE:
                self.bridge.spawn(
                    self.bridge.run(self.source.resume, job.id), "resuming a transfer"
                )
            return
        self.clock.seen(job)
        if preferences.open_window_on_start:
            self.window.present()

    def _batch_applied(self, jobs: list[JobSnapshot]) -> None:
        for job in jobs:
            self.clock.seen(job)

    def _job_finished(self, job: JobSnapshot) -> None:
        self.commands.job_ended(job)
        ran_for = self.clock.ended(job)
        if notifications.worth_telling(job, ran_for):
            summary, body = notifications.message(job)
            if not self._notify(summary, body):
                log.debug("No desktop notification for %s", job.id)

    # -- bandwidth ---------------------------------------------------------------------------

    def poll_limits(self) -> None:
        if self._polling or self._closed:
            return
        self._polling = True
        self.bridge.spawn(self._poll_limits(), "reading the bandwidth limits")

    async def _poll_limits(self) -> None:
        try:
            limits = await self.bridge.run(bandwidth_in_force, self.source)
        finally:
            self._polling = False
        if limits != self.limits and not self._closed:
            self.limits = limits
            self.window.show_limits(limits)
            self.limitsChanged.emit(limits)

    def status_indicator(self, parent: QWidget) -> QLabel:
        """A label for a browser window's status bar, shown while a limit is in force."""
        label = QLabel(parent)
        label.setObjectName("bandwidthIndicator")
        label.setAccessibleName("Bandwidth limit in force")
        label.setToolTip("Transfers run slower than they could: a bandwidth limit is set.")
        self._indicators.append(label)
        _show_on(label, self.limits)
        return label

    def _show_limits(self, limits: Limits) -> None:
        self._indicators = [label for label in self._indicators if shiboken6.isValid(label)]
        for label in self._indicators:
            _show_on(label, limits)

    # -- the jobs that keep the application busy ---------------------------------------------

    def running(self) -> list[JobSnapshot]:
        """Jobs that run or wait for their turn (not the ones an earlier run left)."""
        busy = (JobState.RUNNING, JobState.QUEUED)
        return [j for j in self.model.jobs() if j.state in busy and not j.interrupted]

    def show(self) -> None:
        self.window.present()

    def close(self) -> None:
        self._closed = True
        self._limits_timer.stop()
        self.feed.stop()
        self._unsubscribe()
        self.bridge.shutdown()
        if shiboken6.isValid(self.window):
            self.window.close()
            self.window.deleteLater()


def _show_on(label: QLabel, limits: Limits) -> None:
    text = limits_text(limits)
    label.setText(text)
    label.setVisible(bool(text))
