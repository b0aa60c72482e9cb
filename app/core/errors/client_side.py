"""Words for client-side encryption failures (app.core.cse): the exception says what happened,
this adds what to do."""

from __future__ import annotations

from app.core.cse.errors import (
    CseAuthenticationFailed,
    CseError,
    CseKeyMismatch,
    CseKeyMissing,
)
from app.core.errors.model import ErrorKind, UserError
from app.core.errors.redact import redact


def describe_cse_error(exc: CseError, operation: str) -> UserError:
    said = redact(str(exc)).rstrip(".") + "."
    if isinstance(exc, CseAuthenticationFailed):
        return UserError(
            ErrorKind.CSE_AUTHENTICATION,
            said,
            "Nothing was written under the target name. Check that you gave the key the object "
            "was encrypted with; if you did, the stored object is damaged: upload it again.",
            code=type(exc).__name__,
            operation=operation,
        )
    if isinstance(exc, CseKeyMissing):
        return UserError(
            ErrorKind.CSE_KEY_MISSING,
            said,
            "Run the command again with the key file (--cse-key-file), or keep the key in the "
            "keyring or Eider's vault so that resumed jobs find it.",
            code=type(exc).__name__,
            operation=operation,
        )
    if isinstance(exc, CseKeyMismatch):
        return UserError(
            ErrorKind.CSE_KEY_MISMATCH, said, "", code=type(exc).__name__, operation=operation
        )
    return UserError(
        ErrorKind.CSE_FORMAT,
        said,
        "Eider reads the S3 Encryption Client's v2 and v3 formats with AES-GCM content.",
        code=type(exc).__name__,
        operation=operation,
    )
