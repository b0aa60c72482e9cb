"""A bucket's server access logging: where the logs go, or off."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.bucket_names import is_valid_bucket_name
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session


@dataclass(frozen=True)
class LoggingTarget:
    bucket: str
    prefix: str = ""


class InvalidLogging(ValueError, ExplainedError):
    pass


def parse_logging(response: Mapping[str, Any]) -> LoggingTarget | None:
    enabled = response.get("LoggingEnabled")
    if not enabled:
        return None
    return LoggingTarget(str(enabled.get("TargetBucket", "")), str(enabled.get("TargetPrefix", "")))


def read_logging(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[LoggingTarget]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_logging(Bucket=bucket)),
        parse_logging,
        "GetBucketLogging",
        bucket,
        feature=Feature.LOGGING,
        unsupported=unsupported,
    )


def put_logging(session: S3Session, bucket: str, target: LoggingTarget | None) -> None:
    """Send the access logs to `target`; None switches logging off."""
    status: dict[str, Any] = {}
    if target is not None:
        if not is_valid_bucket_name(target.bucket):
            raise InvalidLogging(f"'{target.bucket}' is not a valid bucket name for the logs.")
        status = {"LoggingEnabled": {"TargetBucket": target.bucket, "TargetPrefix": target.prefix}}
    write_setting(
        lambda: session.call(
            bucket, lambda c: c.put_bucket_logging(Bucket=bucket, BucketLoggingStatus=status)
        ),
        "server access logging",
        bucket,
    )
