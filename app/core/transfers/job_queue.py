"""Jobs waiting for a running slot, and the coordinator that starts the next when one frees.

A queued job costs an entry here, not a thread: `submit` starts the job at once when fewer
than `max_running` jobs run, else it waits in submission order. `done` frees the slot of a
job that stopped running and starts the next waiting one. One queue can be shared by several
engines (the transfer service does), so the limit holds over all of them.

Start functions are called outside the queue's lock (they start a thread and return).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

Start = Callable[[], None]


class JobQueue:
    def __init__(self, max_running: int = 4) -> None:
        if max_running < 1:
            raise ValueError("At least one job must be allowed to run")
        self._lock = threading.Lock()
        self._max = max_running
        self._waiting: OrderedDict[str, Start] = OrderedDict()
        self._running: set[str] = set()

    @property
    def max_running(self) -> int:
        return self._max

    def set_max_running(self, count: int) -> None:
        """Jobs already running over a lowered limit finish; more start at once on a raise."""
        if count < 1:
            raise ValueError("At least one job must be allowed to run")
        with self._lock:
            self._max = count
            ready = self._take_ready()
        _start_all(ready)

    def submit(self, job_id: str, start: Start) -> None:
        with self._lock:
            if job_id in self._running or job_id in self._waiting:
                return
            self._waiting[job_id] = start
            ready = self._take_ready()
        _start_all(ready)

    def withdraw(self, job_id: str) -> bool:
        """Take a job out of the waiting line; False when it is not waiting (running or gone)."""
        with self._lock:
            return self._waiting.pop(job_id, None) is not None

    def done(self, job_id: str) -> None:
        """The job stopped running (whatever the outcome): its slot goes to the next."""
        with self._lock:
            if job_id not in self._running:
                return
            self._running.discard(job_id)
            ready = self._take_ready()
        _start_all(ready)

    def is_waiting(self, job_id: str) -> bool:
        with self._lock:
            return job_id in self._waiting

    def waiting(self) -> list[str]:
        with self._lock:
            return list(self._waiting)

    def running(self) -> set[str]:
        with self._lock:
            return set(self._running)

    def _take_ready(self) -> list[Start]:
        ready = []
        while self._waiting and len(self._running) < self._max:
            job_id, start = self._waiting.popitem(last=False)
            self._running.add(job_id)
            ready.append(start)
        return ready


def _start_all(ready: list[Start]) -> None:
    for start in ready:
        start()
