"""A measurement hook: with EIDER_FIRST_PAINT=FILE, the first window's first paint writes when it
happened to FILE (JSON) and Eider quits. The start-up benchmark (tests/benchmarks/bench_startup.py)
times "launch to main window painted" with it, offscreen.

Written: `monotonic` (`time.monotonic()`, CLOCK_MONOTONIC: the same clock in every process, so
the launching process can subtract its own reading), `since_start_s` (from the kernel's record of
the process's start, 10 ms resolution) and `cpu_s` (this process's CPU seconds, all threads).
The time is taken once the paint pass that began with the window's first paint event is over,
so the window's contents are drawn, not only its frame.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "EIDER_FIRST_PAINT"


def since_process_start_s() -> float | None:
    """Seconds since the kernel started this process (Linux /proc), else None."""
    try:
        fields = Path("/proc/self/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, since boot
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, target: Path) -> None:
        super().__init__(window)
        self._target = target
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)  # after this paint pass has drawn every child
        return False

    def _painted(self) -> None:
        record = {
            "monotonic": time.monotonic(),
            "since_start_s": since_process_start_s(),
            "cpu_s": time.process_time(),
        }
        # A few bytes, once, and the process quits right after: written on the GUI thread.
        self._target.write_text(json.dumps(record))
        QApplication.quit()


def install_first_paint_report(window: QWidget) -> QObject | None:
    target = os.environ.get(ENV)
    if not target:
        return None
    return _FirstPaint(window, Path(target))
