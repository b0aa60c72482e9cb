"""Cycles of Qt wrappers are collected on the GUI thread, never on a worker that allocates."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.ui.gui_thread_gc import GuiThreadCollector, due_generation


class _Cyclic(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_a_worker_allocating_past_the_threshold_leaves_the_cycle_to_the_gui_thread(
    qtbot: QtBot,
) -> None:
    collector = GuiThreadCollector()
    collector.start()
    try:
        cyclic = _Cyclic()
        dead = weakref.ref(cyclic)
        del cyclic
        held: list[list[int]] = []
        allocated = threading.Event()
        release = threading.Event()

        def allocate() -> None:  # far past every generation's threshold, held meanwhile
            held.extend([] for _ in range(gc.get_threshold()[0] * 20))
            allocated.set()
            release.wait(10)

        worker = threading.Thread(target=allocate)
        worker.start()
        assert allocated.wait(10)
        assert dead() is not None  # the worker's allocations collected nothing
        assert due_generation() is not None
        qtbot.waitUntil(lambda: dead() is None, timeout=5000)  # the GUI thread's timer did
        release.set()
        worker.join()
    finally:
        collector.stop()


def test_stop_collects_what_is_left_and_restores_automatic_collection() -> None:
    gc.enable()
    collector = GuiThreadCollector()
    collector.start()
    assert not gc.isenabled()
    cyclic = _Cyclic()
    dead = weakref.ref(cyclic)
    del cyclic
    collector.stop()
    assert dead() is None
    assert gc.isenabled()
    gc.disable()  # as the GUI tests' fixture keeps it during a test
