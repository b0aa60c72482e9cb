"""What `eider` adds to an untrusted-certificate error: the certificate's SHA-256 fingerprint
and how to trust that certificate, and only it (`--trust-fingerprint`, `eider bookmark
trust`). The fingerprint is read from the server for showing only; nothing is trusted until
the user passes it back."""

from __future__ import annotations

import ssl
from urllib.parse import urlsplit

from app.core.errors.transport import chain
from app.core.tls_pinning import server_fingerprint, shown

_PROBE_TIMEOUT = 5.0


def fingerprint_hint(exc: BaseException) -> str:
    """The sentence to add, or "" when `exc` is no certificate refusal or the server cannot be
    reached again."""
    if not any(isinstance(e, ssl.SSLCertVerificationError) for e in chain(exc)):
        return ""
    url = next(
        (
            e.kwargs.get("endpoint_url")
            for e in chain(exc)
            if isinstance(getattr(e, "kwargs", None), dict) and e.kwargs.get("endpoint_url")
        ),
        None,
    )
    parts = urlsplit(str(url)) if url else None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        return ""
    try:
        fingerprint = shown(server_fingerprint(parts.hostname, parts.port or 443, _PROBE_TIMEOUT))
    except (OSError, ValueError):
        return ""
    return (
        f"The certificate's SHA-256 fingerprint is {fingerprint}. If whoever runs the server "
        f"confirms it, trust this certificate (and no other) with --trust-fingerprint "
        f"{fingerprint}, or for a bookmark: eider bookmark trust NAME {fingerprint}"
    )
