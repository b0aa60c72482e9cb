"""A thread-safe token-bucket bandwidth limiter, global and per job.

Each limiter holds a bucket of byte tokens that refills at `rate` bytes per second up to
`burst` bytes. `acquire(n)` waits until the bucket is not empty and then takes `n` tokens, which
may leave it in debt: a chunk larger than the burst goes through at once and the next caller
waits for the debt to be repaid, so the long-run rate is exact whatever the chunk size.

A job's limiter is chained to the global one (`BandwidthLimiter(rate, parent=global_limiter)`):
bytes pass only when both allow them. `set_rate()` takes effect at once, also for threads
already waiting. `cancel()` wakes every thread waiting in this limiter (and this limiter's
threads waiting in its parents), which then raise `BandwidthCancelled`.

The clock and the wait are injectable so tests can check the arithmetic without real time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import BinaryIO

Clock = Callable[[], float]
# wait(condition, timeout): block on `condition` (its lock held) for up to `timeout` seconds.
Waiter = Callable[[threading.Condition, float], None]

DEFAULT_BURST_SECONDS = 0.25
MIN_BURST_BYTES = 16 * 1024
# Longest single wait, so an externally set cancel event is noticed within this time even if
# nobody calls `cancel()` or `wake()` on the limiter.
MAX_WAIT_SLICE = 0.2


class BandwidthCancelled(Exception):
    """The transfer waiting for bandwidth was cancelled."""


def _condition_wait(condition: threading.Condition, timeout: float) -> None:
    condition.wait(timeout)


class BandwidthLimiter:
    """Bytes-per-second limit; `rate=None` (or 0) means unlimited."""

    def __init__(
        self,
        rate: float | None = None,
        *,
        burst: float | None = None,
        parent: BandwidthLimiter | None = None,
        clock: Clock = time.monotonic,
        wait: Waiter = _condition_wait,
    ) -> None:
        self._condition = threading.Condition()
        self._clock = clock
        self._wait = wait
        self._parent = parent
        self._fixed_burst = burst
        self._rate: float | None = None
        self._burst = 0.0
        self._tokens = 0.0
        self._stamp = clock()
        self._cancelled = False
        self._configure(rate, fill=True)

    # -- configuration ---------------------------------------------------------------------

    @property
    def rate(self) -> float | None:
        return self._rate

    @property
    def burst(self) -> float:
        return self._burst

    @property
    def parent(self) -> BandwidthLimiter | None:
        return self._parent

    def set_rate(self, rate: float | None) -> None:
        """Change the limit now; threads already waiting recompute their wait."""
        with self._condition:
            self._refill()
            self._configure(rate, fill=False)
            self._condition.notify_all()

    def _configure(self, rate: float | None, fill: bool) -> None:
        if rate is not None and rate < 0:
            raise ValueError(f"a bandwidth limit cannot be negative ({rate})")
        self._rate = float(rate) if rate else None
        if self._rate is None:
            self._burst = 0.0
            self._tokens = 0.0
            return
        if self._fixed_burst is not None:
            self._burst = float(self._fixed_burst)
        else:
            self._burst = max(self._rate * DEFAULT_BURST_SECONDS, MIN_BURST_BYTES)
        self._tokens = self._burst if fill else min(self._tokens, self._burst)

    def _refill(self) -> None:
        now = self._clock()
        if self._rate is not None:
            elapsed = max(0.0, now - self._stamp)
            self._tokens = min(self._burst, self._tokens + elapsed * self._rate)
        self._stamp = now

    # -- cancellation ----------------------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Make every current and future `acquire` on this limiter raise `BandwidthCancelled`."""
        with self._condition:
            self._cancelled = True
            self._condition.notify_all()
        if self._parent is not None:
            self._parent.wake()

    def reset(self) -> None:
        """Undo `cancel()` (a paused job that resumes)."""
        with self._condition:
            self._cancelled = False

    def wake(self) -> None:
        """Wake every waiter so it re-checks its cancel condition."""
        with self._condition:
            self._condition.notify_all()

    # -- the limit -------------------------------------------------------------------------

    def acquire(
        self, nbytes: int, cancel: threading.Event | Callable[[], bool] | None = None
    ) -> None:
        """Block until `nbytes` may pass here and in every parent.

        Raises `BandwidthCancelled` when this limiter is cancelled or `cancel` (an Event or a
        callable) becomes true while waiting.
        """
        if nbytes < 0:
            raise ValueError(f"cannot acquire a negative number of bytes ({nbytes})")
        stop = _as_predicate(cancel)
        self._acquire_here(nbytes, stop)
        if self._parent is not None:
            self._parent.acquire(nbytes, lambda: self._cancelled or stop())

    def _acquire_here(self, nbytes: int, stop: Callable[[], bool]) -> None:
        with self._condition:
            while True:
                if self._cancelled or stop():
                    raise BandwidthCancelled("the transfer was cancelled")
                if self._rate is None:
                    return
                self._refill()
                if self._tokens > 0:
                    self._tokens -= nbytes
                    return
                needed = (-self._tokens) / self._rate
                # A tiny floor keeps float rounding from spinning without waiting.
                self._wait(self._condition, min(max(needed, 1e-6), MAX_WAIT_SLICE))

    def time_to_available(self) -> float:
        """Seconds until the bucket stops being empty (0 when bytes could pass now)."""
        with self._condition:
            if self._rate is None:
                return 0.0
            self._refill()
            return 0.0 if self._tokens > 0 else (-self._tokens) / self._rate


def _as_predicate(cancel: threading.Event | Callable[[], bool] | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


class ThrottledReader:
    """A readable binary stream whose `read()` waits on a limiter (e.g. an upload body).

    botocore reads a body more than once: to hash it (SigV4 payload hash over plain HTTP, the
    request checksum) and again to send it. Charging every read would hold an upload to a
    half or a third of its limit, so each byte position is charged once, the first time it is
    read (a high-water mark); the long-run rate is right whichever pass the wait falls on.
    `seek`/`tell` pass through so botocore can rewind the body to retry a request.
    """

    def __init__(
        self,
        raw: BinaryIO,
        limiter: BandwidthLimiter,
        cancel: threading.Event | Callable[[], bool] | None = None,
    ) -> None:
        self._raw = raw
        self._limiter = limiter
        self._cancel = cancel
        self._seekable = raw.seekable()
        self._charged_to = raw.tell() if self._seekable else 0

    def read(self, size: int = -1) -> bytes:
        start = self._raw.tell() if self._seekable else None
        data = self._raw.read(size)
        if not data:
            return data
        if start is None:
            fresh = len(data)
        else:
            end = start + len(data)
            fresh = max(0, end - max(start, self._charged_to))
            self._charged_to = max(self._charged_to, end)
        if fresh:
            self._limiter.acquire(fresh, self._cancel)
        return data

    @property
    def charged(self) -> int:
        """Bytes charged to the limiter so far (seekable streams: the high-water mark)."""
        return self._charged_to

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def seekable(self) -> bool:
        return self._seekable

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
