"""One part of an object's or bucket's Info: a value, "none set", "not supported", or an error.

Every reader in the Info modules answers a `Section` instead of raising, so one refused or
unimplemented setting never hides the others. Writers raise `FeatureUnsupported` when the
server does not implement what they send; other refusals propagate for `errors.describe`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from app.core.errors import ErrorKind, UserError, describe
from app.core.explained import ExplainedError

T = TypeVar("T")

# Answers meaning "this server has no such API": S3's NotImplemented (501), and
# MethodNotAllowed (405) from servers that route unknown sub-resources nowhere.
_UNSUPPORTED_CODES = frozenset({"NotImplemented", "501", "MethodNotAllowed", "405"})


class SectionState(StrEnum):
    SET = "set"
    NONE = "none"  # nothing configured (NoSuchLifecycleConfiguration and the like)
    UNSUPPORTED = "unsupported"  # the server (or the provider's profile) lacks the feature
    ERROR = "error"  # the read failed: `error` says why, in words


class Feature(StrEnum):
    """Info sections a provider may lack; a profile names them to skip the request."""

    ACL = "acl"
    TAGS = "tags"
    VERSIONING = "versioning"
    ENCRYPTION = "encryption"
    OBJECT_LOCK = "object-lock"
    LIFECYCLE = "lifecycle"
    POLICY = "policy"
    CORS = "cors"
    WEBSITE = "website"
    PUBLIC_ACCESS_BLOCK = "public-access-block"
    LOGGING = "logging"
    REQUESTER_PAYS = "requester-pays"
    ACCELERATION = "acceleration"
    OWNERSHIP = "ownership"


@dataclass(frozen=True)
class Section(Generic[T]):
    state: SectionState
    value: T | None = None
    error: UserError | None = None

    @classmethod
    def of(cls, value: T) -> Section[T]:
        return cls(SectionState.SET, value)

    @classmethod
    def none(cls) -> Section[T]:
        return cls(SectionState.NONE)

    @classmethod
    def unsupported(cls) -> Section[T]:
        return cls(SectionState.UNSUPPORTED)

    @classmethod
    def failed(cls, error: UserError) -> Section[T]:
        return cls(SectionState.ERROR, error=error)

    @property
    def is_set(self) -> bool:
        return self.state is SectionState.SET


class FeatureUnsupported(RuntimeError, ExplainedError):
    """The server does not implement the setting a write tried to change."""

    def __init__(self, what: str, bucket: str) -> None:
        super().__init__(
            f"This server does not support {what} (bucket '{bucket}'); the setting cannot be "
            "changed here."
        )
        self.what = what
        self.bucket = bucket


def error_code(exc: ClientError) -> str:
    response = exc.response or {}
    code = str((response.get("Error") or {}).get("Code") or "")
    status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return code or str(status or "")


def is_unsupported(exc: ClientError) -> bool:
    status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return error_code(exc) in _UNSUPPORTED_CODES or status in (405, 501)


def read_section(
    fetch: Callable[[], Any],
    parse: Callable[[Any], T | None],
    operation: str,
    bucket: str,
    key: str = "",
    *,
    feature: Feature | None = None,
    unsupported: Collection[Feature] = (),
    none_codes: Collection[str] = (),
) -> Section[T]:
    """`parse(fetch())` as a Section; `parse` answering None means "none set"."""
    if feature is not None and feature in unsupported:
        return Section.unsupported()
    try:
        value = parse(fetch())
    except ClientError as exc:
        if is_unsupported(exc):
            return Section.unsupported()
        if error_code(exc) in none_codes:
            return Section.none()
        described = describe(exc, operation, bucket, key)
        if described.kind is ErrorKind.NOT_CONFIGURED:
            return Section.none()
        return Section.failed(described)
    except BotoCoreError as exc:
        return Section.failed(describe(exc, operation, bucket, key))
    return Section.none() if value is None else Section.of(value)


def write_setting(call: Callable[[], Any], what: str, bucket: str) -> None:
    """Run a Put/Delete of a bucket setting, turning "not implemented" into FeatureUnsupported.

    SeaweedFS answers PUTs of sub-resources it lacks (logging, website, acceleration) as if
    they created the bucket (BucketAlreadyOwnedByYou): that answer to a setting's PUT means the
    same.
    """
    try:
        call()
    except ClientError as exc:
        if is_unsupported(exc) or error_code(exc) == "BucketAlreadyOwnedByYou":
            raise FeatureUnsupported(what, bucket) from None
        raise
