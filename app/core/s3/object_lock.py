"""Object Lock: a bucket's configuration, and one object's retention and legal hold."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session

LOCK_MODES = ("GOVERNANCE", "COMPLIANCE")


class InvalidLockConfiguration(ValueError, ExplainedError):
    pass


@dataclass(frozen=True)
class ObjectLockConfiguration:
    enabled: bool
    mode: str | None = None  # GOVERNANCE or COMPLIANCE: the default retention, if any
    days: int | None = None
    years: int | None = None


@dataclass(frozen=True)
class Retention:
    mode: str  # GOVERNANCE or COMPLIANCE
    retain_until: datetime | None


def parse_lock_configuration(response: Mapping[str, Any]) -> ObjectLockConfiguration | None:
    config = response.get("ObjectLockConfiguration") or {}
    if not config:
        return None
    default = (config.get("Rule") or {}).get("DefaultRetention") or {}
    return ObjectLockConfiguration(
        enabled=config.get("ObjectLockEnabled") == "Enabled",
        mode=default.get("Mode"),
        days=default.get("Days") or None,  # some servers send 0 for the unit not chosen
        years=default.get("Years") or None,
    )


def read_lock_configuration(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[ObjectLockConfiguration]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_object_lock_configuration(Bucket=bucket)),
        parse_lock_configuration,
        "GetObjectLockConfiguration",
        bucket,
        feature=Feature.OBJECT_LOCK,
        unsupported=unsupported,
    )


def retention_from_head(head: Mapping[str, Any]) -> Retention | None:
    mode = head.get("ObjectLockMode")
    if not mode:
        return None
    return Retention(str(mode), head.get("ObjectLockRetainUntilDate"))


def legal_hold_from_head(head: Mapping[str, Any]) -> bool | None:
    """True/False when the server reported the legal hold, None when it said nothing."""
    status = head.get("ObjectLockLegalHoldStatus")
    return None if status is None else status == "ON"


def read_retention(
    session: S3Session, bucket: str, key: str, version_id: str | None = None
) -> Section[Retention]:
    extra = {"VersionId": version_id} if version_id else {}
    return read_section(
        lambda: session.call(
            bucket, lambda c: c.get_object_retention(Bucket=bucket, Key=key, **extra)
        ),
        lambda r: (
            Retention(str(r["Retention"]["Mode"]), r["Retention"].get("RetainUntilDate"))
            if (r.get("Retention") or {}).get("Mode")
            else None
        ),
        "GetObjectRetention",
        bucket,
        key,
    )


def read_legal_hold(
    session: S3Session, bucket: str, key: str, version_id: str | None = None
) -> Section[bool]:
    extra = {"VersionId": version_id} if version_id else {}
    return read_section(
        lambda: session.call(
            bucket, lambda c: c.get_object_legal_hold(Bucket=bucket, Key=key, **extra)
        ),
        lambda r: (r.get("LegalHold") or {}).get("Status") == "ON",
        "GetObjectLegalHold",
        bucket,
        key,
    )


def put_lock_configuration(
    session: S3Session,
    bucket: str,
    mode: str | None,
    days: int | None = None,
    years: int | None = None,
) -> None:
    """Set the default retention of a bucket created with Object Lock; mode None removes it.

    Object Lock itself can only be switched on (never off); S3 refuses this on a bucket
    without it.
    """
    config: dict[str, Any] = {"ObjectLockEnabled": "Enabled"}
    if mode is not None:
        if mode not in LOCK_MODES:
            raise InvalidLockConfiguration(
                f"'{mode}' is not an Object Lock mode; use {' or '.join(LOCK_MODES)}."
            )
        if (days is None) == (years is None) or (days or years or 0) < 1:
            raise InvalidLockConfiguration(
                "A default retention needs either days or years (a whole number from 1)."
            )
        retention: dict[str, Any] = {"Mode": mode}
        retention["Days" if days is not None else "Years"] = days if days is not None else years
        config["Rule"] = {"DefaultRetention": retention}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_object_lock_configuration(
                Bucket=bucket, ObjectLockConfiguration=config
            ),
        ),
        "Object Lock",
        bucket,
    )
