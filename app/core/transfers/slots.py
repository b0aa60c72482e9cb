"""A counting limit on requests in flight whose size can change while requests hold it.

`threading.Semaphore` cannot shrink; a job's connection limit changed in the settings must
apply to the running job within a second. Lowering the limit lets requests in flight finish
and makes new ones wait until fewer than the new limit are out.
"""

from __future__ import annotations

import threading
from types import TracebackType


class ResizableSlots:
    def __init__(self, limit: int) -> None:
        self._condition = threading.Condition()
        self._limit = max(1, limit)
        self._used = 0

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def in_use(self) -> int:
        return self._used

    def set_limit(self, limit: int) -> None:
        with self._condition:
            self._limit = max(1, limit)
            self._condition.notify_all()

    def acquire(self) -> None:
        with self._condition:
            while self._used >= self._limit:
                self._condition.wait()
            self._used += 1

    def release(self) -> None:
        with self._condition:
            self._used -= 1
            self._condition.notify()

    def __enter__(self) -> ResizableSlots:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
