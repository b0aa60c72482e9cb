"""What the Transfers window needs from whatever runs the jobs, as Protocols.

The application's source is its `TransferService` (`app/core/transfers/service.py`); tests
may give a smaller one. Every call may block: the window makes them through
its `AsyncBridge`, never on the GUI thread. Listeners are called on the source's threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from app.core.transfers.jobs import JobSnapshot, Listener
from app.core.transfers.limits import TransferLimits

Limits = tuple[float | None, float | None]  # upload, download bytes/s; None: unlimited


class JobSource(Protocol):
    def subscribe(self, listener: Listener) -> Callable[[], None]: ...
    def jobs(self) -> list[JobSnapshot]: ...
    def job(self, job_id: str) -> JobSnapshot: ...
    def pause(self, job_id: str) -> None: ...
    def resume(self, job_id: str) -> None: ...
    def retry(self, job_id: str) -> None: ...
    def cancel(self, job_id: str, keep_uploads: bool = False) -> None: ...
    def forget(self, job_id: str) -> None: ...


@runtime_checkable
class ReportsBandwidth(Protocol):
    def bandwidth_in_force(self) -> Limits: ...


@runtime_checkable
class Retargets(Protocol):
    def retarget(self, job_id: str, bookmark_id: str) -> None: ...


@runtime_checkable
class ResumesInterrupted(Protocol):
    def resume_interrupted(self) -> list[str]: ...


@runtime_checkable
class SetsLimits(Protocol):
    def set_limits(self, limits: TransferLimits) -> None: ...


def bandwidth_in_force(source: object) -> Limits:
    """The limits `source` says are in force now; none when it cannot say."""
    if isinstance(source, ReportsBandwidth):
        return source.bandwidth_in_force()
    return (None, None)
