"""Errors the S3 server answered with (botocore `ClientError`) → `UserError`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from botocore.exceptions import ClientError

from app.core.errors.model import ErrorKind, Remedy, UserError
from app.core.errors.operations import iam_action, is_api_name, phrase, target
from app.core.errors.redact import redact

_THROTTLE_CODES = {
    "SlowDown",
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottled",
    "RequestThrottledException",
    "RequestLimitExceeded",
    "TooManyRequests",
    "TooManyRequestsException",
    "BandwidthLimitExceeded",
    "ProvisionedThroughputExceededException",
    "ServiceUnavailable",
    "503",
    "429",
}
_REGION_CODES = {"PermanentRedirect", "TemporaryRedirect", "301", "307"}
_EXPIRED_TOKEN_CODES = {"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"}
_DATA_MISMATCH_CODES = {
    "BadDigest",
    "InvalidDigest",
    "XAmzContentSHA256Mismatch",
    "XAmzContentChecksumMismatch",
}
_UPLOAD_OPERATIONS = {
    "PutObject",
    "UploadPart",
    "CreateMultipartUpload",
    "CompleteMultipartUpload",
    "CopyObject",
    "UploadPartCopy",
    "DeleteObjects",
}
_OBJECT_READS = {"GetObject", "HeadObject", "CopyObject", "UploadPartCopy", "GetObjectAttributes"}
# Words in an error that show the provider choked on botocore's checksum headers or the
# aws-chunked trailer that carries them.
_CHECKSUM_HEADER = re.compile(
    r"x-amz-checksum|x-amz-sdk-checksum|checksum|x-amz-trailer|x-amz-decoded-content-length|"
    r"STREAMING-UNSIGNED-PAYLOAD-TRAILER|aws-chunked|unsupported header|"
    r"x-amz-content-sha256 must be",
    re.IGNORECASE,
)
_SSE_C_MISSING = re.compile(
    r"must provide the customer key|customer provided keys?|form of server side encryption|"
    r"customer-?key",
    re.IGNORECASE,
)
_SSE_C_MISMATCH = re.compile(
    r"md5 hash of the key did not match|customer key.*(wrong|mismatch)", re.IGNORECASE
)
_PERMISSION_IN_MESSAGE = re.compile(r"\b((?:s3|kms|s3express):[A-Za-z*]+)")
_EXPECTED_REGION = re.compile(r"expecting '([a-z0-9-]+)'")
_ENDPOINT_REGION = re.compile(r"s3[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d)\.")
_NOT_CONFIGURED = re.compile(
    r"^(NoSuch(?!Bucket$|Key$|Version$|Upload$)\w+|\w+(Configuration)?NotFound(Error)?)$"
)


@dataclass(frozen=True)
class _Reply:
    """The parts of a ClientError the rules look at."""

    operation: str
    bucket: str
    key: str
    code: str
    status: int | None
    text: str  # the server's message (never shown unredacted)
    error: Mapping[str, Any]
    headers: Mapping[str, str]
    sse_customer_key: bool
    minimal_checksums: bool  # the connection already sends checksums only when required

    @property
    def doing(self) -> str:
        return phrase(self.operation, self.bucket, self.key)

    def make(self, kind: ErrorKind, message: str, fix: str, **extra: Any) -> UserError:
        request_id = self.headers.get("x-amz-request-id") or self.headers.get("x-amzn-requestid")
        return UserError(
            kind,
            message,
            fix,
            code=self.code,
            operation=self.operation,
            status=self.status,
            request_id=request_id or None,
            **extra,
        )


def describe_client_error(
    exc: ClientError,
    operation: str,
    bucket: str,
    key: str,
    sse_customer_key: bool,
    minimal_checksums: bool = False,
) -> UserError:
    response = exc.response or {}
    error = response.get("Error") or {}
    meta = response.get("ResponseMetadata") or {}
    status = meta.get("HTTPStatusCode")
    api = exc.operation_name if is_api_name(exc.operation_name or "") else operation
    reply = _Reply(
        operation=api or operation,
        bucket=bucket or str(error.get("BucketName") or ""),
        key=key or str(error.get("Key") or ""),
        code=str(error.get("Code") or status or "Unknown"),
        status=status,
        text=str(error.get("Message") or ""),
        error=error,
        headers={k.lower(): v for k, v in (meta.get("HTTPHeaders") or {}).items()},
        sse_customer_key=sse_customer_key,
        minimal_checksums=minimal_checksums,
    )
    for rule in _RULES:
        described = rule(reply)
        if described is not None:
            return described
    return _unknown(reply)


# -- rules, tried in order ------------------------------------------------------------------------


def _region(r: _Reply) -> UserError | None:
    wrong_signing_region = r.code == "AuthorizationHeaderMalformed" and (
        r.error.get("Region") or _EXPECTED_REGION.search(r.text)
    )
    redirected = r.code in _REGION_CODES or r.status in (301, 307)
    illegal = r.code == "IllegalLocationConstraintException"
    if not (wrong_signing_region or redirected or illegal):
        return None
    region = bucket_region_from(r.headers, r.error, r.text)
    where = target(r.bucket) or "The bucket"
    location = urlsplit(r.headers.get("location", ""))
    if not region and location.scheme and location.hostname:
        moved_to = f"{location.scheme}://{location.netloc.rpartition('@')[2]}"
        return r.make(
            ErrorKind.ENDPOINT_REDIRECT,
            f"The server sent Eider elsewhere ({moved_to}) instead of answering.",
            "Set the connection's scheme, host and port to that address.",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    if illegal and r.operation == "CreateBucket":
        return r.make(
            ErrorKind.WRONG_REGION,
            "The bucket's region does not match the region this endpoint serves.",
            "Create the bucket with the connection's own region, or change the connection's "
            "region to the one you want the bucket in.",
            remedy=Remedy.SWITCH_REGION,
        )
    if region:
        return r.make(
            ErrorKind.WRONG_REGION,
            f"{where[0].upper()}{where[1:]} is in region {region}, not in the region the request "
            "was sent to.",
            f"Set the connection's region to {region}; Eider follows such redirects by itself, so "
            "if this persists the endpoint does not serve that region.",
            remedy=Remedy.SWITCH_REGION,
            region=region,
        )
    return r.make(
        ErrorKind.WRONG_REGION,
        f"{where[0].upper()}{where[1:]} is in another region, and the server did not say which.",
        "Set the connection's region to the bucket's region (the provider's console shows it).",
        remedy=Remedy.SWITCH_REGION,
    )


def bucket_region_from(
    headers: Mapping[str, str], error: Mapping[str, Any], text: str
) -> str | None:
    region = headers.get("x-amz-bucket-region") or error.get("Region")
    if region:
        return str(region)
    expected = _EXPECTED_REGION.search(text)
    if expected:
        return expected.group(1)
    endpoint = _ENDPOINT_REGION.search(str(error.get("Endpoint") or ""))
    return endpoint.group(1) if endpoint else None


def _credentials(r: _Reply) -> UserError | None:
    if r.code == "SignatureDoesNotMatch":
        return r.make(
            ErrorKind.WRONG_SECRET,
            "The server rejected the request signature: the secret access key does not match "
            "the access key ID.",
            "Edit the connection and enter the secret key again. If it is right, check the "
            "signature version setting and that no proxy rewrites requests.",
            remedy=Remedy.EDIT_CREDENTIALS,
        )
    if r.code in ("InvalidAccessKeyId", "InvalidClientTokenId"):
        return r.make(
            ErrorKind.WRONG_ACCESS_KEY,
            "The server does not know this access key ID.",
            "Check the access key ID in the connection settings; the key may have been deleted "
            "or belong to another provider or account.",
            remedy=Remedy.EDIT_CREDENTIALS,
        )
    if r.code == "RequestTimeTooSkewed" or "signature expired" in r.text.lower():
        return r.make(
            ErrorKind.CLOCK_SKEW,
            f"The server rejected the request because this computer's clock is wrong"
            f"{_skew_words(r.error, r.headers)}.",
            "Set the clock to the correct time (turn on automatic time synchronisation), then "
            "try again. Requests are only valid for 15 minutes either side of the server's time.",
            remedy=Remedy.SYNC_CLOCK,
        )
    if r.code in _EXPIRED_TOKEN_CODES:
        return r.make(
            ErrorKind.EXPIRED_TOKEN,
            "The temporary credentials (session token) have expired.",
            "Reconnect to get fresh credentials; for a role or SSO login, sign in again.",
            remedy=Remedy.REFRESH_CREDENTIALS,
        )
    if r.code == "InvalidToken":
        return r.make(
            ErrorKind.INVALID_TOKEN,
            "The server rejected the session token.",
            "Enter the session token again or remove it if these are long-term keys.",
            remedy=Remedy.EDIT_CREDENTIALS,
        )
    return None


def _kms(r: _Reply) -> UserError | None:
    permission = _PERMISSION_IN_MESSAGE.search(r.text)
    kms_denied = r.code == "AccessDenied" and permission and permission.group(1).startswith("kms:")
    kms_argument = r.code == "InvalidArgument" and (
        "kms" in r.text.lower() or "aws-kms" in str(r.error.get("ArgumentName", ""))
    )
    if not (r.code.startswith("KMS.") or kms_denied or kms_argument):
        return None
    name = r.code.removeprefix("KMS.")
    subject = phrase(r.operation, r.bucket, r.key)
    if name in ("NotFoundException",) or kms_argument:
        return r.make(
            ErrorKind.KMS_KEY_MISSING,
            f"The KMS key needed for {subject} does not exist (or is in another region or "
            "account).",
            "Choose an existing KMS key in the encryption settings; objects encrypted with a "
            "deleted key cannot be read.",
        )
    if name in ("DisabledException", "KMSInvalidStateException", "InvalidStateException"):
        return r.make(
            ErrorKind.KMS_KEY_DISABLED,
            f"The KMS key needed for {subject} is disabled or pending deletion.",
            "Enable the key in KMS (or cancel its deletion), then try again.",
        )
    if "throttl" in name.lower() or "limitexceeded" in name.lower():
        return _throttled(r)
    action = permission.group(1) if permission else "kms:Decrypt / kms:GenerateDataKey"
    return r.make(
        ErrorKind.KMS_DENIED,
        f"Access denied by KMS while {subject}: this account may not use the bucket's "
        f"encryption key ({action}).",
        f"Ask for {action} on the KMS key in the key policy or an IAM policy.",
        action=action,
    )


def _sse_c(r: _Reply) -> UserError | None:
    if "customer" in r.text.lower() and "secure connection" in r.text.lower():
        return r.make(
            ErrorKind.SSE_C_NEEDS_TLS,
            "The server accepts customer-provided encryption keys (SSE-C) only over HTTPS, "
            "and this connection uses plain HTTP.",
            "Switch the connection's scheme to https; the key must never travel unencrypted.",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    sse_c_object = "x-amz-server-side-encryption-customer-algorithm" in r.headers
    reads = r.operation in _OBJECT_READS
    if _SSE_C_MISMATCH.search(r.text) or (
        reads and r.code in ("AccessDenied", "403") and (r.sse_customer_key or sse_c_object)
    ):
        return r.make(
            ErrorKind.SSE_C_KEY_MISMATCH,
            f"The encryption key given for {target(r.bucket, r.key) or 'the object'} is not the "
            "one it was encrypted with (or this account may not read it).",
            "Choose the customer key (SSE-C) this object was uploaded with.",
            remedy=Remedy.PROVIDE_SSE_C_KEY,
        )
    missing_text = r.code in ("InvalidArgument", "InvalidRequest") and _SSE_C_MISSING.search(r.text)
    if missing_text or (reads and r.code == "400" and sse_c_object and not r.sse_customer_key):
        return r.make(
            ErrorKind.SSE_C_KEY_MISSING,
            f"{_cap(target(r.bucket, r.key)) or 'The object'} is encrypted with a customer key "
            "(SSE-C), and none was given.",
            "Choose the customer key this object was uploaded with, then try again.",
            remedy=Remedy.PROVIDE_SSE_C_KEY,
        )
    return None


def _checksums(r: _Reply) -> UserError | None:
    if r.code in _DATA_MISMATCH_CODES:
        return r.make(
            ErrorKind.CHECKSUM_MISMATCH,
            f"The data for {r.doing} arrived altered: its checksum did not match.",
            "Try again; if it happens again, something between this computer and the server "
            "(a proxy, a faulty network card) is changing data.",
            retryable=True,
        )
    argument = str(r.error.get("ArgumentName") or "")
    candidate = r.code in ("InvalidArgument", "NotImplemented", "InvalidRequest", "BadRequest")
    candidate = candidate or r.status in (400, 501)
    mentions = _CHECKSUM_HEADER.search(r.text) or _CHECKSUM_HEADER.search(argument)
    vague_header = (
        r.code == "NotImplemented" and r.operation in _UPLOAD_OPERATIONS and "header" in r.text
    )
    if not (candidate and (mentions or vague_header)):
        return None
    if r.minimal_checksums:
        return r.make(
            ErrorKind.CHECKSUM_REJECTED,
            f"The server rejected the checksum sent while {r.doing}, although this connection "
            "already sends checksums only when required: this request must carry one, and the "
            "provider does not accept the kind botocore sends.",
            "Nothing in the connection settings avoids this; the provider may accept only the "
            "older Content-MD5 checksum for this operation.",
        )
    return r.make(
        ErrorKind.CHECKSUM_REJECTED,
        f"The server rejected the checksum headers sent while {r.doing}; this provider does not "
        "support the newer S3 checksums.",
        'Set the connection\'s checksum policy to "only when required", then try again.',
        remedy=Remedy.CHECKSUM_WHEN_REQUIRED,
    )


def _acl(r: _Reply) -> UserError | None:
    if r.code != "AccessControlListNotSupported":
        return None
    return r.make(
        ErrorKind.ACLS_DISABLED,
        f"{_cap(target(r.bucket)) or 'The bucket'} has ACLs disabled (object ownership is "
        '"bucket owner enforced"), so permissions cannot be set per object.',
        "Leave the ACL out (grant access with a bucket policy instead), or change the bucket's "
        "object ownership setting to allow ACLs.",
    )


def _archived(r: _Reply) -> UserError | None:
    if r.code == "RestoreAlreadyInProgress":
        return r.make(
            ErrorKind.ARCHIVED,
            f"A restore of {target(r.bucket, r.key) or 'the object'} is already in progress.",
            "Wait until it finishes (hours for Glacier, up to 48 hours for Deep Archive).",
            retryable=True,
        )
    if r.code != "InvalidObjectState":
        return None
    storage = r.error.get("StorageClass") or r.error.get("AccessTier") or "an archive"
    what = target(r.bucket, r.key) or "The object"
    if r.operation == "RestoreObject":
        return r.make(
            ErrorKind.ARCHIVED,
            f"{_cap(what)} cannot be restored: it is not in an archive storage class.",
            "Download it directly.",
        )
    return r.make(
        ErrorKind.ARCHIVED,
        f"{_cap(what)} is archived in {storage} storage and must be restored before it can be "
        "read.",
        "Start a restore; the object becomes readable once it completes (minutes to hours "
        "depending on the tier). If a restore is already running, wait for it.",
        remedy=Remedy.RESTORE_OBJECT,
    )


def _buckets(r: _Reply) -> UserError | None:
    name = target(r.bucket) or "the bucket"
    quoted = f"'{r.bucket}'" if r.bucket else "given"
    if r.code == "BucketAlreadyExists":
        return r.make(
            ErrorKind.BUCKET_EXISTS,
            f"The bucket name {quoted} is taken by another account: bucket names are shared by "
            "everyone on this service.",
            "Choose another name, for example with your organisation's name as a prefix.",
        )
    if r.code == "BucketAlreadyOwnedByYou":
        return r.make(
            ErrorKind.BUCKET_OWNED_BY_YOU,
            f"You already own {name}.",
            "Use the existing bucket, or choose another name for a new one.",
        )
    if r.code == "BucketNotEmpty":
        return r.make(
            ErrorKind.BUCKET_NOT_EMPTY,
            f"{_cap(name)} is not empty, so it cannot be deleted.",
            "Delete its objects first (and, if versioning was ever on, all their versions and "
            "delete markers).",
        )
    if r.code == "InvalidBucketName":
        return r.make(
            ErrorKind.INVALID_BUCKET_NAME,
            f"The server does not accept {quoted} as a bucket name.",
            "Bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, "
            "and start and end with a letter or digit.",
        )
    return None


def _missing(r: _Reply) -> UserError | None:
    head_404 = r.code in ("404", "NotFound") or (
        r.status == 404 and not r.code.startswith("NoSuch") and not _NOT_CONFIGURED.match(r.code)
    )
    if r.code == "NoSuchBucket" or (head_404 and not r.key):
        return r.make(
            ErrorKind.NO_SUCH_BUCKET,
            f"{_cap(target(r.bucket)) or 'The bucket'} does not exist.",
            "Check the bucket name; it may have been deleted, or belong to another account or "
            "endpoint.",
        )
    if r.code == "NoSuchKey" or head_404:
        return r.make(
            ErrorKind.NO_SUCH_KEY,
            f"{_cap(target(r.bucket, r.key)) or 'The object'} does not exist.",
            "It may have been deleted or renamed; refresh the listing.",
        )
    if r.code == "NoSuchVersion":
        return r.make(
            ErrorKind.NO_SUCH_VERSION,
            f"That version of {target(r.bucket, r.key) or 'the object'} does not exist.",
            "It may have been deleted; refresh the version list.",
        )
    if r.code == "NoSuchUpload":
        return r.make(
            ErrorKind.NO_SUCH_UPLOAD,
            f"The multipart upload of {target(r.bucket, r.key) or 'the object'} no longer "
            "exists on the server (it was completed, cancelled, or expired).",
            "Start the upload again from the beginning.",
        )
    if _NOT_CONFIGURED.match(r.code):
        return r.make(
            ErrorKind.NOT_CONFIGURED,
            f"{_cap(target(r.bucket)) or 'The bucket'} has nothing of this kind configured "
            f"({r.code}).",
            "Nothing to fix: set it up first if you need it.",
        )
    return None


def _sizes(r: _Reply) -> UserError | None:
    if r.code == "EntityTooLarge":
        limit = r.error.get("MaxSizeAllowed")
        limit_words = f" (the limit is {_bytes(limit)})" if limit else ""
        return r.make(
            ErrorKind.ENTITY_TOO_LARGE,
            f"{_cap(r.doing)} was refused: the data is too large{limit_words}.",
            "Upload large files in parts (multipart upload, up to 5 GiB a part), or check the "
            "provider's size limits.",
        )
    if r.code == "EntityTooSmall":
        return r.make(
            ErrorKind.ENTITY_TOO_SMALL,
            f"{_cap(r.doing)} was refused: a part of the upload is smaller than the minimum "
            "part size (usually 5 MiB; only the last part may be smaller).",
            "Raise the multipart part size in the transfer settings and upload again.",
        )
    return None


def _precondition(r: _Reply) -> UserError | None:
    if r.code not in ("PreconditionFailed", "412") and r.status != 412:
        return None
    condition = r.error.get("Condition")
    words = f" ({condition})" if condition else ""
    return r.make(
        ErrorKind.PRECONDITION_FAILED,
        f"{_cap(target(r.bucket, r.key)) or 'The object'} changed on the server (or already "
        f"exists) since Eider last looked{words}, so the request was stopped.",
        "Refresh the listing, check the object, and try again.",
    )


# Requests whose XML body botocore writes itself: the server cannot find it malformed unless
# it was damaged on the way.
_GENERATED_BODIES = frozenset({"DeleteObjects", "CompleteMultipartUpload"})


def _damaged_body(r: _Reply) -> UserError | None:
    if r.code != "MalformedXML" or r.operation not in _GENERATED_BODIES:
        return None
    return r.make(
        ErrorKind.INVALID_REQUEST,
        f"The server could not read the request while {r.doing} ({r.code}): its body was "
        "damaged on the way.",
        "Try again; if it keeps happening, check the network or a proxy between you and the "
        "server.",
        retryable=True,
    )


_REFUSED_SETTINGS = {
    "MalformedPolicy": "the bucket policy",
    "InvalidPolicyDocument": "the bucket policy",
    "MalformedXML": "the configuration",
    "InvalidTag": "the tags",
    "InvalidTargetBucketForLogging": "the logging target bucket",
    "InvalidStorageClass": "the storage class",
}


def _refused_setting(r: _Reply) -> UserError | None:
    """A setting (policy, lifecycle, CORS, tags...) the server checked and refused."""
    what = _REFUSED_SETTINGS.get(r.code)
    if what is None:
        return None
    said = redact(r.text).rstrip(". ")
    reason = f": {said}" if said else ""
    return r.make(
        ErrorKind.INVALID_REQUEST,
        f"The server refused {what} while {r.doing} ({r.code}){reason}.",
        "Correct it and save again; the server's own words above name what it found wrong.",
    )


def _denied(r: _Reply) -> UserError | None:
    if r.code not in ("AccessDenied", "403", "Forbidden", "AllAccessDisabled") and r.status != 403:
        return None
    if r.code == "AllAccessDisabled":
        return r.make(
            ErrorKind.ACCESS_DENIED,
            f"All access to {target(r.bucket) or 'this bucket'} has been disabled by the provider.",
            "Use another bucket; the account owner can find out why in the provider's console.",
        )
    found = _PERMISSION_IN_MESSAGE.search(r.text)
    action = found.group(1) if found else iam_action(r.operation)
    why = ""
    lowered = r.text.lower()
    if "explicit deny" in lowered:
        why = " A policy explicitly denies it."
    elif "no identity-based policy allows" in lowered:
        why = " No IAM policy of this user allows it."
    elif "no resource-based policy allows" in lowered:
        why = " The bucket policy does not allow it."
    return r.make(
        ErrorKind.ACCESS_DENIED,
        f"Access denied while {r.doing}: these credentials lack {action or 'the permission'}.{why}",
        f"Ask the account's administrator to grant {action or 'the permission'}"
        f"{' on ' + target(r.bucket, r.key) if r.bucket else ''}, or use credentials that "
        "have it.",
        action=action,
    )


def _not_implemented(r: _Reply) -> UserError | None:
    if r.code not in ("NotImplemented", "501") and r.status != 501:
        return None
    return r.make(
        ErrorKind.NOT_IMPLEMENTED,
        f"This server does not support {r.doing} (NotImplemented).",
        "The feature is not available on this provider; nothing in the connection settings "
        "changes that.",
    )


def _throttled(r: _Reply) -> UserError | None:
    if not (r.code in _THROTTLE_CODES or r.status in (429, 503) or "throttl" in r.code.lower()):
        return None
    return r.make(
        ErrorKind.THROTTLED,
        f"The server is busy and asked Eider to slow down while {r.doing} ({r.code}).",
        "Eider retries such requests by itself with growing pauses; if this keeps happening, "
        "lower the number of parallel transfers or try again in a few minutes.",
        retryable=True,
        remedy=Remedy.RETRY_LATER,
    )


def _server_error(r: _Reply) -> UserError | None:
    server_code = r.code in ("InternalError", "InternalFailure", "ServiceFailure")
    if not (server_code or (r.status is not None and r.status >= 500)):
        return None
    return r.make(
        ErrorKind.SERVER_ERROR,
        f"The server failed while {r.doing} ({r.code}, HTTP {r.status or 500}). This is a "
        "fault on the server's side, not in the request.",
        "Try again in a few minutes; Eider retries such failures by itself first.",
        retryable=True,
        remedy=Remedy.RETRY_LATER,
    )


def _unknown(r: _Reply) -> UserError:
    said = redact(r.text).rstrip(". ")
    said_words = f": {said}" if said else ""
    status = f", HTTP {r.status}" if r.status else ""
    return r.make(
        ErrorKind.OTHER,
        f"{_cap(r.doing)} failed: the server answered with error {r.code} "
        f"({r.operation or 'request'}{status}){said_words}.",
        f"Look up the S3 error code {r.code} in the provider's documentation; the connection "
        "settings (endpoint, region, addressing style) are the usual suspects.",
    )


_RULES: tuple[Callable[[_Reply], UserError | None], ...] = (
    _region,
    _credentials,
    _kms,
    _sse_c,
    _acl,
    _checksums,
    _archived,
    _buckets,
    _missing,
    _sizes,
    _precondition,
    _damaged_body,
    _refused_setting,
    _denied,
    _not_implemented,
    _throttled,
    _server_error,
)


# -- small helpers -------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bytes(value: object) -> str:
    try:
        size = float(str(value))
    except ValueError:
        return str(value)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(value)


def _parse_time(text: object) -> datetime | None:
    if not text:
        return None
    value = str(text).strip()
    for fmt in ("%Y%m%dT%H%M%SZ",):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def clock_offset(error: Mapping[str, Any], headers: Mapping[str, str]) -> float | None:
    """Seconds this computer's clock is ahead of the server's (negative: behind), if known."""
    request_time = _parse_time(error.get("RequestTime"))
    server_time = _parse_time(error.get("ServerTime"))
    if request_time and server_time:
        return (request_time - server_time).total_seconds()
    if server_time is None and headers.get("date"):
        try:
            server_time = parsedate_to_datetime(headers["date"])
        except (TypeError, ValueError):
            server_time = None
    if server_time is None:
        return None
    return (datetime.now(UTC) - server_time).total_seconds()


def _skew_words(error: Mapping[str, Any], headers: Mapping[str, str]) -> str:
    offset = clock_offset(error, headers)
    if offset is None:
        return ""
    direction = "ahead of" if offset > 0 else "behind"
    return f": it is about {_duration(abs(offset))} {direction} the server's"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} seconds"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} minutes"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} hours"
    return f"{round(seconds / 86400)} days"
