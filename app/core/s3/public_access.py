"""A bucket's public access block: four switches."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session


@dataclass(frozen=True)
class PublicAccessBlock:
    block_public_acls: bool = False
    ignore_public_acls: bool = False
    block_public_policy: bool = False
    restrict_public_buckets: bool = False


_FIELDS = {
    "block_public_acls": "BlockPublicAcls",
    "ignore_public_acls": "IgnorePublicAcls",
    "block_public_policy": "BlockPublicPolicy",
    "restrict_public_buckets": "RestrictPublicBuckets",
}


def parse_block(response: Mapping[str, Any]) -> PublicAccessBlock | None:
    config = response.get("PublicAccessBlockConfiguration")
    if config is None:
        return None
    return PublicAccessBlock(**{name: bool(config.get(api)) for name, api in _FIELDS.items()})


def read_public_access_block(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[PublicAccessBlock]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_public_access_block(Bucket=bucket)),
        parse_block,
        "GetPublicAccessBlock",
        bucket,
        feature=Feature.PUBLIC_ACCESS_BLOCK,
        unsupported=unsupported,
    )


def put_public_access_block(
    session: S3Session, bucket: str, block: PublicAccessBlock | None
) -> None:
    """Set the four switches; None removes the bucket's public access block."""
    if block is None:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_public_access_block(Bucket=bucket)),
            "the public access block",
            bucket,
        )
        return
    body = {api: getattr(block, name) for name, api in _FIELDS.items()}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=body),
        ),
        "the public access block",
        bucket,
    )
