"""An ordered list of SSE-C keys: the first encrypts, every one may decrypt.

A ring remembers which key opened each object, so the probe that finds it runs once per
object and run, not once per request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from botocore.exceptions import ClientError

from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.fingerprints import KEY_BYTES, fingerprint, key_md5

ObjectId = tuple[str, str, str | None]  # bucket, key, version id
PLAIN_OBJECT = b""  # remembered for an object found to have no SSE-C at all
_MD5_HEADER = "x-amz-server-side-encryption-customer-key-md5"
# How servers refuse an SSE-C read with a key that does not fit (or none): a bare 400 or 403
# on HEAD, AccessDenied / InvalidArgument / InvalidRequest with a body otherwise.
_REFUSALS = frozenset({"400", "403", "AccessDenied", "InvalidArgument", "InvalidRequest"})


def customer_args(key: bytes) -> dict[str, Any]:
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}


def copy_source_args(key: bytes) -> dict[str, Any]:
    return {"CopySourceSSECustomerAlgorithm": "AES256", "CopySourceSSECustomerKey": key}


class KeyRing:
    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise ValueError("A key ring needs at least one key")
        if any(len(k) != KEY_BYTES for k in keys):
            raise ValueError("SSE-C keys are 32 bytes")
        if len(set(keys)) != len(keys):
            raise ValueError("A key ring holds each key once")
        self.keys: tuple[bytes, ...] = tuple(keys)
        self._by_md5 = {key_md5(k): k for k in self.keys}
        self._fits: dict[ObjectId, bytes] = {}
        self._lock = threading.Lock()

    @property
    def current(self) -> bytes:
        return self.keys[0]

    @property
    def fingerprints(self) -> list[str]:
        return [fingerprint(k) for k in self.keys]

    def by_md5(self, md5: str) -> bytes | None:
        return self._by_md5.get(md5.split(",")[0].strip())

    def by_fingerprint(self, wanted: str) -> bytes | None:
        return next((k for k in self.keys if fingerprint(k) == wanted), None)

    def led_by(self, key: bytes) -> KeyRing:
        """The same keys with `key` first (a resumed job keeps writing with its own key)."""
        return KeyRing([key, *(k for k in self.keys if k != key)])

    def remember(self, obj: ObjectId, key: bytes) -> None:
        with self._lock:
            self._fits[obj] = key

    def forget(self, obj: ObjectId) -> None:
        with self._lock:
            self._fits.pop(obj, None)

    def remembered(self, obj: ObjectId) -> bytes | None:
        with self._lock:
            return self._fits.get(obj)

    def key_for(
        self, obj: ObjectId, head: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> tuple[bytes, dict[str, Any] | None]:
        """The key that opens `obj`, and the HEAD answer that proved it (None when known
        already or the ring has one key). `head(args)` sends HEAD with those SSE-C args.

        Tries the current key; when the refusal names the object's key MD5 (SeaweedFS, MinIO
        do) goes straight to that key, else tries each other key in turn. Raises
        `KeyNotInRing` when none fits; other errors (no such key, denied) pass through.
        """
        known = self.remembered(obj)
        if known is not None:
            return known, None
        if len(self.keys) == 1:
            return self.current, None
        queue = list(self.keys)
        tried: set[bytes] = set()
        while queue:
            key = queue.pop(0)
            if key in tried:
                continue
            tried.add(key)
            try:
                answer = head(customer_args(key))
            except ClientError as exc:
                if not refused(exc):
                    raise
                named = _named_md5(exc)
                if named is None:
                    continue
                fitting = self.by_md5(named)
                if fitting is None or fitting in tried:
                    break
                queue = [fitting]
                continue
            self.remember(obj, key)
            return key, answer
        raise KeyNotInRing(obj[0], obj[1])


def refused(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code", "") in _REFUSALS


def _named_md5(exc: ClientError) -> str | None:
    headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    value = headers.get(_MD5_HEADER)
    return str(value) if value else None
