"""Scrub secrets out of text that came from a server or a library before it is shown.

Messages are built from templates and structured fields, so this only guards the few places
where a server's own words are passed on (unknown errors). S3 error bodies can echo the
canonical request, which holds the session token and SSE-C headers; library exceptions can
hold parameter values and presigned URLs.
"""

from __future__ import annotations

import re

REDACTED = "[redacted]"

# XML elements of a SignatureDoesNotMatch body that repeat what was signed.
_ECHO_ELEMENTS = re.compile(
    r"<(StringToSign|StringToSignBytes|CanonicalRequest|CanonicalRequestBytes|"
    r"SignatureProvided)>.*?</\1>",
    re.DOTALL | re.IGNORECASE,
)
# name=value / name: value pairs whose value is secret (query strings, headers, reprs).
_SECRET_PAIRS = re.compile(
    r"(?P<name>X-Amz-Signature|Signature|X-Amz-Security-Token|x-amz-security-token|"
    r"SecurityToken|SessionToken|aws_session_token|SecretAccessKey|aws_secret_access_key|"
    r"secret_key|SSECustomerKey|CopySourceSSECustomerKey|"
    r"x-amz-server-side-encryption-customer-key|"
    r"x-amz-copy-source-server-side-encryption-customer-key|Authorization)"
    r"(?P<sep>['\"]?\s*[=:]\s*['\"]?)"
    r"(?P<value>[^\s&'\",<>}]+)",
    re.IGNORECASE,
)
# Long opaque tokens (base64/hex): secret keys, session tokens, SSE-C keys, signatures.
_OPAQUE = re.compile(
    r"(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/=]*\d)(?=[A-Za-z0-9+/=]*[A-Za-z])"
    r"[A-Za-z0-9+/=]{32,}"
)
_MAX_LENGTH = 300


def redact(text: str, *known: str) -> str:
    """`text` without secrets: known values, signed-request echoes, secret pairs, long tokens."""
    for secret in known:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _ECHO_ELEMENTS.sub(REDACTED, text)
    text = _SECRET_PAIRS.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)
    text = _OPAQUE.sub(REDACTED, text)
    text = " ".join(text.split())
    if len(text) > _MAX_LENGTH:
        text = text[: _MAX_LENGTH - 1] + "…"
    return text
