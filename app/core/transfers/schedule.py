"""A weekly bandwidth schedule: which upload and download limits hold at a given moment.

Rules are checked in order and the first that covers the moment wins; outside every rule the
plain limits hold. A rule whose end is not after its start runs through midnight into the
next day (Friday 22:00-06:00 covers Saturday morning). Rates are bytes per second; None means
unlimited. The moment is always passed in, so the clock stays the caller's (tests inject one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

Rates = tuple[float | None, float | None]  # upload, download; None: unlimited

WEEKDAYS = frozenset(range(5))  # Monday..Friday, as datetime.weekday() counts
EVERY_DAY = frozenset(range(7))


@dataclass(frozen=True)
class ScheduleRule:
    days: frozenset[int]  # 0 = Monday .. 6 = Sunday: the days the rule starts on
    start: time
    end: time
    upload: float | None = None
    download: float | None = None

    def __post_init__(self) -> None:
        if not self.days or not self.days <= EVERY_DAY:
            raise ValueError("A schedule rule needs days between 0 (Monday) and 6 (Sunday)")
        for rate in (self.upload, self.download):
            if rate is not None and rate <= 0:
                raise ValueError(f"A scheduled limit must be positive or none ({rate})")

    def covers(self, moment: datetime) -> bool:
        now, day = moment.time(), moment.weekday()
        if self.start < self.end:
            return day in self.days and self.start <= now < self.end
        if day in self.days and now >= self.start:
            return True
        return (day - 1) % 7 in self.days and now < self.end

    def to_json(self) -> dict[str, Any]:
        return {
            "days": sorted(self.days),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "upload": self.upload,
            "download": self.download,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScheduleRule:
        return cls(
            frozenset(int(d) for d in data["days"]),
            time.fromisoformat(data["start"]),
            time.fromisoformat(data["end"]),
            data.get("upload"),
            data.get("download"),
        )


@dataclass(frozen=True)
class BandwidthSchedule:
    rules: tuple[ScheduleRule, ...] = field(default_factory=tuple)

    def rates_at(self, moment: datetime, otherwise: Rates = (None, None)) -> Rates:
        for rule in self.rules:
            if rule.covers(moment):
                return rule.upload, rule.download
        return otherwise

    def to_json(self) -> list[dict[str, Any]]:
        return [rule.to_json() for rule in self.rules]

    @classmethod
    def from_json(cls, data: list[dict[str, Any]]) -> BandwidthSchedule:
        return cls(tuple(ScheduleRule.from_json(rule) for rule in data))
