"""Ending the tests' qasync loop: the one place the tests reach into qasync and asyncio.

qasync has no public way to end a loop made with `already_running=True` other than
`loop.stop()`, and that calls `QApplication.exit()`, which leaves Qt's quit flag set and breaks
the event processing of every later test. So the loop is ended by hand, with the private
steps `stop()` would take, here and nowhere else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import qasync
import shiboken6


def end_loop(qapp: Any, loop: qasync.QEventLoop) -> None:
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._QEventLoop__is_running = False
    loop._after_run_forever()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    # The loop's own QObjects (its timer object and the signaller `call_soon_threadsafe` emits
    # on) die here, on the GUI thread. Left to the loop's garbage collection they die on
    # whichever thread collects it, and the GUI thread's event dispatcher keeps the timers of
    # a deleted object. A worker emitting on the deleted signaller later gets a RuntimeError.
    shiboken6.delete(loop._timer)
    shiboken6.delete(loop._QEventLoop__call_soon_signaller)


@contextmanager
def loop_not_running(loop: qasync.QEventLoop) -> Iterator[None]:
    """Qt events handled as in the pass after the loop ended (at quit, or after a test):
    no running loop and no current one; `loop` is back afterwards."""
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    try:
        yield
    finally:
        asyncio.set_event_loop(loop)
        asyncio.events._set_running_loop(loop)
