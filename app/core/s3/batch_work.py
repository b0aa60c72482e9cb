"""Shared plumbing for long S3 operations: cancellation, progress, a bounded worker pool.

Long operations (folder delete, rename, copy) run as transfer-engine jobs. They take a
cancellation flag (anything with `is_set()`, usually a `threading.Event`) and a progress
callback `progress(done, total)`; `total` is None while it is not known yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int | None], None]

DEFAULT_WORKERS = 8


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


def never_cancelled() -> CancelFlag:
    return threading.Event()


def ignore_progress(done: int, total: int | None) -> None:
    return None


def run_bounded(
    items: Iterable[T],
    work: Callable[[T], R],
    on_result: Callable[[T, R], None],
    cancel: CancelFlag,
    workers: int = DEFAULT_WORKERS,
) -> bool:
    """Run `work(item)` for every item on a pool with at most `2 * workers` items in flight.

    `items` is consumed lazily, so a streamed listing never sits in memory whole. `on_result`
    runs on the calling thread. `work` should return its failures rather than raise them: an
    exception still propagates (after running items end) but loses what the others reported.
    Cancellation stops taking new items and lets running ones finish; the return value is
    False when items were left untouched because of it.
    """
    in_flight: dict[Future[R], T] = {}
    stopped = False
    limit = max(1, workers) * 2

    def drain(until: int) -> None:
        while len(in_flight) > until:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                item = in_flight.pop(future)
                on_result(item, future.result())

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="eider-s3") as pool:
        try:
            for item in items:
                if cancel.is_set():
                    stopped = True
                    break
                in_flight[pool.submit(work, item)] = item
                drain(limit - 1)
            drain(0)
        except BaseException:
            for future in in_flight:
                future.cancel()
            raise
    return not stopped
