"""Everything the Info window shows about one object, read in one go (each part on its own)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from app.core.s3 import encryption_state
from app.core.s3.acl import (
    BUCKET_OWNER_ENFORCED,
    AccessControlList,
    Owner,
    object_ownership,
    read_object_acl,
)
from app.core.s3.info_section import Feature, Section
from app.core.s3.object_lock import (
    Retention,
    legal_hold_from_head,
    read_legal_hold,
    read_lock_configuration,
    read_retention,
    retention_from_head,
)
from app.core.s3.object_metadata import ObjectMetadata, metadata_from_head
from app.core.s3.session import S3Session
from app.core.s3.tags import Tag, read_object_tags

CHECKSUM_ALGORITHMS = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")
_MD5_HEX = re.compile(r"^[0-9a-f]{32}$")
_RESTORE_FIELD = re.compile(r'([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class RestoreStatus:
    in_progress: bool
    expires: datetime | None  # when the restored copy goes away (None while in progress)


@dataclass(frozen=True)
class ObjectGeneral:
    bucket: str
    key: str
    size: int
    last_modified: datetime | None
    etag: str  # without quotes
    etag_is_md5: bool  # the ETag is the MD5 of the content (single-part, not SSE-KMS/SSE-C)
    parts_count: int | None
    checksums: dict[str, str]  # algorithm (CRC32, SHA256, ...) -> base64 value
    checksum_type: str | None  # FULL_OBJECT or COMPOSITE
    version_id: str | None
    content_type: str | None
    storage_class: str
    encryption: str  # one of encryption_state's constants
    sse_algorithm: str | None  # AES256, aws:kms, aws:kms:dsse
    kms_key_id: str | None
    bucket_key_enabled: bool | None
    sse_customer_algorithm: str | None
    owner: Owner | None
    retention: Retention | None
    legal_hold: bool | None
    restore: RestoreStatus | None  # None: no restore requested (or not an archived object)


@dataclass(frozen=True)
class ObjectDetails:
    general: ObjectGeneral
    metadata: ObjectMetadata
    acl: Section[AccessControlList]
    tags: Section[tuple[Tag, ...]]
    # The bucket's object ownership: "BucketOwnerEnforced" means ACLs are disabled, and the
    # ACL shown is only the owner's.
    object_ownership: Section[str]

    @property
    def acls_disabled(self) -> bool:
        return self.object_ownership.value == BUCKET_OWNER_ENFORCED


def etag_is_md5(etag: str, sse: str | None, sse_customer: str | None) -> bool:
    """S3's ETag is the content's MD5 only for single-part uploads that are not SSE-KMS/SSE-C."""
    if sse_customer or (sse or "").startswith("aws:kms"):
        return False
    return bool(_MD5_HEX.match(etag.lower()))


def parse_restore(header: str | None) -> RestoreStatus | None:
    """The x-amz-restore header: `ongoing-request="false", expiry-date="Fri, 21 Dec ..."`."""
    if not header:
        return None
    fields = dict(_RESTORE_FIELD.findall(header))
    expires: datetime | None = None
    if fields.get("expiry-date"):
        try:
            expires = parsedate_to_datetime(fields["expiry-date"])
        except (TypeError, ValueError):
            expires = None
    return RestoreStatus(fields.get("ongoing-request") == "true", expires)


def general_from_head(
    bucket: str, key: str, head: Mapping[str, Any], owner: Owner | None = None
) -> ObjectGeneral:
    etag = str(head.get("ETag") or "").strip('"')
    sse = head.get("ServerSideEncryption")
    sse_c = head.get("SSECustomerAlgorithm")
    return ObjectGeneral(
        bucket=bucket,
        key=key,
        size=int(head.get("ContentLength") or 0),
        last_modified=head.get("LastModified"),
        etag=etag,
        etag_is_md5=etag_is_md5(etag, sse, sse_c),
        parts_count=head.get("PartsCount"),
        checksums={
            name: str(head[f"Checksum{name}"])
            for name in CHECKSUM_ALGORITHMS
            if head.get(f"Checksum{name}")
        },
        checksum_type=head.get("ChecksumType"),
        version_id=head.get("VersionId"),
        content_type=head.get("ContentType"),
        storage_class=str(head.get("StorageClass") or "STANDARD"),
        encryption=encryption_state.classify(head),
        sse_algorithm=sse,
        kms_key_id=head.get("SSEKMSKeyId"),
        bucket_key_enabled=head.get("BucketKeyEnabled"),
        sse_customer_algorithm=sse_c,
        owner=owner,
        retention=retention_from_head(head),
        legal_hold=legal_hold_from_head(head),
        restore=parse_restore(head.get("Restore")),
    )


def read_object_details(
    session: S3Session,
    bucket: str,
    key: str,
    version_id: str | None = None,
    *,
    extra_head: Mapping[str, Any] | None = None,
    unsupported: Collection[Feature] = (),
) -> ObjectDetails:
    """HEAD the object (its failure is the whole read's: no object, nothing to show), then
    read its ACL and tags, each of which may fail on its own.

    `extra_head` carries SSE-C key parameters for an SSE-C object. Object Lock retention and
    legal hold are asked for separately only on a bucket with Object Lock enabled.
    """
    params: dict[str, Any] = {"Bucket": bucket, "Key": key, "ChecksumMode": "ENABLED"}
    if version_id:
        params["VersionId"] = version_id
    params.update(extra_head or {})
    head = session.call(bucket, lambda c: c.head_object(**params))
    acl = read_object_acl(session, bucket, key, version_id, unsupported)
    tags = read_object_tags(session, bucket, key, version_id, unsupported)
    general = general_from_head(bucket, key, head, acl.value.owner if acl.value else None)
    if general.retention is None or general.legal_hold is None:
        general = _with_lock_state(session, general, unsupported)
    ownership: Section[str] = (
        Section.unsupported()
        if Feature.OWNERSHIP in unsupported
        else object_ownership(session, bucket)
    )
    return ObjectDetails(general, metadata_from_head(head), acl, tags, ownership)


def _with_lock_state(
    session: S3Session, general: ObjectGeneral, unsupported: Collection[Feature]
) -> ObjectGeneral:
    lock = read_lock_configuration(session, general.bucket, unsupported)
    if not (lock.value and lock.value.enabled):
        return general
    retention, legal_hold = general.retention, general.legal_hold
    if retention is None:
        retention = read_retention(session, general.bucket, general.key, general.version_id).value
    if legal_hold is None:
        legal_hold = read_legal_hold(session, general.bucket, general.key, general.version_id).value
    return replace(general, retention=retention, legal_hold=legal_hold)
