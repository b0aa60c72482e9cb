"""What every worker shares: the session, the journal, the connection slots and the part pool."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from app.core.s3.session import S3Session
from app.core.s3.small_object_requests import SmallObjectRequests
from app.core.sse_c.key_ring import customer_args
from app.core.sse_c.rings import SSE_C_SECRET_KIND as SSE_C_SECRET_KIND  # for older callers
from app.core.sse_c.rings import ring_for
from app.core.transfers.bandwidth import BandwidthCancelled, BandwidthLimiter
from app.core.transfers.jobs import Job
from app.core.transfers.journal import Journal
from app.core.transfers.limits import SharedBandwidth
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from app.core.transfers.retry import Interrupted, with_retries

T = TypeVar("T")

THROTTLE_SLICE = 256 * 1024


class SourceChanged(Exception):
    """The local file changed while it was being sent; the item starts over."""


class JobStopped(Exception):
    """Pause or cancel reached a worker; progress so far is kept in the journal."""


@dataclass
class WorkerContext:
    session: S3Session
    journal: Journal
    endpoint: str
    slots: threading.BoundedSemaphore  # one per request in flight, over the whole engine
    part_pool: ThreadPoolExecutor
    connections: int
    limiter: BandwidthLimiter  # the engine-wide rate limit
    lean: SmallObjectRequests  # single-request PUT/GET of small objects at a third of the CPU
    # Limits shared with other engines (the transfer service's, per direction); None alone.
    shared: SharedBandwidth | None = None
    _claims: dict[tuple[str, ...], str] = field(default_factory=dict)
    _claims_changed: threading.Condition = field(default_factory=threading.Condition)

    @contextmanager
    def claim(self, job: Job, target: tuple[str, ...]) -> Iterator[None]:
        """Hold `target` (a key, or a local path) for one item at a time.

        Two jobs writing the same key would otherwise race two multipart uploads (or two
        downloads one partial file); the second waits, then finds the first's work done or
        continues its upload through the journal.
        """
        with self._claims_changed:
            while target in self._claims:
                if job.stop.is_set():
                    raise JobStopped
                self._claims_changed.wait(0.2)
            self._claims[target] = job.id
        try:
            yield
        finally:
            with self._claims_changed:
                self._claims.pop(target, None)
                self._claims_changed.notify_all()

    def throttle(self, job: Job, nbytes: int) -> None:
        """Wait until `nbytes` may pass under the job's and the engine's rate limits.

        Uploads ask for a whole part before sending it, so the wait comes first and the
        request then goes at full speed; downloads ask per block read. Either way the long-run
        rate is the limit. Asking in slices makes even a single request wait its turn.
        """
        limiter = job.limiter or self.limiter
        shared = self.shared.for_kind(job.kind) if self.shared is not None else None
        try:
            while nbytes > 0:
                piece = min(nbytes, THROTTLE_SLICE)
                limiter.acquire(piece, job.stop)
                if shared is not None:
                    shared.acquire(piece, job.stop)
                nbytes -= piece
        except BandwidthCancelled:
            raise JobStopped from None

    def request(self, job: Job, operation: Callable[[], T], stoppable: bool = True) -> T:
        """One S3 request under a connection slot, retried with backoff.

        `stoppable=False` is for the clean-up a cancel itself needs (aborting an upload).
        """

        def attempt() -> T:
            if stoppable:
                checkpoint(job)
            with job.slots or contextlib.nullcontext(), self.slots:
                return operation()

        try:
            return with_retries(attempt, job.options.max_attempts, job.stop if stoppable else None)
        except Interrupted:
            raise JobStopped from None


def run_windowed(
    rt: WorkerContext, job: Job, numbers: list[int], task: Callable[[int, threading.Event], T]
) -> list[T]:
    """Run `task(number, abandon)` for each number on the shared part pool, a window at a time.

    The window keeps a 10,000-part file from queueing 10,000 tasks (and data is read only when
    a task starts). After the first failure no new task starts (`abandon` tells queued ones);
    the first failure is raised once every started task has ended.
    """
    window = threading.Semaphore(max(2, rt.connections * 2))
    abandon = threading.Event()
    futures: list[Future[T]] = []

    def finished(future: Future[T]) -> None:
        window.release()
        if future.cancelled() or future.exception() is not None:
            abandon.set()

    for number in numbers:
        while not window.acquire(timeout=0.2):
            if abandon.is_set() or job.stop.is_set():
                break
        else:
            if not (abandon.is_set() or job.stop.is_set()):
                future = rt.part_pool.submit(task, number, abandon)
                future.add_done_callback(finished)
                futures.append(future)
                continue
            window.release()
        break
    wait(futures)
    results = [future.result() for future in futures]
    checkpoint(job)
    return results


def checkpoint(job: Job) -> None:
    if job.stop.is_set():
        raise JobStopped


def sse_args(options: TransferOptions, for_read: bool = False) -> dict[str, Any]:
    """Parameters for SSE. Reads need only the SSE-C key; writes need the whole choice.

    Raises `KeyFileError` or `RingLostKey` (app.core.sse_c.errors) when the key ring is gone.
    """
    if options.sse is ServerSideEncryption.CUSTOMER:
        # The ring's current key: it writes, and reads what no HEAD has placed yet
        # (`app.core.sse_c.reads` finds the key of an object written under an older one).
        return customer_args(ring_for(options.sse_customer_key_ref or "").current)
    if for_read or options.sse is ServerSideEncryption.NONE:
        return {}
    args: dict[str, Any] = {"ServerSideEncryption": options.sse.value}
    if options.sse is ServerSideEncryption.KMS and options.sse_kms_key_id:
        args["SSEKMSKeyId"] = options.sse_kms_key_id
    return args


def etag_is_md5(options: TransferOptions, response: dict[str, Any] | None = None) -> bool:
    """Whether the server's ETag can be the MD5 of the bytes: not with SSE-KMS or SSE-C,
    whether asked for here or applied by the bucket's default encryption (`response`)."""
    if options.sse in (ServerSideEncryption.KMS, ServerSideEncryption.CUSTOMER):
        return False
    if response is not None:
        if str(response.get("ServerSideEncryption", "")).startswith("aws:kms"):
            return False
        if response.get("SSECustomerAlgorithm"):
            return False
    return True


def tagging(tags: dict[str, str]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in tags.items())
