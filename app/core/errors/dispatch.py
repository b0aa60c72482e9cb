"""`describe`: any exception from an S3 call, a connection or the local disk → `UserError`."""

from __future__ import annotations

import re
from dataclasses import replace

from botocore.exceptions import (
    ClientError,
    CredentialRetrievalError,
    NoCredentialsError,
    ParamValidationError,
    PartialCredentialsError,
)
from botocore.parsers import ResponseParserError

from app.core.connection import ChecksumPolicy, Connection
from app.core.credentials.resolve import CredentialError
from app.core.cse.errors import CseError
from app.core.errors.client_side import describe_cse_error
from app.core.errors.key_ring import describe_key_ring_error
from app.core.errors.model import ErrorKind, Remedy, UserError
from app.core.errors.operations import phrase
from app.core.errors.redact import redact, scrub_known
from app.core.errors.secret_store import describe_secret_store_error
from app.core.errors.service import describe_client_error
from app.core.errors.transport import (
    MALFORMED_HTTP,
    chain,
    describe_local_error,
    describe_transport_error,
)
from app.core.explained import ExplainedError
from app.core.s3.implausible_answers import ImplausibleAnswer
from app.core.secrets.errors import SecretStoreError

_INVALID_PARAMETER = re.compile(r"parameter ([A-Za-z0-9_.\[\]]+)")


def describe(
    exc: BaseException,
    operation: str = "",
    bucket: str = "",
    key: str = "",
    *,
    sse_customer_key: bool = False,
    connection: Connection | None = None,
) -> UserError:
    """What went wrong and what to do about it, in words for the person using Eider.

    `operation` is the S3 API name ("GetObject") when known; a ClientError names its own.
    `sse_customer_key` says the request carried an SSE-C key, which lets a bare 403 on an
    object read be read as "wrong key". `connection`, when given, keeps advice from repeating
    a setting already in place. No message ever holds a secret or raw exception text.
    """
    minimal_checksums = (
        connection is not None
        and connection.effective_checksum_policy is ChecksumPolicy.WHEN_REQUIRED
    )
    described = _describe(exc, operation, bucket, key, sse_customer_key, minimal_checksums)
    # Last line of defence: whatever went into the words, no registered secret comes out.
    return replace(
        described, message=scrub_known(described.message), fix=scrub_known(described.fix)
    )


def _describe(
    exc: BaseException,
    operation: str,
    bucket: str,
    key: str,
    sse_customer_key: bool,
    minimal_checksums: bool,
) -> UserError:
    if isinstance(exc, ClientError):
        return describe_client_error(
            exc, operation, bucket, key, sse_customer_key, minimal_checksums
        )
    if isinstance(exc, NoCredentialsError | PartialCredentialsError | CredentialRetrievalError):
        return UserError(
            ErrorKind.NO_CREDENTIALS,
            "No credentials are available for this connection.",
            "Edit the connection and enter an access key ID and secret key, or choose "
            "anonymous access for public buckets.",
            code=type(exc).__name__,
            operation=operation,
            remedy=Remedy.EDIT_CREDENTIALS,
        )
    if isinstance(exc, CredentialError):
        # Eider's own credential messages are already written for people and hold no secret.
        return UserError(
            ErrorKind.NO_CREDENTIALS,
            redact(str(exc)),
            "Edit the connection's credentials.",
            code=type(exc).__name__,
            operation=operation,
            remedy=Remedy.EDIT_CREDENTIALS,
        )
    if isinstance(exc, SecretStoreError):
        return describe_secret_store_error(exc, operation)
    key_ring = describe_key_ring_error(exc, operation)
    if key_ring is not None:
        return key_ring
    if isinstance(exc, CseError):
        return describe_cse_error(exc, operation)
    if isinstance(exc, ImplausibleAnswer | ResponseParserError):
        # botocore's parser error quotes the whole answer: never shown, only named.
        return UserError(
            ErrorKind.IMPLAUSIBLE_ANSWER,
            redact(str(exc))
            if isinstance(exc, ImplausibleAnswer)
            else f"The server's answer to {phrase(operation, bucket, key)} is not valid XML, "
            "so Eider cannot read it.",
            "The server is not answering as S3 does; nothing was changed. Report it to whoever "
            "runs the server, or check that the endpoint is an S3 service.",
            code=type(exc).__name__,
            operation=operation,
        )
    if isinstance(exc, ExplainedError):
        # Eider's own errors (missing `weed`, keyring unavailable, a bad profile...) already
        # say what happened and what to do: pass the words on rather than call them unexpected.
        return UserError(
            ErrorKind.OTHER, redact(str(exc)), "", code=type(exc).__name__, operation=operation
        )
    if isinstance(exc, ParamValidationError):
        return _invalid_request(exc, operation, bucket, key)
    if any(isinstance(e, MALFORMED_HTTP) for e in chain(exc)):
        return UserError(
            ErrorKind.IMPLAUSIBLE_ANSWER,
            f"The server's answer to {phrase(operation, bucket, key)} is not valid HTTP "
            "(its headers contradict themselves or are malformed), so Eider did not use it.",
            "The server or something between it and this computer is broken; report it to "
            "whoever runs it.",
            code=type(exc).__name__,
            operation=operation,
            retryable=True,
        )
    transport = describe_transport_error(exc, operation, bucket, key)
    if transport is not None:
        return transport
    if isinstance(exc, OSError):
        local = describe_local_error(exc, operation)
        if local is not None:
            return local
    said = redact(str(exc))
    return UserError(
        ErrorKind.OTHER,
        f"{phrase(operation, bucket, key)[:1].upper()}{phrase(operation, bucket, key)[1:]} "
        f"failed with an unexpected {type(exc).__name__}{': ' + said if said else ''}.",
        "Try again; if it happens again, the log file has the details for a bug report.",
        code=type(exc).__name__,
        operation=operation,
    )


def _invalid_request(exc: ParamValidationError, operation: str, bucket: str, key: str) -> UserError:
    report = str(exc.kwargs.get("report", ""))  # holds parameter values: never shown as is
    if "invalid bucket name" in report.lower():
        return UserError(
            ErrorKind.INVALID_BUCKET_NAME,
            f"'{bucket}' is not a valid bucket name." if bucket else "The bucket name is invalid.",
            "Bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, "
            "and start and end with a letter or digit.",
            code="InvalidBucketName",
            operation=operation,
        )
    names = sorted(set(_INVALID_PARAMETER.findall(report)))
    which = f" (parameter {', '.join(names)})" if names else ""
    return UserError(
        ErrorKind.INVALID_REQUEST,
        f"Eider built an invalid request for {phrase(operation, bucket, key)}{which}.",
        "This is a bug in Eider; the log file has the details for a bug report.",
        code="ParamValidationError",
        operation=operation,
    )
