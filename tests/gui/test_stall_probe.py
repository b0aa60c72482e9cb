"""The window stays responsive while a large listing streams in (scaled down from the
200,000-key benchmark, same code path: `tests/gui/listing_run.py`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui.location import Location
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, fill, wait_for
from tests.gui.listing_run import measure_listing

pytestmark = pytest.mark.gui

KEYS = 20_000


def test_no_event_loop_stall_over_100ms_while_a_large_listing_loads(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"many/{i:06d}" for i in range(KEYS)], body=b"", threads=10)
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: window.folder_tree.labels() != [])

    run = measure_listing(window.controller, Location(bucket, "many/"), timeout_s=120)

    assert not window.error_banner.isVisible(), window.error_banner.text
    assert not run.timed_out
    assert run.rows == KEYS
    assert 0 < run.rows_at_first_show <= 1000  # first rows shown before the rest arrived
    assert run.first_rows_s < run.all_rows_s
    # Work done on the GUI thread never blocks the loop for 100 ms: no blocking call, no
    # whole-listing pass per page. (The wall-clock gap also counts time spent waiting for a
    # CPU core; on a shared 2-core machine under load that alone can exceed 100 ms. The gap
    # less those waits is the criterion: it is reported here and by the benchmark,
    # not asserted, because a test run alongside others cannot hold it with a safe margin.)
    assert run.worst_gui_busy_ms < 100, f"GUI thread busy {run.worst_gui_busy_ms:.0f} ms"
    # ...and it never sleeps on the GUI thread for 100 ms either (a lock, a socket, the GIL
    # held by a running worker): CPU time alone would miss those. The watchdog takes waits
    # for a core out and names where the GUI thread was.
    run.assert_responsive(100)
    print(
        f"\nstall probe: {run.rows} rows in {run.all_rows_s:.2f} s, worst gap "
        f"{run.worst_stall_ms:.0f} ms wall / {run.worst_gui_busy_ms:.0f} ms GUI CPU / "
        f"{run.worst_stall_without_own_core_waits_ms:.0f} ms less the GUI thread's core waits / "
        f"{run.worst_stall_without_core_waits_ms:.0f} ms less all core waits; "
        f"{run.stalls_over_100ms} gaps over 100 ms wall, "
        f"{run.stalls_over_100ms_without_core_waits} less core waits; longest: "
        f"{run.longest_gaps}"
    )


def _sleep() -> None:
    time.sleep(0.2)


def _wait_on_a_workers_lock() -> None:
    lock, held = threading.Lock(), threading.Event()

    def worker() -> None:
        with lock:
            held.set()
            time.sleep(0.2)

    thread = threading.Thread(target=worker)
    thread.start()
    held.wait(5)
    with lock:  # the GUI thread blocks here, spending no CPU
        pass
    thread.join()


@pytest.mark.parametrize("block", [_sleep, _wait_on_a_workers_lock], ids=["sleep", "lock"])
def test_the_stall_check_fails_when_the_gui_thread_blocks_during_the_listing(
    qtbot: QtBot,
    windows: Windows,
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    block: Callable[[], None],
) -> None:
    """The same run and check as above, with a blocking call injected on the GUI thread when
    the first rows show: the check fails and its message names the call."""
    fill(seaweed_admin, bucket, [f"many/{i:05d}" for i in range(2_000)], body=b"", threads=10)
    window = windows.open(connection_for(seaweed))
    wait_for(qtbot, lambda: window.folder_tree.labels() != [])
    blocked: list[bool] = []

    def block_once(*_: object) -> None:
        if not blocked:
            blocked.append(True)
            block()

    window.controller.model.rowsInserted.connect(block_once)
    run = measure_listing(window.controller, Location(bucket, "many/"), timeout_s=120)

    assert blocked and run.rows == 2_000
    with pytest.raises(AssertionError) as failure:
        run.assert_responsive(100)
    assert block.__name__ in str(failure.value)
    assert "blocked" in str(failure.value)
