"""Counting a bucket's (or a prefix's) objects and bytes in the background: the Info window's
"object count and total size", computed on demand, cancellable, reporting as it goes.

The count runs on a thread of its own; `listener` is called on that thread with each running
total (a GUI adapter posts it to its own thread), then once with the outcome.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.core.errors import UserError, describe
from app.core.s3.counting import PrefixCount, count_objects
from app.core.s3.session import S3Session


@dataclass(frozen=True)
class CountUpdate:
    count: PrefixCount
    finished: bool = False
    cancelled: bool = False
    error: UserError | None = None


CountListener = Callable[[CountUpdate], None]


class CountJob:
    def __init__(
        self,
        session: S3Session,
        bucket: str,
        prefix: str = "",
        versions: bool = False,
        listener: CountListener | None = None,
    ) -> None:
        """`versions`: count every version and delete marker, and the bytes of every version."""
        self.session, self.bucket, self.prefix, self.versions = session, bucket, prefix, versions
        self._listener = listener
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        self.outcome: CountUpdate | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("A count job runs once")
        self._thread = threading.Thread(target=self._run, name="eider-count", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the page being listed; the outcome holds what was counted so far."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> CountUpdate | None:
        self._finished.wait(timeout)
        return self.outcome

    def _tell(self, update: CountUpdate) -> None:
        if self._listener is not None:
            self._listener(update)

    def _run(self) -> None:
        counted = PrefixCount(0, 0)

        def progress(count: PrefixCount) -> None:
            nonlocal counted
            counted = count
            self._tell(CountUpdate(count))

        try:
            total = count_objects(
                self.session, self.bucket, self.prefix, self.versions, self._cancel, progress
            )
            outcome = CountUpdate(total, finished=True, cancelled=self._cancel.is_set())
        except Exception as exc:
            error = describe(
                exc,
                "ListObjectVersions" if self.versions else "ListObjectsV2",
                self.bucket,
                self.prefix,
            )
            outcome = CountUpdate(counted, finished=True, error=error)
        self.outcome = outcome
        try:
            self._tell(outcome)
        finally:
            self._finished.set()
