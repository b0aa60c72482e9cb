"""Signature Version 4 in request headers, for the small-object requests that skip botocore.

The same signature botocore's `S3SigV4Auth` computes (a test holds the two together), at a
fraction of the CPU: no header-dict copies, no URL re-parsing, and the signing key derived once
a day instead of on every request (four HMACs fewer each time).

Only what those requests need: no query string, the payload hashed by the caller (or the empty
body's hash), the path already percent-encoded as it goes on the wire (S3 does not normalise it).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from datetime import UTC, datetime

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

# Headers botocore leaves out of the signature (hop-by-hop, or changed by proxies and clients).
UNSIGNED_HEADERS = frozenset(
    {
        "baggage",
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "traceparent",
        "tracestate",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
    }
)


class SigV4Signer:
    """Signs requests for one region and service; thread-safe."""

    def __init__(self, region: str, service: str = "s3") -> None:
        self._region = region
        self._service = service
        self._lock = threading.Lock()
        # (secret key, day) -> signing key; only the latest is kept.
        self._key_for: tuple[str, str, bytes] | None = None

    def sign(
        self,
        access_key: str,
        secret_key: str,
        token: str | None,
        method: str,
        path: str,
        headers: dict[str, str],
        payload_sha256: str,
        now: datetime | None = None,
    ) -> None:
        """Add X-Amz-Date, X-Amz-Content-SHA256, the session token and Authorization to
        `headers`, which must already hold Host and every other header that will be sent."""
        moment = now or datetime.now(UTC)
        timestamp = moment.strftime("%Y%m%dT%H%M%SZ")
        day = timestamp[:8]
        headers["X-Amz-Date"] = timestamp
        headers["X-Amz-Content-SHA256"] = payload_sha256
        if token:
            headers["X-Amz-Security-Token"] = token
        canonical: dict[str, str] = {}
        for name, value in headers.items():
            lower = name.lower()
            if lower in UNSIGNED_HEADERS:
                continue
            value = " ".join(value.split())
            canonical[lower] = f"{canonical[lower]},{value}" if lower in canonical else value
        names = sorted(canonical)
        signed = ";".join(names)
        request = "\n".join(
            (
                method,
                path,
                "",
                "".join(f"{n}:{canonical[n]}\n" for n in names),
                signed,
                payload_sha256,
            )
        )
        scope = f"{day}/{self._region}/{self._service}/aws4_request"
        to_sign = "\n".join(
            (
                "AWS4-HMAC-SHA256",
                timestamp,
                scope,
                hashlib.sha256(request.encode("utf-8")).hexdigest(),
            )
        )
        signature = hmac.new(
            self._signing_key(secret_key, day), to_sign.encode("utf-8"), hashlib.sha256
        ).hexdigest()
        headers["Authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, "
            f"SignedHeaders={signed}, Signature={signature}"
        )

    def _signing_key(self, secret_key: str, day: str) -> bytes:
        with self._lock:
            cached = self._key_for
        if cached is not None and cached[0] == secret_key and cached[1] == day:
            return cached[2]
        key = _hmac(f"AWS4{secret_key}".encode(), day)
        for part in (self._region, self._service, "aws4_request"):
            key = _hmac(key, part)
        with self._lock:
            self._key_for = (secret_key, day, key)
        return key


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()
