"""The one way blocking core work runs and comes back to the GUI thread.

Every blocking call into the core (boto3 through `S3Session`, the sandbox server, disk) goes
through an `AsyncBridge`:

    async def _load(self) -> None:
        buckets = await self._bridge.run(session.list_buckets)   # runs on a worker thread
        self.bucketsChanged.emit(buckets)                       # back on the GUI thread

    self._bridge.spawn(self._load(), "listing buckets")

`run` is `loop.run_in_executor` on a bounded `ThreadPoolExecutor`, under qasync's event loop,
so the coroutine resumes on the GUI thread and may touch widgets and models. `spawn` starts
such a coroutine as a task the bridge tracks: a failure is never swallowed, it is turned into a
`UserError` by `app.core.errors.describe` and handed to the error callback (the window's error
banner); `cancel` / `shutdown` stop pending work when the user navigates away or closes the
window. Never touch a widget from the worker function itself, and never `exec()` a dialog
inside a coroutine (use `open()` + `finished`).

qasync's own `@asyncSlot` sends failures to `sys.excepthook`; `spawn` exists so they reach the
banner instead.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from app.core.errors import UserError, describe

T = TypeVar("T")
ErrorCallback = Callable[[UserError], None]

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 8


class AsyncBridge:
    """A bounded worker pool plus the tasks started through it, for one window."""

    def __init__(self, on_error: ErrorCallback, max_workers: int = DEFAULT_WORKERS) -> None:
        self._on_error = on_error
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="eider-io")
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    @property
    def pool(self) -> ThreadPoolExecutor:
        return self._pool

    @property
    def pending(self) -> int:
        return len(self._tasks)

    @property
    def can_spawn(self) -> bool:
        """A coroutine given to `spawn` now would be scheduled: the bridge is open and an
        event loop runs (not so in the pass of Qt events after the loop ended, at quit)."""
        if self._closed:
            return False
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run the blocking `fn(*args)` on a worker thread and return its result here."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args))

    def spawn(
        self,
        coro: Coroutine[Any, Any, Any],
        operation: str,
        bucket: str = "",
        key: str = "",
        on_error: ErrorCallback | None = None,
    ) -> asyncio.Task[Any]:
        """Start `coro` as a tracked task; its failure reaches the error callback, described."""
        if self._closed:
            coro.close()
            raise RuntimeError("The window's worker pool is shut down")
        try:
            task = asyncio.ensure_future(coro)
        except RuntimeError:  # no event loop to run it (quitting): it never starts
            coro.close()
            raise
        self._tasks.add(task)
        report = on_error or self._on_error

        def done(finished: asyncio.Task[Any]) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            exc = finished.exception()
            if exc is None:
                return
            # Shown to the user by `report`; the traceback goes to the log, not to stderr.
            log.info("%s failed", operation, exc_info=exc)
            report(describe(exc, operation, bucket, key))

        task.add_done_callback(done)
        return task

    def shutdown(self) -> None:
        """Cancel every pending task and stop the pool without waiting for running calls."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
