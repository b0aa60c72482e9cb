"""Measure how long the GUI event loop goes without running: a 10 ms timer and its lateness.

Each gap between ticks is recorded with what the kernel says about it (`schedstat` of every
thread of this process: CPU time, and time spent runnable but waiting for a CPU core):

- wall-clock time: what the user feels;
- the GUI thread's own CPU time: work Eider did on the GUI thread;
- the GUI thread's own wait for a core: the machine was busy (not Eider's doing);
- the longest wait for a core of any other thread of the process. The GUI thread also
  sleeps while it waits for other threads: for the GIL held by a worker, or for Qt's own
  pool threads (Qt 6 converts large images in parallel and waits for the pieces). If those
  threads sat in the run queue, that sleep is the busy machine too;
- the GUI thread's major page faults: a sleep while a page of code or data is read back
  from disk (memory pressure on the machine). Counted, not taken out: the kernel does not
  say how long each took.

`without_core_waits` takes both kinds of core wait out of a gap (the second no more than the
GUI thread slept); `without_own_core_waits` only the first. What is left is time Eider kept
the loop from running: GUI-thread work, or a sleep on something that was not waiting for a
core (the GIL held by a running worker, a blocking call). Where schedstat is missing, core
waits read as zero and both figures fall back to the wall gap.

Shared by the GUI stall test and `tests/benchmarks/bench_listing.py`, so both measure the
same thing on the same code path.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

PROBE_INTERVAL_MS = 10
_TASKS = Path("/proc/self/task")


@dataclass(frozen=True)
class Gap:
    ended_s: float  # after start()
    wall_s: float
    gui_cpu_s: float
    gui_core_wait_s: float
    other_core_wait_s: float  # the longest of any other thread in the process
    gui_major_faults: int = 0  # pages the GUI thread had to wait for from disk

    @property
    def without_own_core_waits_s(self) -> float:
        return max(0.0, self.wall_s - self.gui_core_wait_s)

    @property
    def without_core_waits_s(self) -> float:
        slept = max(0.0, self.wall_s - self.gui_cpu_s - self.gui_core_wait_s)
        return max(0.0, self.without_own_core_waits_s - min(slept, self.other_core_wait_s))


def _major_faults(tid: int) -> int:
    try:
        stat = (_TASKS / str(tid) / "stat").read_text()
    except OSError:
        return 0
    return int(stat.rpartition(")")[2].split()[9])  # majflt: field 12 of proc_pid_stat(5)


def _read_schedstats() -> dict[int, tuple[float, float]]:
    """(CPU seconds, core-wait seconds) of each thread of this process; {} without schedstat."""
    stats: dict[int, tuple[float, float]] = {}
    try:
        tasks = list(_TASKS.iterdir())
    except OSError:
        return stats
    for task in tasks:
        try:
            cpu, wait, _ = (task / "schedstat").read_text().split()
        except (OSError, ValueError):
            continue  # a thread that just ended
        stats[int(task.name)] = (int(cpu) / 1e9, int(wait) / 1e9)
    return stats


class StallProbe(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(PROBE_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._gui = threading.get_native_id()  # the thread that makes the probe: the GUI's
        self._started = self._last = self._last_cpu = 0.0
        self._last_stats: dict[int, tuple[float, float]] = {}
        self._last_faults = 0
        self.gaps: list[Gap] = []

    def start(self) -> None:
        self.gaps.clear()
        self._started = self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._last_stats = _read_schedstats()
        self._last_faults = _major_faults(self._gui)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now, cpu, stats = time.perf_counter(), time.thread_time(), _read_schedstats()
        faults = _major_faults(self._gui)
        before = self._last_stats
        waits = {tid: wait - before[tid][1] for tid, (_, wait) in stats.items() if tid in before}
        self.gaps.append(
            Gap(
                ended_s=now - self._started,
                wall_s=now - self._last,
                gui_cpu_s=cpu - self._last_cpu,
                gui_core_wait_s=waits.pop(self._gui, 0.0),
                other_core_wait_s=max(waits.values(), default=0.0),
                gui_major_faults=faults - self._last_faults,
            )
        )
        self._last, self._last_cpu, self._last_stats = now, cpu, stats
        self._last_faults = faults

    @property
    def measures_core_waits(self) -> bool:
        return self._gui in self._last_stats

    @property
    def worst_ms(self) -> float:
        return max((g.wall_s for g in self.gaps), default=0.0) * 1000

    @property
    def worst_busy_ms(self) -> float:
        return max((g.gui_cpu_s for g in self.gaps), default=0.0) * 1000

    @property
    def worst_without_own_core_waits_ms(self) -> float:
        return max((g.without_own_core_waits_s for g in self.gaps), default=0.0) * 1000

    @property
    def worst_without_core_waits_ms(self) -> float:
        return max((g.without_core_waits_s for g in self.gaps), default=0.0) * 1000

    def stalls_over(self, ms: float) -> int:
        return sum(1 for g in self.gaps if g.wall_s * 1000 > ms)

    def stalls_over_without_core_waits(self, ms: float) -> int:
        return sum(1 for g in self.gaps if g.without_core_waits_s * 1000 > ms)

    def longest(self, count: int) -> list[Gap]:
        return sorted(self.gaps, key=lambda g: g.wall_s, reverse=True)[:count]

    def longest_without_core_waits(self, count: int) -> list[Gap]:
        return sorted(self.gaps, key=lambda g: g.without_core_waits_s, reverse=True)[:count]
