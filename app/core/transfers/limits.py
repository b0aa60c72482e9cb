"""Limits over every job of the transfer service: running jobs, connections, bandwidth.

`LimitKeeper` owns the two bandwidth limiters all jobs share (uploads and downloads apart;
server-side copies and deletes move no bytes through Eider) and sets their rates from the
limits and the schedule in force. `refresh()` is called by the service once a second, so a
scheduled change, like a changed setting, reaches running jobs within a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.core.transfers.bandwidth import BandwidthLimiter
from app.core.transfers.jobs import JobKind
from app.core.transfers.listeners import Listeners
from app.core.transfers.schedule import BandwidthSchedule, Rates

Clock = Callable[[], datetime]
LimitsListener = Callable[[Rates], None]


@dataclass(frozen=True)
class TransferLimits:
    max_running_jobs: int = 4  # jobs transferring at once; more wait in the queue
    connections_per_job: int = 10  # requests in flight for one job
    upload_rate: float | None = None  # bytes per second over all uploads; None: unlimited
    download_rate: float | None = None
    schedule: BandwidthSchedule = field(default_factory=BandwidthSchedule)

    def __post_init__(self) -> None:
        if self.max_running_jobs < 1 or self.connections_per_job < 1:
            raise ValueError("At least one job and one connection per job are needed")
        for rate in (self.upload_rate, self.download_rate):
            if rate is not None and rate <= 0:
                raise ValueError(f"A bandwidth limit must be positive or none ({rate})")

    def rates_at(self, moment: datetime) -> Rates:
        return self.schedule.rates_at(moment, (self.upload_rate, self.download_rate))

    def to_json(self) -> dict[str, Any]:
        """Plain data for the settings file."""
        return {
            "max_running_jobs": self.max_running_jobs,
            "connections_per_job": self.connections_per_job,
            "upload_rate": self.upload_rate,
            "download_rate": self.download_rate,
            "schedule": self.schedule.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TransferLimits:
        """Raises ValueError (or KeyError/TypeError) for data no version wrote."""
        return cls(
            int(data.get("max_running_jobs", 4)),
            int(data.get("connections_per_job", 10)),
            data.get("upload_rate"),
            data.get("download_rate"),
            BandwidthSchedule.from_json(data.get("schedule", [])),
        )


class SharedBandwidth:
    """The limiters every upload (and every download) of every engine draws from."""

    def __init__(self) -> None:
        self.upload = BandwidthLimiter()
        self.download = BandwidthLimiter()

    def for_kind(self, kind: JobKind) -> BandwidthLimiter | None:
        if kind is JobKind.UPLOAD:
            return self.upload
        if kind is JobKind.DOWNLOAD:
            return self.download
        return None


class LimitKeeper:
    def __init__(self, limits: TransferLimits | None = None, clock: Clock = datetime.now) -> None:
        self.bandwidth = SharedBandwidth()
        self._limits = limits or TransferLimits()
        self._clock = clock
        self._lock = threading.Lock()
        self._in_force: Rates = (None, None)
        self._listeners: Listeners[Rates] = Listeners()
        self.refresh()

    @property
    def limits(self) -> TransferLimits:
        return self._limits

    def set_limits(self, limits: TransferLimits) -> None:
        with self._lock:
            self._limits = limits
        self.refresh()

    def in_force(self) -> Rates:
        """Upload and download bytes per second in force now (None: unlimited)."""
        with self._lock:
            return self._in_force

    def refresh(self) -> Rates:
        """Apply the rates the limits and schedule give for now; listeners hear of a change."""
        with self._lock:
            rates = self._limits.rates_at(self._clock())
            changed = rates != self._in_force
            self._in_force = rates
        upload, download = rates
        if self.bandwidth.upload.rate != upload:
            self.bandwidth.upload.set_rate(upload)
        if self.bandwidth.download.rate != download:
            self.bandwidth.download.set_rate(download)
        if changed:
            self._listeners.notify(rates, "A bandwidth-limit listener failed")
        return rates

    def subscribe(self, listener: LimitsListener) -> Callable[[], None]:
        """Call `listener(rates)` whenever the rates in force change; returns unsubscribe."""
        return self._listeners.subscribe(listener)
