"""Names for SSE-C keys that can be written down (journals, settings) without the key."""

from __future__ import annotations

import base64
import hashlib

KEY_BYTES = 32


def fingerprint(key: bytes) -> str:
    """16 hex digits of the key's SHA-256: tells keys apart, reveals nothing usable."""
    return hashlib.sha256(b"eider-sse-c:" + key).hexdigest()[:16]


def key_md5(key: bytes) -> str:
    """The base64 MD5 S3 reports for an SSE-C object (x-amz-server-side-encryption-customer-
    key-md5)."""
    return base64.b64encode(hashlib.md5(key, usedforsecurity=False).digest()).decode()
