"""The application's one Transfers window and everything around it.

`TransfersHub` gets the job source (the application's `TransferService`, made on a worker by
`open_source`), subscribes to it, feeds the model in batches, owns the window and its
commands, opens the window when an upload or download starts (unless turned off), resumes
the jobs an earlier run left (when the preference says so), sends a desktop notification
when a long job ends, keeps the bandwidth indicators (the window's and one per browser status
bar) up to date, and applies and saves the limits chosen in the Limits dialog. The
application's `WindowSet` makes one and wires `showRemoteRequested`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.core.errors import UserError
from app.core.preferences.sections import Preferences
from app.core.settings import SettingsStore, TransferPreferences
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.core.transfers.limits import TransferLimits
from app.ui.async_bridge import AsyncBridge
from app.ui.models.transfers_model import Nickname, TransfersModel
from app.ui.transfers import notifications
from app.ui.transfers.commands import Bookmarks, TransfersCommands
from app.ui.transfers.feed import JobFeed
from app.ui.transfers.front import bring_to_front
from app.ui.transfers.limits_dialog import LimitsDialog
from app.ui.transfers.source import (
    JobSource,
    Limits,
    ResumesInterrupted,
    SetsLimits,
    bandwidth_in_force,
)
from app.ui.transfers.transfers_window import TransfersWindow, limits_text

log = logging.getLogger(__name__)

LIMITS_POLL_MS = 1000
OPENS_WINDOW = (JobKind.UPLOAD, JobKind.DOWNLOAD)
Notify = Callable[[str, str], bool]


class TransfersHub(QObject):
    showRemoteRequested = Signal(object, str, str)  # bookmark id (None: none), bucket, key
    limitsChanged = Signal(object)  # Limits
    sourceLoaded = Signal()  # the source's jobs are listed (and resumed, if so preferred)

    def __init__(
        self,
        open_source: Callable[[], JobSource],
        settings: SettingsStore,
        nickname: Nickname | None = None,
        bookmarks: Bookmarks | None = None,
        notify: Notify = notifications.send_desktop_notification,
        parent: QObject | None = None,
    ) -> None:
        """`open_source()` returns the job source; it may block (it runs on a worker)."""
        super().__init__(parent)
        self.source: JobSource | None = None
        self.settings = settings
        self._notify = notify
        self.bridge = AsyncBridge(on_error=self._show_error, max_workers=4)
        self.model = TransfersModel(nickname, self)
        self.feed = JobFeed(self.model, self)
        self.window = TransfersWindow(self.model, settings.transfers())
        self.commands = TransfersCommands(self.window, None, self.bridge, bookmarks)
        self.limits_dialog: LimitsDialog | None = None
        self.commands.showRemoteRequested.connect(self.showRemoteRequested)
        self.clock = notifications.RunClock()
        self.limits: Limits = (None, None)
        self._polling = False
        self._closed = False
        self._indicators: list[QLabel] = []
        self.limitsChanged.connect(self._show_limits)
        self.window.preferencesChanged.connect(self._save_preferences)
        # The same two values are in Preferences > General: either place shows the other's.
        self._unsubscribe_preferences = settings.subscribe_preferences(self._preferences_changed)
        self.window.action("transferLimitsAction").triggered.connect(self.edit_limits)
        self.feed.added.connect(self._job_added)
        self.feed.finished.connect(self._job_finished)
        self.feed.batchApplied.connect(self._batch_applied)
        self._limits_timer = QTimer(self)
        self._limits_timer.setObjectName("bandwidthPollTimer")
        self._limits_timer.setInterval(LIMITS_POLL_MS)
        self._limits_timer.timeout.connect(self.poll_limits)
        self._unsubscribe: Callable[[], None] | None = None
        self.bridge.spawn(self._load(open_source), "listing the transfers")
        self._limits_timer.start()

    async def _load(self, open_source: Callable[[], JobSource]) -> None:
        source = await self.bridge.run(open_source)
        if self._closed:
            return
        self.source = self.commands.source = source
        self.commands.update_actions()
        self._unsubscribe = source.subscribe(self.feed.listener)
        jobs = await self.bridge.run(source.jobs)
        self.feed.load(jobs)
        self.poll_limits()
        if self.settings.transfers().resume_at_start and isinstance(source, ResumesInterrupted):
            await self.bridge.run(source.resume_interrupted)
        self.sourceLoaded.emit()

    # -- reactions ---------------------------------------------------------------------------

    def _show_error(self, error: UserError) -> None:
        if shiboken6.isValid(self.window):
            self.window.show_message(str(error))

    def _save_preferences(self, preferences: TransferPreferences) -> None:
        self.settings.set_transfers(preferences)

    def _preferences_changed(self, preferences: Preferences) -> None:
        if self._closed or not shiboken6.isValid(self.window):
            return
        general = preferences.general
        for box, value in (
            (self.window.open_on_start, general.open_transfers_window),
            (self.window.resume_at_start, general.resume_queue_at_start),
        ):
            if box.isChecked() != value:
                with QSignalBlocker(box):
                    box.setChecked(value)

    def _job_added(self, job: JobSnapshot) -> None:
        if job.interrupted:  # left by an earlier run: listed, not started here
            return
        self.clock.seen(job)
        # Uploads and downloads open the window; an operation on the server (rename, delete,
        # duplicate, restore) shows its progress in its browser window's status bar.
        if job.kind in OPENS_WINDOW and self.settings.transfers().open_window_on_start:
            self.window.present()

    def _batch_applied(self, jobs: list[JobSnapshot]) -> None:
        for job in jobs:
            self.clock.seen(job)

    def _job_finished(self, job: JobSnapshot) -> None:
        self.commands.job_ended(job)
        ran_for = self.clock.ended(job)
        wanted = self.settings.preferences().general.notifications
        if wanted and notifications.worth_telling(job, ran_for):
            summary, body = notifications.message(job)
            if not self._notify(summary, body):
                log.debug("No desktop notification for %s", job.id)

    # -- bandwidth ---------------------------------------------------------------------------

    def poll_limits(self) -> None:
        if self._polling or self._closed or self.source is None:
            return
        if not self.bridge.can_spawn:
            # A tick in the pass of Qt events after the event loop ended (at quit): no
            # coroutine is made, as none could run; the next tick under a running loop polls.
            return
        self._polling = True
        self.bridge.spawn(self._poll_limits(self.source), "reading the bandwidth limits")

    async def _poll_limits(self, source: JobSource) -> None:
        try:
            limits = await self.bridge.run(bandwidth_in_force, source)
        finally:
            self._polling = False
        if limits != self.limits and not self._closed:
            self.limits = limits
            self.window.show_limits(limits)
            self.limitsChanged.emit(limits)

    def edit_limits(self) -> None:
        """Show the Limits dialog (not modal) with the limits saved now."""
        if self.limits_dialog is None:
            dialog = LimitsDialog(self.window)
            dialog.limitsChosen.connect(self.apply_limits)
            self.limits_dialog = dialog
        self.limits_dialog.show_limits(self.settings.transfer_limits())
        bring_to_front(self.limits_dialog)

    def apply_limits(self, limits: TransferLimits) -> None:
        """Save `limits` and apply them to every job (running ones within a second)."""
        self.settings.set_transfer_limits(limits)
        source = self.source
        if isinstance(source, SetsLimits):
            self.bridge.spawn(self._apply_limits(source, limits), "changing the transfer limits")

    async def _apply_limits(self, source: SetsLimits, limits: TransferLimits) -> None:
        await self.bridge.run(source.set_limits, limits)
        self.poll_limits()

    def status_indicator(self, parent: QWidget) -> QLabel:
        """A label for a browser window's status bar, shown while a limit is in force."""
        label = QLabel(parent)
        label.setObjectName("bandwidthIndicator")
        label.setAccessibleName(self.tr("Bandwidth limit in force"))
        label.setToolTip(self.tr("Transfers run slower than they could: a bandwidth limit is set."))
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
        self._unsubscribe_preferences()
        self._limits_timer.stop()
        self.feed.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.bridge.shutdown()
        if shiboken6.isValid(self.window):
            self.window.close()
            self.window.deleteLater()


def _show_on(label: QLabel, limits: Limits) -> None:
    text = limits_text(limits)
    label.setText(text)
    label.setVisible(bool(text))
