"""Open a prefix in a browser controller, load everything as soon as the first rows show, and
time it while a `StallProbe` watches the event loop.

The GUI stall test runs it on 20,000 keys; `tests/benchmarks/bench_listing.py` on 200,000.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QTimer

from app.ui.controllers.browser import BrowserController
from app.ui.location import Location
from tests.gui.hang_watchdog import Hang, HangWatchdog, assert_responsive
from tests.gui.stall_probe import Gap, StallProbe


@dataclass(frozen=True)
class ListingRun:
    rows: int
    rows_at_first_show: int
    first_rows_s: float
    all_rows_s: float
    worst_stall_ms: float  # wall clock
    worst_gui_busy_ms: float  # GUI-thread CPU within one gap
    worst_stall_without_own_core_waits_ms: float  # less the GUI thread's waits for a core
    worst_stall_without_core_waits_ms: float  # less those of the threads it waited for too
    stalls_over_100ms: int
    stalls_over_100ms_without_core_waits: int
    measures_core_waits: bool  # False where the kernel does not say (then: wall clock)
    longest_gaps: list[Gap]  # the longest once core waits are taken out
    timed_out: bool
    hangs: list[Hang]  # the watchdog's: each gap over 100 ms wall, with the GUI thread's stack

    def assert_responsive(self, limit_ms: float = 100) -> None:
        assert_responsive(self.hangs, limit_ms)


def measure_listing(
    controller: BrowserController, location: Location, timeout_s: float = 600.0
) -> ListingRun:
    model = controller.model
    waiter = QEventLoop()
    probe = StallProbe()
    watchdog = HangWatchdog(threshold_ms=100)
    started = time.perf_counter()
    first: list[tuple[float, int]] = []
    finished: list[float] = []

    def rows_inserted(*_: object) -> None:
        if not first and model.rowCount() > 0:
            first.append((time.perf_counter() - started, model.rowCount()))
            controller.load_everything()

    def maybe_done(*_: object) -> None:
        if not finished and first and model.complete and not model.loading:
            finished.append(time.perf_counter() - started)
            waiter.quit()

    model.rowsInserted.connect(rows_inserted)
    model.loadingChanged.connect(maybe_done)
    controller.errorOccurred.connect(lambda *_: waiter.quit())
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(waiter.quit)
    deadline.start(int(timeout_s * 1000))
    probe.start()
    watchdog.start()
    controller.navigate(location)
    waiter.exec()
    watchdog.stop()
    probe.stop()
    deadline.stop()
    model.rowsInserted.disconnect(rows_inserted)
    model.loadingChanged.disconnect(maybe_done)
    first_s, first_rows = first[0] if first else (float("nan"), 0)
    return ListingRun(
        rows=model.rowCount(),
        rows_at_first_show=first_rows,
        first_rows_s=first_s,
        all_rows_s=finished[0] if finished else float("nan"),
        worst_stall_ms=probe.worst_ms,
        worst_gui_busy_ms=probe.worst_busy_ms,
        worst_stall_without_own_core_waits_ms=probe.worst_without_own_core_waits_ms,
        worst_stall_without_core_waits_ms=probe.worst_without_core_waits_ms,
        stalls_over_100ms=probe.stalls_over(100),
        stalls_over_100ms_without_core_waits=probe.stalls_over_without_core_waits(100),
        measures_core_waits=probe.measures_core_waits,
        longest_gaps=probe.longest_without_core_waits(3),
        timed_out=not finished,
        hangs=list(watchdog.hangs),
    )
