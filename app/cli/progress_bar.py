"""A one-line terminal progress bar fed by the engine's sampled CHANGED events.

The engine's listener only stores the newest snapshot; the command's own thread redraws at
most `MAX_REDRAWS_PER_SECOND` times, so a fast job never floods the terminal.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from typing import TextIO

from app.core.transfers.jobs import JobEvent, JobSnapshot
from app.core.transfers.progress import Sample

MAX_REDRAWS_PER_SECOND = 4
_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def human_size(n: float) -> str:
    value = float(n)
    for unit in _UNITS:
        if abs(value) < 1024 or unit == _UNITS[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def human_duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render(sample: Sample, width: int = 80) -> str:
    """One line: bar, percent, bytes, rate, ETA and file count, cut to `width`."""
    total = sample.bytes_total
    fraction = min(1.0, sample.bytes_done / total) if total else 0.0
    eta = human_duration(sample.eta) if sample.eta is not None else "--:--"
    files = f"  {sample.files_done}/{sample.files_total} files" if sample.files_total > 1 else ""
    text = (
        f" {fraction * 100:5.1f}%  {human_size(sample.bytes_done)}/{human_size(total)}"
        f"  {human_size(sample.rate)}/s  ETA {eta}{files}"
    )
    bar_width = max(0, min(30, width - len(text) - 3))
    filled = int(bar_width * fraction)
    bar = f"[{'#' * filled}{'.' * (bar_width - filled)}]" if bar_width >= 5 else ""
    return (bar + text)[: max(0, width - 1)]


class ProgressBar:
    def __init__(
        self, stream: TextIO, enabled: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._stream = stream
        self._clock = clock
        self.enabled = enabled
        self._latest: dict[str, JobSnapshot] = {}
        self._lock = threading.Lock()
        self._last_draw = 0.0
        self._drawn = False

    def on_event(self, event: JobEvent) -> None:
        """The engine's listener: store and return at once (it runs on an engine thread)."""
        with self._lock:
            self._latest[event.job.id] = event.job

    def redraw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not force and now - self._last_draw < 1 / MAX_REDRAWS_PER_SECOND:
            return
        with self._lock:
            snapshots = list(self._latest.values())
        if not snapshots:
            return
        self._last_draw = now
        sample = _combined([s.progress for s in snapshots])
        width = shutil.get_terminal_size((80, 24)).columns
        self._stream.write("\r" + render(sample, width).ljust(width - 1))
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """Leave the terminal on a fresh line."""
        if self.enabled and self._drawn:
            self.redraw(force=True)
            self._stream.write("\n")
            self._stream.flush()


def _combined(samples: list[Sample]) -> Sample:
    if len(samples) == 1:
        return samples[0]
    etas = [s.eta for s in samples]
    return Sample(
        bytes_done=sum(s.bytes_done for s in samples),
        bytes_total=sum(s.bytes_total for s in samples),
        files_done=sum(s.files_done for s in samples),
        files_total=sum(s.files_total for s in samples),
        files_failed=sum(s.files_failed for s in samples),
        files_skipped=sum(s.files_skipped for s in samples),
        rate=sum(s.rate for s in samples),
        eta=None if any(e is None for e in etas) else max(e for e in etas if e is not None),
    )
