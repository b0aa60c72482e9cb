"""Coroutines started from Qt slots, tracked so none is lost and no failure is swallowed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskSet:
    def __init__(
        self,
        on_error: Callable[[BaseException], None],
        on_settled: Callable[[], None] | None = None,
    ) -> None:
        self._on_error = on_error
        self._on_settled = on_settled
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.warning("Background task failed", exc_info=exc)
            self._on_error(exc)
        if self._on_settled is not None:
            self._on_settled()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
