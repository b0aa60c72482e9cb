"""Everything the Info window shows about one bucket, each setting read on its own."""

from __future__ import annotations

from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from app.core.s3.acl import AccessControlList, object_ownership, read_bucket_acl
from app.core.s3.bucket_encryption import DefaultEncryption, read_default_encryption
from app.core.s3.bucket_logging import LoggingTarget, read_logging
from app.core.s3.bucket_policy import read_policy
from app.core.s3.bucket_settings import (
    Versioning,
    read_acceleration,
    read_requester_pays,
    read_versioning,
)
from app.core.s3.cors import CorsRule, read_cors
from app.core.s3.info_section import Feature, Section, read_section
from app.core.s3.lifecycle import LifecycleConfiguration, read_lifecycle
from app.core.s3.object_lock import ObjectLockConfiguration, read_lock_configuration
from app.core.s3.public_access import PublicAccessBlock, read_public_access_block
from app.core.s3.session import S3Session
from app.core.s3.tags import Tag, read_bucket_tags
from app.core.s3.urls import UrlStyle, object_url
from app.core.s3.website import Website, read_website

_PARALLEL_READS = 6  # a few requests at once: quick, and gentle on small servers


@dataclass(frozen=True)
class BucketGeneral:
    name: str
    region: Section[str]
    created: datetime | None  # None when the bucket list does not show this bucket
    path_url: str
    virtual_host_url: str | None  # None where the name or endpoint rules a host name out


@dataclass(frozen=True)
class BucketDetails:
    general: BucketGeneral
    versioning: Section[Versioning]
    encryption: Section[DefaultEncryption]
    object_lock: Section[ObjectLockConfiguration]
    lifecycle: Section[LifecycleConfiguration]
    policy: Section[str]
    cors: Section[tuple[CorsRule, ...]]
    website: Section[Website]
    public_access_block: Section[PublicAccessBlock]
    logging: Section[LoggingTarget]
    tags: Section[tuple[Tag, ...]]
    requester_pays: Section[bool]
    acceleration: Section[bool]
    acl: Section[AccessControlList]
    object_ownership: Section[str]


def read_region(session: S3Session, bucket: str) -> Section[str]:
    return read_section(
        lambda: session.get_bucket_location(bucket), lambda r: r, "GetBucketLocation", bucket
    )


def creation_date(session: S3Session, bucket: str) -> datetime | None:
    try:
        buckets = session.list_buckets()
    except (ClientError, BotoCoreError):
        return None  # a scoped key may not list buckets; the date is then unknown
    return next((b.created for b in buckets if b.name == bucket), None)


def read_bucket_general(session: S3Session, bucket: str) -> BucketGeneral:
    region = read_region(session, bucket)
    where = region.value or session.connection.region
    connection = session.connection
    try:
        virtual: str | None = object_url(connection, bucket, "", UrlStyle.VIRTUAL, where)
    except ValueError:
        virtual = None
    return BucketGeneral(
        name=bucket,
        region=region,
        created=creation_date(session, bucket),
        path_url=object_url(connection, bucket, "", UrlStyle.PATH, where),
        virtual_host_url=virtual,
    )


def read_bucket_details(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> BucketDetails:
    """Every setting of `bucket`, read in parallel; `unsupported` names features the provider's
    profile says it lacks (they are reported without asking). Raises only when the bucket
    itself cannot be reached."""
    session.head_bucket(bucket)
    readers: dict[str, Callable[[], Section[Any]]] = {
        "versioning": lambda: read_versioning(session, bucket, unsupported),
        "encryption": lambda: read_default_encryption(session, bucket, unsupported),
        "object_lock": lambda: read_lock_configuration(session, bucket, unsupported),
        "lifecycle": lambda: read_lifecycle(session, bucket, unsupported),
        "policy": lambda: read_policy(session, bucket, unsupported),
        "cors": lambda: read_cors(session, bucket, unsupported),
        "website": lambda: read_website(session, bucket, unsupported),
        "public_access_block": lambda: read_public_access_block(session, bucket, unsupported),
        "logging": lambda: read_logging(session, bucket, unsupported),
        "tags": lambda: read_bucket_tags(session, bucket, unsupported),
        "requester_pays": lambda: read_requester_pays(session, bucket, unsupported),
        "acceleration": lambda: read_acceleration(session, bucket, unsupported),
        "acl": lambda: read_bucket_acl(session, bucket, unsupported),
        "object_ownership": lambda: (
            Section.unsupported()
            if Feature.OWNERSHIP in unsupported
            else object_ownership(session, bucket)
        ),
    }
    with ThreadPoolExecutor(_PARALLEL_READS, thread_name_prefix="eider-info") as pool:
        futures = {name: pool.submit(read) for name, read in readers.items()}
        general = read_bucket_general(session, bucket)
        sections = {name: future.result() for name, future in futures.items()}
    return BucketDetails(general=general, **sections)
