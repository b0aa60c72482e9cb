"""A watchdog thread that catches the GUI thread away from its event loop, and says where.

The GUI thread beats (a 10 ms `QTimer`); a plain Python thread polls the beat. When no beat has
come for longer than the threshold, the watchdog takes the GUI thread's Python stack
(`sys._current_frames`) while it is still stuck, and when the next beat comes it records a
`Hang`: how long, the GUI thread's CPU time meanwhile (read from outside through
`pthread_getcpuclockid`), and its waits for a CPU core (`schedstat`, as in `stall_probe.py`).

A hang is *on CPU* when the GUI thread worked for most of it, *blocked* when it slept (a lock,
a socket, `time.sleep`, the GIL held by a running worker) and *waiting for a core* when the
machine was busy. `held_s` is the gap less core waits: time Eider kept the loop from running.
A GUI thread blocked on a lock spends no CPU, so only a check of `held_s` sees that freeze.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from tests.gui.stall_probe import _read_schedstats

BEAT_MS = 10
_TASKS = Path("/proc/self/task")
POLL_S = 0.005


@dataclass(frozen=True)
class Hang:
    started_s: float  # after start()
    wall_s: float
    gui_cpu_s: float
    gui_core_wait_s: float
    other_core_wait_s: float  # the longest of any other thread of the process
    stack: list[str] = field(default_factory=list)  # the GUI thread's, taken mid-hang
    gui_wakeups: int = 0  # the GUI thread's voluntary context switches during the hang

    @property
    def one_long_sleep(self) -> bool:
        """The GUI thread slept in one wait (a lock, `sleep`, a socket), not in the GIL's
        5 ms turns: a thread waiting for the GIL wakes every 5 ms, one on a lock does not."""
        return self.gui_wakeups < self.wall_s / 0.02

    @property
    def held_s(self) -> float:
        """The gap less the GUI thread's waits for a core; and, when it was waiting for the
        GIL, less the other threads' waits for one (no more than it slept): the GIL's holder
        may have been the thread waiting for a core."""
        own = max(0.0, self.wall_s - self.gui_core_wait_s)
        if self.one_long_sleep:
            return own
        slept = max(0.0, own - self.gui_cpu_s)
        return max(0.0, own - min(slept, self.other_core_wait_s))

    @property
    def state(self) -> str:
        if self.held_s < self.wall_s / 4:
            return "waiting for a core"
        return "on CPU" if self.gui_cpu_s >= self.held_s / 2 else "blocked"

    def __str__(self) -> str:
        where = "".join(self.stack[-8:]) or "  (no stack taken)\n"
        return (
            f"GUI thread away from its event loop {self.wall_s * 1000:.0f} ms at "
            f"{self.started_s:.2f} s, {self.state} ({self.gui_cpu_s * 1000:.0f} ms CPU, "
            f"{self.gui_core_wait_s * 1000:.0f} ms waiting for a core, "
            f"{self.gui_wakeups} wake-ups, held "
            f"{self.held_s * 1000:.0f} ms); it was at:\n{where}"
        )


def held_over(hangs: list[Hang], limit_ms: float) -> list[Hang]:
    return [h for h in hangs if h.held_s * 1000 > limit_ms]


def assert_responsive(hangs: list[Hang], limit_ms: float = 100) -> None:
    """Fail, with each hang's stack, if the loop was held longer than `limit_ms`."""
    over = held_over(hangs, limit_ms)
    assert not over, f"{len(over)} hang(s) over {limit_ms:.0f} ms:\n" + "\n".join(
        str(h) for h in over
    )


def _wakeups(tid: int) -> int:
    try:
        status = (_TASKS / str(tid) / "status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    return 0


def _cpu_clock(thread_ident: int) -> int | None:
    try:
        return time.pthread_getcpuclockid(thread_ident)
    except (AttributeError, OSError):  # not on every platform
        return None


class HangWatchdog(QObject):
    """Made on the GUI thread; `start()` and `stop()` there too."""

    def __init__(self, threshold_ms: float = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold_s = threshold_ms / 1000
        self.hangs: list[Hang] = []
        self._gui_ident = threading.get_ident()
        self._gui_tid = threading.get_native_id()
        self._clock = _cpu_clock(self._gui_ident)
        self._timer = QTimer(self)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last_beat = 0.0
        self._started = 0.0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._watch_tid = 0

    def start(self) -> None:
        self.hangs.clear()
        self._started = self._last_beat = time.perf_counter()
        self._stopping.clear()
        self._timer.start()
        self._thread = threading.Thread(target=self._watch, name="hang-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> HangWatchdog:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def held_over(self, limit_ms: float) -> list[Hang]:
        return held_over(self.hangs, limit_ms)

    def assert_responsive(self, limit_ms: float = 100) -> None:
        assert_responsive(self.hangs, limit_ms)

    def _beat(self) -> None:
        self._last_beat = time.perf_counter()

    def _gui_cpu_s(self) -> float:
        return 0.0 if self._clock is None else time.clock_gettime(self._clock)

    def _watch(self) -> None:
        self._watch_tid = threading.get_native_id()
        seen = self._last_beat
        base_cpu, base_stats = self._gui_cpu_s(), _read_schedstats()
        base_wakeups = _wakeups(self._gui_tid)
        stack: list[str] | None = None
        while True:
            stopping = self._stopping.wait(POLL_S)
            beat = self._last_beat
            now = time.perf_counter()
            if stack is None and now - seen > self.threshold_s and not stopping:
                frame = sys._current_frames().get(self._gui_ident)
                stack = traceback.format_stack(frame) if frame is not None else []
            if beat != seen or stopping:
                if stack is not None:
                    ended = beat if beat != seen else now
                    self._record(seen, ended, base_cpu, base_stats, base_wakeups, stack)
                    stack = None
                if stopping:
                    return
                seen = beat
                base_cpu, base_stats = self._gui_cpu_s(), _read_schedstats()
                base_wakeups = _wakeups(self._gui_tid)

    def _record(
        self,
        began: float,
        ended: float,
        base_cpu: float,
        base_stats: dict[int, tuple[float, float]],
        base_wakeups: int,
        stack: list[str],
    ) -> None:
        stats = _read_schedstats()
        waits = {t: w - base_stats[t][1] for t, (_, w) in stats.items() if t in base_stats}
        waits.pop(self._watch_tid, None)  # the watchdog's own waits held nobody up
        self.hangs.append(
            Hang(
                started_s=began - self._started,
                wall_s=ended - began,
                gui_cpu_s=self._gui_cpu_s() - base_cpu,
                gui_core_wait_s=waits.pop(self._gui_tid, 0.0),
                other_core_wait_s=max(waits.values(), default=0.0),
                stack=stack,
                gui_wakeups=_wakeups(self._gui_tid) - base_wakeups,
            )
        )
