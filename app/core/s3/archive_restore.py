"""Restoring archived objects (Glacier Flexible Retrieval, Deep Archive): the request, and the
state HeadObject's x-amz-restore reports (`Restore` in boto3).

A restore makes a temporary readable copy for `days`; the object itself stays archived. The
request is asynchronous: minutes (Expedited), hours (Standard) or up to two days (Bulk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any

from botocore.exceptions import ClientError

from app.core.explained import ExplainedError
from app.core.s3.session import S3Session

ARCHIVE_CLASSES = ("GLACIER", "DEEP_ARCHIVE")
MAX_DAYS = 30_000  # S3 refuses more; fewer than 1 is meaningless


class RestoreTier(StrEnum):
    EXPEDITED = "Expedited"
    STANDARD = "Standard"
    BULK = "Bulk"


class RestoreState(StrEnum):
    NOT_REQUESTED = "not-requested"  # no restore asked for, or the copy expired
    ONGOING = "ongoing"
    READY = "ready"  # the temporary copy can be downloaded until `expiry`
    NOT_ARCHIVED = "not-archived"  # readable as it is: nothing to restore


@dataclass(frozen=True)
class RestoreStatus:
    state: RestoreState
    expiry: datetime | None = None


class RestoreRefused(ValueError, ExplainedError):
    pass


_ONGOING = re.compile(r'ongoing-request\s*=\s*"(true|false)"', re.IGNORECASE)
_EXPIRY = re.compile(r'expiry-date\s*=\s*"([^"]+)"', re.IGNORECASE)


def parse_restore_header(value: str | None) -> RestoreStatus:
    """The x-amz-restore header: `ongoing-request="true"`, or `ongoing-request="false",
    expiry-date="Fri, 21 Dec 2026 00:00:00 GMT"`; absent when no restore was asked for."""
    if not value:
        return RestoreStatus(RestoreState.NOT_REQUESTED)
    ongoing = _ONGOING.search(value)
    if ongoing is None:
        raise ValueError(f"Not an x-amz-restore value: {value!r}")
    if ongoing.group(1).lower() == "true":
        return RestoreStatus(RestoreState.ONGOING)
    expiry_match = _EXPIRY.search(value)
    expiry = None
    if expiry_match:
        try:
            expiry = parsedate_to_datetime(expiry_match.group(1))
        except (TypeError, ValueError):
            expiry = None
    return RestoreStatus(RestoreState.READY, expiry)


def status_from_head(head: dict[str, Any]) -> RestoreStatus:
    status = parse_restore_header(head.get("Restore"))
    if status.state is RestoreState.NOT_REQUESTED and (
        head.get("StorageClass") not in ARCHIVE_CLASSES
    ):
        return RestoreStatus(RestoreState.NOT_ARCHIVED)
    return status


def restore_status(
    session: S3Session, bucket: str, key: str, version_id: str | None = None
) -> RestoreStatus:
    args: dict[str, Any] = {"Bucket": bucket, "Key": key}
    if version_id:
        args["VersionId"] = version_id
    head = session.call(bucket, lambda c: c.head_object(**args))
    return status_from_head(head)


def request_restore(
    session: S3Session,
    bucket: str,
    key: str,
    days: int,
    tier: RestoreTier = RestoreTier.STANDARD,
    version_id: str | None = None,
) -> bool:
    """Ask for a temporary copy of an archived object for `days`. Returns False when a restore
    of it is already under way (S3's RestoreAlreadyInProgress), True otherwise."""
    if not 1 <= days <= MAX_DAYS:
        raise RestoreRefused(f"A restore lasts 1 to {MAX_DAYS:,} days, not {days}")
    args: dict[str, Any] = {
        "Bucket": bucket,
        "Key": key,
        "RestoreRequest": {"Days": days, "GlacierJobParameters": {"Tier": tier.value}},
    }
    if version_id:
        args["VersionId"] = version_id
    try:
        session.call(bucket, lambda c: c.restore_object(**args))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "RestoreAlreadyInProgress":
            return False
        raise
    return True
