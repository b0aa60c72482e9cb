"""Exit codes of the transfer commands, for scripts. Documented in the README.

0 success; 1 some item failed (the rest is done or kept); 2 usage error; 3 connection or
credential error; 4 not found (bucket, key, version, job); 130 interrupted (the job is paused
and `eider jobs resume` continues it).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from botocore.parsers import ResponseParserError

from app.cli.terminal_text import visible
from app.core.errors import ErrorKind, UserError, describe
from app.core.explained import ExplainedError

OK = 0
PARTIAL = 1
USAGE = 2
CONNECTION = 3
NOT_FOUND = 4
INTERRUPTED = 130

EPILOG = (
    "exit codes: 0 success, 1 some item failed (the rest is done or kept), 2 usage error, "
    "3 connection or credential error, 4 not found, 130 interrupted (eider jobs resume continues)"
)

_NOT_FOUND = frozenset(
    {
        ErrorKind.NO_SUCH_BUCKET,
        ErrorKind.NO_SUCH_KEY,
        ErrorKind.NO_SUCH_VERSION,
        ErrorKind.NO_SUCH_UPLOAD,
        ErrorKind.LOCAL_NOT_FOUND,
    }
)
_CONNECTION = frozenset(
    {
        ErrorKind.WRONG_SECRET,
        ErrorKind.WRONG_ACCESS_KEY,
        ErrorKind.CLOCK_SKEW,
        ErrorKind.EXPIRED_TOKEN,
        ErrorKind.INVALID_TOKEN,
        ErrorKind.NO_CREDENTIALS,
        ErrorKind.KEYRING_UNAVAILABLE,
        ErrorKind.VAULT_LOCKED,
        ErrorKind.VAULT_PASSWORD,
        ErrorKind.VAULT_DAMAGED,
        ErrorKind.SECRET_STORE,
        ErrorKind.ACCESS_DENIED,
        ErrorKind.WRONG_REGION,
        ErrorKind.ENDPOINT_REDIRECT,
        ErrorKind.TLS_CERTIFICATE,
        ErrorKind.TLS_NOT_SPOKEN,
        ErrorKind.CA_BUNDLE_UNREADABLE,
        ErrorKind.DNS_VIRTUAL_HOST,
        ErrorKind.DNS,
        ErrorKind.CONNECTION_REFUSED,
        ErrorKind.CONNECT_TIMEOUT,
        ErrorKind.READ_TIMEOUT,
        ErrorKind.CONNECTION_DROPPED,
        ErrorKind.PROXY,
    }
)


def code_for(error: UserError) -> int:
    if error.kind in _NOT_FOUND:
        return NOT_FOUND
    if error.kind in _CONNECTION:
        return CONNECTION
    if error.kind is ErrorKind.INVALID_BUCKET_NAME:
        return USAGE
    return PARTIAL


def say_error(message: str) -> None:
    """One line on stderr: scripts grep it, people read it."""
    print(f"eider: error: {visible(' '.join(message.split()))}", file=sys.stderr)


def say_warning(message: str) -> None:
    print(f"eider: warning: {visible(' '.join(message.split()))}", file=sys.stderr)


def fail(exc: BaseException, operation: str = "", bucket: str = "", key: str = "") -> int:
    """Describe `exc` on stderr and return the exit code it maps to."""
    error = describe(exc, operation, bucket, key)
    say_error(str(error))
    if error.kind is ErrorKind.TLS_CERTIFICATE:
        from app.cli.certificate_hint import fingerprint_hint  # a TLS probe, only here

        hint = fingerprint_hint(exc)
        if hint:
            say_error(hint)
    return code_for(error)


def described_whole(exc: BaseException) -> bool:
    """Errors any command may meet that `describe` puts fully in words (no traceback needed)."""
    return isinstance(exc, ExplainedError | ResponseParserError)


def usage(message: str) -> int:
    say_error(message)
    return USAGE


def not_found(message: str) -> int:
    say_error(message)
    return NOT_FOUND


def interruptible(command: Callable[..., int]) -> Callable[..., int]:
    """Ctrl-C outside a transfer (a listing, a check) exits 130 without a traceback."""

    @functools.wraps(command)
    def run(*args: object) -> int:
        try:
            return command(*args)
        except KeyboardInterrupt:
            say_error("interrupted")
            return INTERRUPTED
        except BrokenPipeError:  # `eider ls ... | head`: the reader has all it wanted
            return OK

    return run
