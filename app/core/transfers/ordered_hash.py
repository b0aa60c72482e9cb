"""Hashing a file front to back while its ranges are still being written, in any order.

A ranged download writes its ranges in parallel, but a whole-object checksum needs the bytes
in order. Writers report how far into its range each one has written; one thread follows the
contiguous front and reads the bytes back just behind the writers, moments after they were
written, so they come from the page cache and the hash is complete soon after the last byte
lands, instead of costing a second pass over the file at the end. Reading back rather than
holding out-of-order bytes in memory keeps memory flat however far the front falls behind,
and it hashes what the file holds, ranges finished before a restart included.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from app.core.transfers.digests import StreamHasher
from app.core.transfers.retry import IntegrityError

READ_SIZE = 256 * 1024  # as the downloaders' buffers: it stays in the cache between copy and hash


class OrderedFileHasher:
    """Hashes the first `size` bytes of the open file `fd` as writers fill them in.

    Writers fill disjoint units (byte ranges, or an object's parts whose offsets are learnt as
    they arrive), each from its start onwards, and report `wrote(start, end)` as they go.
    """

    def __init__(
        self, fd: int, size: int, hasher: StreamHasher, finished: Iterable[tuple[int, int]] = ()
    ) -> None:
        self._fd = fd
        self._size = size
        self._hasher = hasher
        self._ends: dict[int, int] = {}  # a unit's start -> how far it is written
        self._unit = 0  # start of the unit the contiguous front is in
        self._front = 0  # bytes written contiguously from the start of the file
        self._hashed = 0
        self._changed = threading.Condition()
        self._stopped = False  # no more writes are coming
        self._abandoned = False  # and the hash is no longer wanted
        self._error: BaseException | None = None
        for start, length in finished:
            self._ends[start] = start + length
        self._advance()
        self._thread = threading.Thread(target=self._run, name="eider-ordered-hash", daemon=True)
        self._thread.start()

    def wrote(self, start: int, end: int) -> None:
        """The unit starting at `start` holds its bytes up to `end` on disk.

        A retried unit writes the same bytes again (the object is pinned by its ETag), so an
        `end` below one already reported changes nothing.
        """
        with self._changed:
            if end <= self._ends.get(start, start):
                return
            self._ends[start] = end
            if start in (self._unit, self._front):
                self._advance()
                self._changed.notify()

    def _advance(self) -> None:
        # Units are disjoint, so a unit that starts where the front's unit has got to means
        # the front's unit is complete.
        while (end := self._ends.get(self._unit)) is not None:
            self._front = end
            if end == self._unit or end not in self._ends:
                break
            del self._ends[self._unit]
            self._unit = end

    def finish(self) -> StreamHasher:
        """Wait until every byte is hashed; call once every unit is written."""
        with self._changed:
            if self._front < self._size:
                self._stopped = True
                self._changed.notify()
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._hashed != self._size:
            raise RuntimeError(f"only {self._hashed} of {self._size} bytes were written in order")
        return self._hasher

    def stop(self) -> None:
        with self._changed:
            self._stopped = self._abandoned = True
            self._changed.notify()
        self._thread.join()

    def _run(self) -> None:
        buffer = bytearray(READ_SIZE)
        view = memoryview(buffer)
        try:
            while self._hashed < self._size:
                with self._changed:
                    while not self._stopped and self._front <= self._hashed:
                        self._changed.wait()
                    if self._abandoned or (self._stopped and self._front <= self._hashed):
                        return
                    front = min(self._front, self._size)
                while self._hashed < front and not self._abandoned:
                    want = min(READ_SIZE, front - self._hashed)
                    got = os.preadv(self._fd, [view[:want]], self._hashed)
                    if got <= 0:
                        # Bytes counted as written are gone (the file was cut short while
                        # Eider was stopped): as for any other mismatch, start the file again.
                        raise IntegrityError(
                            f"The partial file ends at {self._hashed} of {self._size} bytes"
                        )
                    self._hasher.update(view[:got])
                    self._hashed += got
        except BaseException as exc:  # reported by finish()
            self._error = exc
