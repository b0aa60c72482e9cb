"""SSE-C key ring failures (app.core.sse_c.errors) → words and a remedy."""

from __future__ import annotations

from app.core.errors.model import ErrorKind, Remedy, UserError
from app.core.sse_c.errors import KeyFileError, KeyNotInRing, PlainHttpRefused, RingLostKey


def describe_key_ring_error(exc: BaseException, operation: str) -> UserError | None:
    if isinstance(exc, KeyNotInRing):
        return UserError(
            ErrorKind.SSE_C_KEY_NOT_IN_RING,
            f"s3://{exc.bucket}/{exc.key} is encrypted with a customer key that is not in "
            "this key ring.",
            "Add the key it was uploaded with to the key ring (any place after the first).",
            code="KeyNotInRing",
            operation=operation,
            remedy=Remedy.PROVIDE_SSE_C_KEY,
        )
    if isinstance(exc, PlainHttpRefused):
        return UserError(
            ErrorKind.SSE_C_NEEDS_TLS,
            f"The SSE-C key was not sent: the connection to {exc.host} is plain HTTP, where "
            "anyone on the way could read the key and decrypt the object. Nothing was sent.",
            "Use HTTPS for this connection (https:// endpoint); plain HTTP carries SSE-C keys "
            "only to this computer (localhost, 127.0.0.1, ::1).",
            code="PlainHttpRefused",
            operation=operation,
            remedy=Remedy.CHECK_ENDPOINT,
            host=exc.host,
        )
    if isinstance(exc, RingLostKey):
        return UserError(
            ErrorKind.SSE_C_KEY_FILE,
            f"The SSE-C key file {exc.path} no longer holds the key this job was started with "
            f"(fingerprint {exc.fingerprint}).",
            "Put that key back in the file (any line) and resume again, or cancel the job.",
            code="RingLostKey",
            operation=operation,
            remedy=Remedy.PROVIDE_SSE_C_KEY,
        )
    if isinstance(exc, KeyFileError):
        return UserError(
            ErrorKind.SSE_C_KEY_FILE,
            f"{exc}.",
            "Each key is 32 characters of text, 44 characters of base64 or 64 hex digits; "
            "blank lines and lines starting with # are ignored. Nothing was sent.",
            code="KeyFileError",
            operation=operation,
            remedy=Remedy.PROVIDE_SSE_C_KEY,
        )
    return None
