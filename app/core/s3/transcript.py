"""A transcript of the requests sent to S3: one line per HTTP attempt, bounded in memory.

Lines are built from structured fields only (operation, method, bucket, key, status, time,
bytes, retry number); no header, URL or body is ever read into one, and each line's text
passes the log scrubbing as well. A session records into the process's transcript unless it
is given another; botocore's events feed it, and the small-object requests that bypass
botocore record themselves.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from botocore.utils import determine_content_length

from app.core.errors.redact import scrub_for_log

DEFAULT_LIMIT = 5000
_CONTEXT_KEY = "eider_transcript"


@dataclass(frozen=True)
class TranscriptLine:
    seq: int  # increases by one per line, in the order lines were added
    time: float  # when the attempt started, seconds since the epoch
    operation: str  # botocore's name: PutObject, ListObjectsV2, ...
    method: str
    bucket: str
    key: str
    status: str  # the HTTP status, or the name of the error that stopped the attempt
    duration: float  # seconds
    sent: int  # request body bytes
    received: int  # response body bytes (its Content-Length)
    retry: int  # 0 for the first attempt
    thread: str = ""  # the sending thread's name (not shown): whose request it was

    def text(self) -> str:
        when = datetime.fromtimestamp(self.time, UTC).strftime("%H:%M:%S.%f")[:-3]
        where = f"{self.bucket}/{self.key}" if self.key else self.bucket or "-"
        retry = f" retry {self.retry}" if self.retry else ""
        return scrub_for_log(
            f"{when} {self.method} {where} {self.operation} {self.status} "
            f"{self.duration * 1000:.0f} ms ↑{self.sent} ↓{self.received}{retry}"
        )


Listener = Callable[[TranscriptLine], None]


class Transcript:
    """The last `limit` lines (older ones dropped), and a count per operation that is not."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._lock = threading.Lock()
        self._lines: deque[TranscriptLine] = deque(maxlen=limit)
        self._counts: Counter[str] = Counter()
        self._seq = 0
        self._listeners: list[Listener] = []

    def add(self, **fields: Any) -> TranscriptLine:
        fields.setdefault("thread", threading.current_thread().name)
        with self._lock:
            self._seq += 1
            line = TranscriptLine(seq=self._seq, **fields)
            self._lines.append(line)
            self._counts[line.operation] += 1
            listeners = list(self._listeners)
        for listener in listeners:
            listener(line)
        return line

    def lines(self, after: int = 0) -> list[TranscriptLine]:
        """The lines kept whose `seq` is above `after` (all by default)."""
        with self._lock:
            return [line for line in self._lines if line.seq > after]

    def counts(self) -> Counter[str]:
        """Attempts per operation since the transcript began (not limited by the bound)."""
        with self._lock:
            return Counter(self._counts)

    def clear(self) -> None:
        with self._lock:
            self._lines.clear()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` (on the sending thread) with each new line; returns the unsubscriber."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def __iter__(self) -> Iterator[TranscriptLine]:
        return iter(self.lines())


_process_transcript = Transcript()


def process_transcript() -> Transcript:
    """The transcript sessions record into unless given another (as logging has its root)."""
    return _process_transcript


def counts_between(before: Counter[str], after: Counter[str]) -> Counter[str]:
    """Attempts per operation sent between two `counts()` readings."""
    return Counter({op: n - before.get(op, 0) for op, n in after.items() if n > before.get(op, 0)})


class TranscriptRecorder:
    """botocore event handlers that add one line per attempt to a transcript."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript

    def register(self, session: Any) -> None:
        session.register("before-parameter-build.s3", self._note_params)
        session.register("request-created.s3", self._note_request)
        session.register("response-received.s3", self._note_response)

    def _note_params(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        context[_CONTEXT_KEY] = {
            "bucket": str(params.get("Bucket", "")),
            "key": str(params.get("Key", params.get("Prefix", ""))),
        }

    def _note_request(self, request: Any, operation_name: str = "", **_: Any) -> None:
        context = getattr(request, "context", None)
        if context is None:
            return
        note = context.setdefault(_CONTEXT_KEY, {"bucket": "", "key": ""})
        try:
            sent = determine_content_length(request.body) or 0
        except Exception:  # an odd body stream: the line says 0 rather than fail the request
            sent = 0
        note.update(
            operation=operation_name,
            method=request.method,
            started=time.time(),
            clock=time.monotonic(),
            sent=sent,
        )

    def _note_response(
        self,
        context: dict[str, Any],
        response_dict: dict[str, Any] | None,
        exception: Exception | None,
        **_: Any,
    ) -> None:
        note = context.get(_CONTEXT_KEY)
        if not note or "clock" not in note:
            return
        if response_dict is not None:
            status = str(response_dict.get("status_code", ""))
            headers = response_dict.get("headers") or {}
            received = _int(headers.get("content-length"))
        else:
            status = type(exception).__name__ if exception is not None else "?"
            received = 0
        self.transcript.add(
            time=note["started"],
            operation=note["operation"],
            method=note["method"],
            bucket=note["bucket"],
            key=note["key"],
            status=status,
            duration=time.monotonic() - note["clock"],
            sent=note["sent"],
            received=received,
            retry=int(context.get("retries", {}).get("attempt", 1)) - 1,
        )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
