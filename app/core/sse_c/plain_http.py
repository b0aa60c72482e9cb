"""Refuse, before anything is sent, a request that would carry an SSE-C key over plain HTTP
to another machine. Loopback addresses are allowed: the key never leaves this computer."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from app.core.sse_c.errors import PlainHttpRefused

_KEY_HEADERS = (
    "x-amz-server-side-encryption-customer-key",
    "x-amz-copy-source-server-side-encryption-customer-key",
)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def carries_customer_key(headers: Any) -> bool:
    names = {str(name).lower() for name in headers}
    return any(name in names for name in _KEY_HEADERS)


def refuse_plain_http(params: dict[str, Any], **_: Any) -> None:
    """botocore `before-call.s3` handler: the request is built, nothing has left yet."""
    url = urlsplit(str(params.get("url", "")))
    if url.scheme != "http" or not carries_customer_key(params.get("headers", {})):
        return
    host = url.hostname or ""
    if not is_loopback(host):
        raise PlainHttpRefused(host)
