"""Opening a bookmark: its credentials, an S3Session, and one listing that proves the login.

Blocking (keyring, network): call it from a worker thread. A secret the user typed but chose
not to keep ("Save secret" off) is put in session memory under a throw-away owner only while
the credentials are resolved, then deleted; it never reaches a file or the keyring.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from botocore.exceptions import ClientError

from app.core import secrets
from app.core.bookmarks.connect import connection_for_bookmark
from app.core.bookmarks.model import SECRET_KEY, SESSION_TOKEN, Bookmark
from app.core.connection import Connection
from app.core.credentials.mfa import MfaPrompt
from app.core.profiles import Profile
from app.core.s3.session import S3Session

log = logging.getLogger(__name__)

# The S3 operation a failed login is reported as (for app.core.errors.describe).
VERIFY_OPERATION = "ListBuckets"
SCOPED_VERIFY_OPERATION = "ListObjectsV2"
# How servers refuse ListBuckets to keys that may use only some buckets. Anything else (wrong
# secret, expired token, no network) is the login failing, not a reason to try the path.
_REFUSALS = frozenset({"AccessDenied", "Forbidden", "403", "AllAccessDisabled"})


def _refused(exc: Exception) -> bool:
    if not isinstance(exc, ClientError):
        return False
    code = str((exc.response.get("Error") or {}).get("Code") or "")
    status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return code in _REFUSALS or (not code and status == 403)


@dataclass(frozen=True)
class OneShotSecrets:
    """Secrets typed for this connection only; never stored beyond the login."""

    secret_key: str
    session_token: str = ""

    def __repr__(self) -> str:
        return "OneShotSecrets(<hidden>)"


@dataclass(frozen=True)
class OpenedBookmark:
    session: S3Session
    buckets: tuple[str, ...]
    scoped: bool  # the keys could not list buckets; the session is scoped to the bookmark path


class LoginFailed(Exception):
    """Wraps the real failure with the S3 operation that failed, for the error describer."""

    def __init__(self, cause: BaseException, operation: str, bucket: str = "") -> None:
        super().__init__(f"{operation} failed ({type(cause).__name__})")
        self.cause = cause
        self.operation = operation
        self.bucket = bucket


@contextmanager
def _transient_owner(connection: Connection, one_shot: OneShotSecrets | None) -> Iterator[str]:
    if one_shot is None:
        yield connection.credentials.secret_owner
        return
    owner = f"transient:{uuid.uuid4()}"
    memory = secrets.Place.SESSION  # never the keyring or the vault: gone after the login
    secrets.set_secret(owner, SECRET_KEY, one_shot.secret_key, memory)
    if one_shot.session_token:
        secrets.set_secret(owner, SESSION_TOKEN, one_shot.session_token, memory)
    try:
        yield owner
    finally:
        for kind in (SECRET_KEY, SESSION_TOKEN):
            secrets.delete_secret(owner, kind)


def _with_owner(connection: Connection, owner: str) -> Connection:
    return replace(connection, credentials=replace(connection.credentials, secret_owner=owner))


def open_bookmark(
    bookmark: Bookmark,
    mfa_prompt: MfaPrompt | None = None,
    one_shot: OneShotSecrets | None = None,
    profile: Profile | None = None,
) -> OpenedBookmark:
    """Build the session and list buckets. When the keys may not list buckets and the bookmark
    has a path, list that bucket instead through a session scoped to it.

    Raises BookmarkError/ProfileError (bad bookmark), CredentialError, SecretStoreError, or
    LoginFailed wrapping the server's or the network's error.
    """
    connection = connection_for_bookmark(bookmark, profile)
    with _transient_owner(connection, one_shot) as owner:
        session = S3Session(_with_owner(connection, owner), mfa_prompt)
        try:
            buckets = tuple(b.name for b in session.list_buckets())
        except Exception as exc:
            if not (bookmark.path.strip("/") and _refused(exc)):
                raise LoginFailed(exc, VERIFY_OPERATION) from exc
            log.info("ListBuckets failed (%s); trying the bookmark's path", type(exc).__name__)
            return _open_scoped(bookmark, profile, owner, mfa_prompt)
    return OpenedBookmark(session, buckets, scoped=False)


def _open_scoped(
    bookmark: Bookmark, profile: Profile | None, owner: str, mfa_prompt: MfaPrompt | None
) -> OpenedBookmark:
    connection = _with_owner(connection_for_bookmark(bookmark, profile, scope_to_path=True), owner)
    bucket = connection.bucket or ""
    session = S3Session(connection, mfa_prompt)
    try:
        next(session.list_prefix(bucket, connection.prefix, max_keys=1))
    except Exception as exc:
        raise LoginFailed(exc, SCOPED_VERIFY_OPERATION, bucket) from exc
    return OpenedBookmark(session, (bucket,), scoped=True)
