"""Scrub secrets out of text that came from a server or a library before it is shown.

Messages are built from templates and structured fields, so this only guards the few places
where a server's own words are passed on (unknown errors). S3 error bodies can echo the
canonical request, which holds the session token and SSE-C headers; library exceptions can
hold parameter values and presigned URLs.
"""

from __future__ import annotations

import re
import threading

REDACTED = "[redacted]"
_MIN_KNOWN = 8  # shorter values would blank out ordinary words

_known_lock = threading.Lock()
_known: set[str] = set()


def remember_secrets(*values: str | None) -> None:
    """Register secrets in use (keys, tokens, SSE-C keys) so that no message can repeat them.

    The session layer registers the credentials it resolves; whoever loads an SSE-C key
    should register it too. Values stay in memory only, as the credentials themselves do.
    """
    with _known_lock:
        _known.update(v for v in values if v and len(v) >= _MIN_KNOWN)


# XML elements of a SignatureDoesNotMatch body that repeat what was signed, and of an STS
# answer that hold the keys it issues (botocore's debug log prints whole answers).
_ECHO_ELEMENTS = re.compile(
    r"<(StringToSign|StringToSignBytes|CanonicalRequest|CanonicalRequestBytes|"
    r"SignatureProvided|SecretAccessKey|SessionToken)>.*?</\1>",
    re.DOTALL | re.IGNORECASE,
)
# name=value / name: value pairs whose value is secret (query strings, headers, reprs).
_SECRET_PAIRS = re.compile(
    r"(?P<name>X-Amz-Signature|Signature|X-Amz-Security-Token|x-amz-security-token|"
    r"SecurityToken|SessionToken|aws_session_token|SecretAccessKey|aws_secret_access_key|"
    r"secret_key|SSECustomerKey|CopySourceSSECustomerKey|"
    r"x-amz-server-side-encryption-customer-key|"
    r"x-amz-copy-source-server-side-encryption-customer-key|Authorization)"
    # `b'...'`: botocore's debug log prints header values as bytes
    r"(?P<sep>['\"]?\s*[=:]\s*b?['\"]?)"
    r"(?P<value>[^\s&'\",<>}]+)",
    re.IGNORECASE,
)
# Long opaque tokens (base64/hex): secret keys, session tokens, SSE-C keys, signatures.
_OPAQUE = re.compile(
    r"(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/=]*\d)(?=[A-Za-z0-9+/=]*[A-Za-z])"
    r"[A-Za-z0-9+/=]{32,}"
)
_MAX_LENGTH = 300


def scrub_known(text: str) -> str:
    """`text` with every registered secret replaced; nothing else touched."""
    with _known_lock:
        every = sorted(_known, key=len, reverse=True)
    for secret in every:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def scrub_for_log(text: str) -> str:
    """`text` without known secrets, signed-request echoes and secret pairs, for a log file.

    Unlike `redact`, long hex and base64 runs are kept (ETags, checksums and upload ids are
    what a log reader needs) and nothing is shortened.
    """
    text = scrub_known(text)
    text = _ECHO_ELEMENTS.sub(REDACTED, text)
    return _SECRET_PAIRS.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)


def redact(text: str, *known: str) -> str:
    """`text` without secrets: known values, signed-request echoes, secret pairs, long tokens."""
    with _known_lock:
        every = sorted({*_known, *(k for k in known if k)}, key=len, reverse=True)
    for secret in every:
        text = text.replace(secret, REDACTED)
    text = _ECHO_ELEMENTS.sub(REDACTED, text)
    text = _SECRET_PAIRS.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)
    text = _OPAQUE.sub(REDACTED, text)
    text = " ".join(text.split())
    if len(text) > _MAX_LENGTH:
        text = text[: _MAX_LENGTH - 1] + "…"
    return text
