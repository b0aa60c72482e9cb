"""Cycle collection on the GUI thread only.

Python's cycle collector runs on whichever thread happens to allocate when a generation's
threshold is crossed: in Eider, usually a worker thread parsing a listing or loading a botocore
model. A window, dialog or qasync timer that ended in a reference cycle is then destroyed on that
worker thread, and Qt objects must die on the thread they live in: the GUI thread's event
dispatcher is left with timers and notifiers of a deleted object, and crashes later. Automatic
collection is therefore off while the application runs; a GUI-thread timer collects the
generations whose thresholds were crossed, as the collector would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 250


def due_generation() -> int | None:
    """The oldest generation the automatic collector would collect now, or None."""
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    if counts[0] <= thresholds[0]:
        return None
    if counts[2] > thresholds[2]:
        return 2
    if counts[1] > thresholds[1]:
        return 1
    return 0


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName("guiThreadCollector")
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start(CHECK_INTERVAL_MS)

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> None:
        generation = due_generation()
        if generation is not None:
            gc.collect(generation)
