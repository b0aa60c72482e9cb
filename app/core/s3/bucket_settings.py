"""A bucket's on/off settings: versioning (with MFA delete), requester pays, acceleration."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session


@dataclass(frozen=True)
class Versioning:
    status: str | None  # Enabled, Suspended, or None when versioning was never switched on
    mfa_delete: str | None  # Enabled, Disabled, or None when the server does not say

    @property
    def enabled(self) -> bool:
        return self.status == "Enabled"


def read_versioning(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[Versioning]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_versioning(Bucket=bucket)),
        lambda r: Versioning(r.get("Status"), r.get("MFADelete")),
        "GetBucketVersioning",
        bucket,
        feature=Feature.VERSIONING,
        unsupported=unsupported,
    )


def set_versioning(session: S3Session, bucket: str, enabled: bool) -> None:
    """Enable or suspend versioning (a versioned bucket can never go back to unversioned).

    MFA delete is left alone: changing it needs the root account's MFA device.
    """
    body = {"Status": "Enabled" if enabled else "Suspended"}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_versioning(Bucket=bucket, VersioningConfiguration=body),
        ),
        "versioning",
        bucket,
    )


def read_requester_pays(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[bool]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_request_payment(Bucket=bucket)),
        lambda r: r.get("Payer", "BucketOwner") == "Requester",
        "GetBucketRequestPayment",
        bucket,
        feature=Feature.REQUESTER_PAYS,
        unsupported=unsupported,
    )


def set_requester_pays(session: S3Session, bucket: str, enabled: bool) -> None:
    body = {"Payer": "Requester" if enabled else "BucketOwner"}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_request_payment(Bucket=bucket, RequestPaymentConfiguration=body),
        ),
        "requester pays",
        bucket,
    )


def read_acceleration(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[bool]:
    """True when transfer acceleration is Enabled; "none" when it was never set."""
    return read_section(
        lambda: session.call(
            bucket, lambda c: c.get_bucket_accelerate_configuration(Bucket=bucket)
        ),
        lambda r: (r["Status"] == "Enabled") if r.get("Status") else None,
        "GetBucketAccelerateConfiguration",
        bucket,
        feature=Feature.ACCELERATION,
        unsupported=unsupported,
    )


def set_acceleration(session: S3Session, bucket: str, enabled: bool) -> None:
    body = {"Status": "Enabled" if enabled else "Suspended"}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_accelerate_configuration(
                Bucket=bucket, AccelerateConfiguration=body
            ),
        ),
        "transfer acceleration",
        bucket,
    )
