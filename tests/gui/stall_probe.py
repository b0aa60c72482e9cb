"""Measure how long the GUI event loop goes without running: a 10 ms timer and its lateness.

Each gap between ticks is recorded three ways: wall-clock time (what the user feels), the GUI
thread's own CPU time within it (work Eider did on the GUI thread), and the time the GUI
thread spent runnable but waiting for a CPU core (the kernel's run-queue delay, from
`/proc/self/task/<tid>/schedstat`). A long gap with little GUI CPU is a thread waiting: for
the GIL held by a worker (Eider's doing: the thread sleeps, it is not runnable) or for a core
on a busy machine (not Eider's doing). `gap - core wait` tells the two apart; where schedstat
is missing the core wait reads as zero, so the figure falls back to the wall gap.

Shared by the GUI stall test and `tests/benchmarks/bench_listing.py`, so both measure the
same thing on the same code path.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

PROBE_INTERVAL_MS = 10


def _core_wait_reader() -> Path | None:
    path = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")
    try:
        path.read_text()
    except OSError:
        return None
    return path


class StallProbe(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(PROBE_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._schedstat = _core_wait_reader()  # the thread that creates the probe: the GUI's
        self._last = 0.0
        self._last_cpu = 0.0
        self._last_wait = 0.0
        self.gaps: list[float] = []  # wall seconds between consecutive ticks
        self.busy: list[float] = []  # GUI-thread CPU seconds within each gap
        self.core_waits: list[float] = []  # seconds the GUI thread waited for a core
        self.ends: list[float] = []  # when each gap ended, seconds after start()
        self._started = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self.busy.clear()
        self.core_waits.clear()
        self.ends.clear()
        self._last = self._started = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._last_wait = self._core_wait()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _core_wait(self) -> float:
        if self._schedstat is None:
            return 0.0
        return int(self._schedstat.read_text().split()[1]) / 1e9

    def _tick(self) -> None:
        now, cpu, wait = time.perf_counter(), time.thread_time(), self._core_wait()
        self.gaps.append(now - self._last)
        self.busy.append(cpu - self._last_cpu)
        self.core_waits.append(wait - self._last_wait)
        self.ends.append(now - self._started)
        self._last, self._last_cpu, self._last_wait = now, cpu, wait

    @property
    def measures_core_waits(self) -> bool:
        return self._schedstat is not None

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    @property
    def worst_busy_ms(self) -> float:
        return max(self.busy, default=0.0) * 1000

    @property
    def worst_without_core_waits_ms(self) -> float:
        """The longest gap once the time spent waiting for a CPU core is taken out."""
        return max(self._without_core_waits(), default=0.0) * 1000

    def stalls_over(self, ms: float) -> int:
        return sum(1 for gap in self.gaps if gap * 1000 > ms)

    def stalls_over_without_core_waits(self, ms: float) -> int:
        return sum(1 for gap in self._without_core_waits() if gap * 1000 > ms)

    def longest(self, count: int) -> list[tuple[float, float, float, float]]:
        """The `count` longest gaps: (ended at s, wall ms, GUI CPU ms, core wait ms)."""
        gaps = zip(self.ends, self.gaps, self.busy, self.core_waits, strict=True)
        worst = sorted(gaps, key=lambda gap: gap[1], reverse=True)[:count]
        return [(end, wall * 1000, busy * 1000, wait * 1000) for end, wall, busy, wait in worst]

    def _without_core_waits(self) -> list[float]:
        return [max(0.0, gap - wait) for gap, wait in zip(self.gaps, self.core_waits, strict=True)]
