"""What an edited object keeps across an upload of new content.

A PUT replaces the object whole: headers, user metadata, tags, storage class, encryption and
ACL are restated from the object as it is on the server just before the upload. Content type,
cache control, metadata, class, encryption and tags travel with the upload itself; the rarer
headers (disposition, encoding, language, expiry, redirect) are put back by a rewrite job
(`ObjectChange`), and ACL grants beyond the owner's by PutObjectAcl afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from app.core.explained import ExplainedError
from app.core.s3.acl import Grant, read_object_acl
from app.core.s3.session import S3Session
from app.core.transfers.integrity import CRC_META
from app.core.transfers.object_change import HEADERS, ObjectChange
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from app.core.transfers.upload import MTIME_META, SHA256_META
from app.core.transfers.worker_context import sse_args

_IN_UPLOAD = ("ContentType", "CacheControl")
_NO_TAGS = ("NoSuchTagSet", "NotImplemented", "501")


class CustomerKeyNeeded(ValueError, ExplainedError):
    def __init__(self) -> None:
        super().__init__(
            "The object is encrypted with a customer key (SSE-C) and no key was given: "
            "open it with its key (--sse-c-key-file on the command line)."
        )


@dataclass(frozen=True)
class KeptProperties:
    options: TransferOptions
    other_headers: dict[str, str | None] = field(default_factory=dict)
    grants: tuple[Grant, ...] = ()  # to put back; empty when only the owner has access

    @property
    def header_change(self) -> ObjectChange | None:
        return ObjectChange(headers=dict(self.other_headers)) if self.other_headers else None


def read_args(customer_key_ref: str | None) -> dict[str, Any]:
    """Request parameters that read the object: its SSE-C key (from the keyring), if any."""
    if not customer_key_ref:
        return {}
    options = TransferOptions(
        sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=customer_key_ref
    )
    return sse_args(options, for_read=True)


def kept_properties(
    session: S3Session,
    bucket: str,
    key: str,
    head: Mapping[str, Any],
    customer_key_ref: str | None,
) -> KeptProperties:
    """Read the tags and ACL and combine them with `head` (blocking: two requests)."""
    metadata = dict(head.get("Metadata") or {})
    keeps_mtime = MTIME_META in metadata
    had_sha256 = metadata.pop(SHA256_META, None) is not None  # recomputed for the new bytes
    metadata.pop(CRC_META, None)  # Eider's CRC of the old bytes; the policy adds the new one
    sse = _encryption(head, customer_key_ref)
    storage_class = head.get("StorageClass")
    options = TransferOptions(
        content_type=head.get("ContentType") or None,
        cache_control=head.get("CacheControl") or None,
        metadata=metadata,
        preserve_mtime=keeps_mtime,  # refreshed only where it was kept before
        store_sha256=had_sha256,
        storage_class=storage_class if storage_class and storage_class != "STANDARD" else None,
        tags=_tags(session, bucket, key),
        **sse,
    )
    other = {name: str(head[name]) for name in HEADERS if name not in _IN_UPLOAD and head.get(name)}
    if "Expires" in other:
        expires = head.get("ExpiresString") or head["Expires"]
        other["Expires"] = (
            expires if isinstance(expires, str) else expires.strftime("%a, %d %b %Y %H:%M:%S GMT")
        )
    return KeptProperties(options, dict(other), _extra_grants(session, bucket, key))


def _encryption(head: Mapping[str, Any], customer_key_ref: str | None) -> dict[str, Any]:
    if head.get("SSECustomerAlgorithm"):
        if not customer_key_ref:
            raise CustomerKeyNeeded()
        return {"sse": ServerSideEncryption.CUSTOMER, "sse_customer_key_ref": customer_key_ref}
    algorithm = str(head.get("ServerSideEncryption") or "")
    if algorithm.startswith("aws:kms"):
        return {"sse": ServerSideEncryption.KMS, "sse_kms_key_id": head.get("SSEKMSKeyId")}
    if algorithm == "AES256":
        return {"sse": ServerSideEncryption.S3}
    return {}


def _tags(session: S3Session, bucket: str, key: str) -> dict[str, str]:
    try:
        response = session.call(bucket, lambda c: c.get_object_tagging(Bucket=bucket, Key=key))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _NO_TAGS:
            return {}
        raise
    return {t["Key"]: t["Value"] for t in response.get("TagSet", [])}


def _extra_grants(session: S3Session, bucket: str, key: str) -> tuple[Grant, ...]:
    section = read_object_acl(session, bucket, key)
    acl = section.value
    if not section.is_set or acl is None or acl.owner is None:
        return ()
    owner_id = acl.owner.id
    beyond_owner = [
        g
        for g in acl.grants
        if not (g.grantee.value == owner_id and g.permission.value == "FULL_CONTROL")
    ]
    return acl.grants if beyond_owner else ()
