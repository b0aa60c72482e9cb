"""Measure how long the GUI event loop goes without running: a 10 ms timer and its lateness.

Each gap between ticks is recorded twice: wall-clock time (what the user feels) and the GUI
thread's own CPU time within it (work Eider did on the GUI thread). A long gap with little GUI
CPU means the thread was waiting: for the GIL held by a worker or for a CPU core on a busy
machine.

Shared by the GUI stall test and `tests/benchmarks/bench_listing.py`, so both measure the
same thing on the same code path.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

PROBE_INTERVAL_MS = 10


class StallProbe(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(PROBE_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.gaps: list[float] = []  # wall seconds between consecutive ticks
        self.busy: list[float] = []  # GUI-thread CPU seconds within each gap

    def start(self) -> None:
        self.gaps.clear()
        self.busy.clear()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append(now - self._last)
        self.busy.append(cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    @property
    def worst_busy_ms(self) -> float:
        return max(self.busy, default=0.0) * 1000

    def stalls_over(self, ms: float) -> int:
        return sum(1 for gap in self.gaps if gap * 1000 > ms)
