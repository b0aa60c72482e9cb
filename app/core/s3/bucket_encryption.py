"""A bucket's default encryption (what S3 applies to objects uploaded without their own)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session

SSE_S3 = "AES256"
SSE_KMS = "aws:kms"
SSE_KMS_DSSE = "aws:kms:dsse"
ALGORITHMS = (SSE_S3, SSE_KMS, SSE_KMS_DSSE)


@dataclass(frozen=True)
class DefaultEncryption:
    algorithm: str  # one of ALGORITHMS
    kms_key_id: str | None = None  # None with aws:kms: the account's AWS-managed key
    bucket_key_enabled: bool | None = None


class InvalidEncryption(ValueError, ExplainedError):
    pass


def parse_encryption(response: Mapping[str, Any]) -> DefaultEncryption | None:
    rules = (response.get("ServerSideEncryptionConfiguration") or {}).get("Rules") or ()
    for rule in rules:
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        if default.get("SSEAlgorithm"):
            return DefaultEncryption(
                default["SSEAlgorithm"],
                default.get("KMSMasterKeyID"),
                rule.get("BucketKeyEnabled"),
            )
    return None


def read_default_encryption(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[DefaultEncryption]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_encryption(Bucket=bucket)),
        parse_encryption,
        "GetBucketEncryption",
        bucket,
        feature=Feature.ENCRYPTION,
        unsupported=unsupported,
    )


def put_default_encryption(
    session: S3Session, bucket: str, encryption: DefaultEncryption | None
) -> None:
    """Set the default encryption; None removes it (on AWS, SSE-S3 then applies anyway)."""
    if encryption is None:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_bucket_encryption(Bucket=bucket)),
            "default encryption",
            bucket,
        )
        return
    if encryption.algorithm not in ALGORITHMS:
        raise InvalidEncryption(
            f"'{encryption.algorithm}' is not an encryption S3 knows; use {', '.join(ALGORITHMS)}."
        )
    if encryption.kms_key_id and encryption.algorithm == SSE_S3:
        raise InvalidEncryption("A KMS key applies only to SSE-KMS, not to SSE-S3 (AES256).")
    default: dict[str, str] = {"SSEAlgorithm": encryption.algorithm}
    if encryption.kms_key_id:
        default["KMSMasterKeyID"] = encryption.kms_key_id
    rule: dict[str, Any] = {"ApplyServerSideEncryptionByDefault": default}
    if encryption.bucket_key_enabled is not None:
        rule["BucketKeyEnabled"] = encryption.bucket_key_enabled
    body = {"Rules": [rule]}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_encryption(
                Bucket=bucket, ServerSideEncryptionConfiguration=body
            ),
        ),
        "default encryption",
        bucket,
    )
