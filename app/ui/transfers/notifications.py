"""A desktop notification when a job that ran for a while ends.

`worth_telling` is the decision (a job that ran at least `MIN_SECONDS`, ended done or
failed); `DesktopNotifier` sends it as a freedesktop notification over the session bus where
there is one, and does nothing where there is none.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.translation import translate

log = logging.getLogger(__name__)

MIN_SECONDS = 5.0
SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"


def worth_telling(job: JobSnapshot, ran_for: float | None) -> bool:
    if job.state not in (JobState.DONE, JobState.FAILED):
        return False  # cancelled by the user, or still going
    return ran_for is not None and ran_for >= MIN_SECONDS


def message(job: JobSnapshot) -> tuple[str, str]:
    if job.state is JobState.FAILED:
        return translate(
            "Notifications", "Transfer failed"
        ), f"{job.title}: {job.error or 'see the Transfers window'}"
    return translate("Notifications", "Transfer complete"), job.title


class RunClock:
    """When each job was first seen running, to know how long it ran when it ends."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._started: dict[str, float] = {}

    def seen(self, job: JobSnapshot) -> None:
        if job.state is JobState.RUNNING:
            self._started.setdefault(job.id, self._now())

    def ended(self, job: JobSnapshot) -> float | None:
        started = self._started.pop(job.id, None)
        return None if started is None else self._now() - started


def send_desktop_notification(summary: str, body: str) -> bool:
    """True when the session bus took the notification."""
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    notifications = QDBusInterface(SERVICE, OBJECT_PATH, SERVICE, bus)
    if not notifications.isValid():
        return False
    arguments = ["Eider", 0, "eider", summary, body, [], {}, -1]
    # NoBlock: the GUI thread never waits for the desktop's answer
    reply = notifications.callWithArgumentList(QDBus.CallMode.NoBlock, "Notify", arguments)
    if reply.type() == QDBusMessage.MessageType.ErrorMessage:
        log.info("The desktop did not take a notification: %s", reply.errorMessage())
        return False
    return True
