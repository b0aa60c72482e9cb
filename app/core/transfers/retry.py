"""Retries with capped exponential backoff and full jitter, interruptible by pause or cancel.

botocore retries each request a few times on its own; this layer sits above it so a part or a
range that still fails (a reset mid-body, a timeout, a checksum mismatch) is tried again before
the file is given up, and so the wait can be cut short when the user pauses or cancels.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    IncompleteReadError,
    ProxyConnectionError,
    ReadTimeoutError,
    ResponseStreamingError,
)
from urllib3.exceptions import ProtocolError
from urllib3.exceptions import ReadTimeoutError as Urllib3ReadTimeout

from app.core.explained import ExplainedError

T = TypeVar("T")

_RETRYABLE_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "SlowDown",
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalError",
        "ServiceUnavailable",
        "BadDigest",
        "XAmzContentSHA256Mismatch",
        "InvalidDigest",
        "IncompleteBody",
        "RequestTimeTooSkewed",
    }
)

_GENERATED_BODIES = frozenset({"DeleteObjects", "CompleteMultipartUpload"})

_RETRYABLE_TYPES: tuple[type[BaseException], ...] = (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    IncompleteReadError,
    ProxyConnectionError,
    ReadTimeoutError,
    ResponseStreamingError,
    ProtocolError,
    Urllib3ReadTimeout,
    ConnectionError,
    TimeoutError,
)


class IntegrityError(Exception):
    """Bytes did not match their checksum. Retried, then reported; never accepted."""


class IncompleteAnswer(ExplainedError):
    """A 200 answer without the result its request always has (S3 sends the status of a copy
    or a completion before doing it; a connection cut off then leaves an empty body). Whether
    the server acted is unknown, so it is retried, never taken for success."""

    def __init__(self, operation: str, key: str) -> None:
        super().__init__(
            f"The server's answer to the {operation} of {key} was cut off before its result "
            "arrived, so it is not known to have worked. Try again; if it keeps happening, "
            "check the network or the proxy between you and the server."
        )


def required(response: dict[str, Any], path: tuple[str, ...], operation: str, key: str) -> str:
    """The value at `path` in a parsed answer; IncompleteAnswer when it is missing."""
    value: Any = response
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    if not value:
        raise IncompleteAnswer(operation, key)
    return str(value)


class Interrupted(Exception):
    """The job was paused or cancelled while waiting; not a failure."""


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError | IncompleteAnswer):
        return True
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if code == "MalformedXML" and exc.operation_name in _GENERATED_BODIES:
            return True  # botocore's own XML, damaged on the way
        return code in _RETRYABLE_CODES or status in (429, 500, 502, 503, 504)
    return isinstance(exc, _RETRYABLE_TYPES)


def backoff(attempt: int, base: float = 0.2, cap: float = 20.0) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(0, min(cap, base * (2**attempt)))  # noqa: S311


def with_retries(
    operation: Callable[[], T],
    attempts: int,
    stop: threading.Event | None = None,
    on_retry: Callable[[BaseException, int], None] | None = None,
) -> T:
    """Run `operation`, retrying retryable failures up to `attempts` tries in all."""
    attempt = 0
    while True:
        try:
            return operation()
        except Exception as exc:
            attempt += 1
            if attempt >= attempts or not is_retryable(exc):
                raise
            if on_retry is not None:
                on_retry(exc, attempt)
            delay = backoff(attempt)
            if stop is not None and stop.wait(delay):
                raise Interrupted from exc
            if stop is None:
                threading.Event().wait(delay)
