"""Exit codes for failed HEAD requests, which carry no reason in their reply.

A HEAD answered 403 means "no permission" as much as "wrong secret key" or "clock skewed":
the reply has no body to tell them apart. Before calling it a missing permission, one cheap
listing request (whose error reply has a body) asks the server which it is.
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.s3_paths import S3Path
from app.core.errors import ErrorKind, describe
from app.core.s3.session import S3Session

_CREDENTIAL_KINDS = frozenset(
    {
        ErrorKind.WRONG_SECRET,
        ErrorKind.WRONG_ACCESS_KEY,
        ErrorKind.CLOCK_SKEW,
        ErrorKind.EXPIRED_TOKEN,
        ErrorKind.INVALID_TOKEN,
    }
)


def is_bodiless_forbidden(exc: BaseException) -> bool:
    if not isinstance(exc, ClientError):
        return False
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return exc.operation_name in ("HeadBucket", "HeadObject") and status == 403


def fail_head(
    session: S3Session, exc: BaseException, operation: str, bucket: str, key: str = ""
) -> int:
    """`exit_codes.fail` for a HEAD request's error, with the credentials checked on a 403."""
    if is_bodiless_forbidden(exc):
        code = credentials_failure(session, bucket)
        if code:
            return code
    return exit_codes.fail(exc, operation, bucket, key)


def fail_head_object(
    session: S3Session, exc: ClientError | BotoCoreError, path: S3Path, version_id: str | None
) -> int:
    """The exit code for a HeadObject that failed: a missing object (or version) is told apart
    from a missing bucket."""
    if not isinstance(exc, ClientError):
        return exit_codes.fail(exc, "HeadObject", path.bucket, path.key)
    if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
        try:
            session.head_bucket(path.bucket)
        except (ClientError, BotoCoreError) as bucket_exc:
            return fail_head(session, bucket_exc, "HeadBucket", path.bucket)
        if version_id:
            return exit_codes.not_found(f"{path} has no version {version_id}")
        return exit_codes.not_found(f"{path} does not exist")
    return fail_head(session, exc, "HeadObject", path.bucket, path.key)


def credentials_failure(session: S3Session, bucket: str) -> int:
    """After a bodiless 403: the exit code (message said) when the keys themselves are refused,
    0 when the server knows them and the 403 was only a missing permission."""
    try:
        session.call(bucket, lambda c: c.list_objects_v2(Bucket=bucket, MaxKeys=1))
    except (ClientError, BotoCoreError) as probe:
        error = describe(probe, "ListObjectsV2", bucket)
        if error.kind in _CREDENTIAL_KINDS:
            exit_codes.say_error(str(error))
            return exit_codes.code_for(error)
    return exit_codes.OK
