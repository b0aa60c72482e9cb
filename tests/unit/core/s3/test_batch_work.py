from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from app.core.s3.batch_work import never_cancelled, run_bounded


def test_items_are_pulled_lazily_and_in_flight_work_is_bounded() -> None:
    lock = threading.Lock()
    running = peak = pulled = 0
    results: list[int] = []

    def items() -> Iterator[int]:
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield i

    def work(i: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.002)
        with lock:
            running -= 1
        return i * i

    def on_result(item: int, result: int) -> None:
        # Never more than 2 * workers items taken from the stream ahead of their results.
        assert pulled - len(results) <= 6
        results.append(result)

    assert run_bounded(items(), work, on_result, never_cancelled(), workers=3)
    assert sorted(results) == [i * i for i in range(40)]
    assert peak <= 3


def test_an_exception_from_work_propagates() -> None:
    def work(i: int) -> int:
        if i == 3:
            raise RuntimeError("boom")
        return i

    with pytest.raises(RuntimeError, match="boom"):
        run_bounded(range(10), work, lambda item, result: None, never_cancelled(), workers=2)


def test_cancel_before_start_touches_nothing() -> None:
    cancel = threading.Event()
    cancel.set()
    seen: list[int] = []
    assert not run_bounded(range(5), seen.append, lambda i, r: None, cancel)
    assert seen == []
