"""Trusting one server certificate by its SHA-256 fingerprint (a bookmark's pinned
certificate, `--trust-fingerprint`).

Verification is on everywhere by default. A certificate no CA vouches for (self-signed, a
private CA) can be trusted for one bookmark: the user compares the fingerprint shown with the
one the server's administrator gives, and Eider then accepts that certificate, and only it,
for that bookmark. Every connection checks it; a changed certificate is refused and the user
is asked again, never trusted silently.
"""

from __future__ import annotations

import hashlib
import re
import socket
import ssl

from app.core.explained import ExplainedError

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BadFingerprint(ValueError, ExplainedError):
    pass


def normalised(fingerprint: str) -> str:
    """64 lower-case hex digits from 'AB:CD:…', 'sha256:abcd…' or with spaces; else
    BadFingerprint."""
    text = fingerprint.strip().lower()
    for prefix in ("sha256:", "sha256=", "sha-256:"):
        text = text.removeprefix(prefix)
    text = re.sub(r"[\s:]", "", text)
    if not _HEX64.match(text):
        raise BadFingerprint(
            f"'{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed)"
        )
    return text


def shown(fingerprint: str) -> str:
    """AB:CD:… as browsers and `openssl x509 -fingerprint -sha256` show it."""
    hex_digits = normalised(fingerprint).upper()
    return ":".join(hex_digits[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def server_fingerprint(host: str, port: int, timeout: float = 10.0) -> str:
    """The SHA-256 of the certificate `host:port` presents, read without trusting it (to show
    the user, never to decide alone). Raises OSError when the server cannot be reached."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((host, port), timeout=timeout) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if not der:
        raise OSError(f"{host}:{port} presented no certificate")
    return fingerprint_of(der)
