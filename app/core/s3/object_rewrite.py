"""Rewrite one object in place: new metadata, storage class or encryption, everything else kept.

S3 changes these only by copying the object onto itself. The copy restates what CopyObject
would otherwise reset (content headers, user metadata, storage class, encryption with its KMS
key), keeps the tags (TaggingDirective COPY, or restated on a multipart copy), puts back ACL
grants beyond the owner's (a copy gets a private ACL), and is pinned to the ETag read first
(CopySourceIfMatch), so a concurrent overwrite is never silently replaced with the older bytes.
Above `MAX_SINGLE_COPY` (S3's 5 GiB limit for CopyObject) it is a multipart copy whose parts are
UploadPartCopy ranges; a failed multipart copy is aborted and leaves the object as it was.

The result is a new object: a new ETag, and a new version on a versioned bucket.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

from botocore.exceptions import ClientError

from app.core.explained import ExplainedError
from app.core.s3 import encryption_state
from app.core.s3.acl import AccessControlList, GranteeKind, Permission, put_object_acl
from app.core.s3.acl import read_object_acl as _read_acl
from app.core.s3.object_info import CHECKSUM_ALGORITHMS
from app.core.s3.object_metadata import ObjectMetadata, metadata_from_head
from app.core.s3.session import S3Session

MAX_SINGLE_COPY = 5 * 1024**3
COPY_PART_SIZE = 512 * 1024**2
ENCRYPTION_CHOICES = (
    encryption_state.NONE,
    encryption_state.SSE_S3,
    encryption_state.SSE_KMS,
    encryption_state.SSE_C,
)


class RewriteRefused(ValueError, ExplainedError):
    """The change cannot be made as asked (a missing key, an unknown choice)."""


@dataclass(frozen=True)
class EncryptionChoice:
    kind: str  # one of ENCRYPTION_CHOICES
    kms_key_id: str | None = None  # SSE-KMS: None means the account's (or bucket's) default key
    # SSE-C: the 256-bit key itself; never printed (repr=False) and never stored by Eider here.
    customer_key: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in ENCRYPTION_CHOICES:
            raise RewriteRefused(
                f"'{self.kind}' is not an encryption Eider can set; choose one of "
                f"{', '.join(ENCRYPTION_CHOICES)}."
            )
        if self.kind == encryption_state.SSE_C and (
            self.customer_key is None or len(self.customer_key) != 32
        ):
            raise RewriteRefused("SSE-C needs a 256-bit key; give the bookmark an SSE-C key first.")


@dataclass(frozen=True)
class ObjectChange:
    """What to change; None leaves that part as it is."""

    metadata: ObjectMetadata | None = None
    storage_class: str | None = None
    encryption: EncryptionChoice | None = None

    @property
    def is_empty(self) -> bool:
        return self.metadata is None and self.storage_class is None and self.encryption is None

    def describe(self) -> str:
        parts = []
        if self.metadata is not None:
            parts.append("metadata")
        if self.storage_class is not None:
            parts.append(f"storage class {self.storage_class}")
        if self.encryption is not None:
            parts.append(f"encryption {self.encryption.kind}")
        return ", ".join(parts) or "nothing"


def rewrite_object(
    session: S3Session,
    bucket: str,
    key: str,
    change: ObjectChange,
    *,
    source_customer_key: bytes | None = None,
    multipart_threshold: int = MAX_SINGLE_COPY,
    part_size: int = COPY_PART_SIZE,
) -> dict[str, Any]:
    """Copy `key` onto itself with `change` applied; answers the new object's HEAD.

    `source_customer_key` is the SSE-C key the object is encrypted with now (needed to read
    an SSE-C object). The thresholds are parameters for tests; S3's limits are the defaults.
    """
    if change.is_empty:
        raise RewriteRefused("Nothing to change.")
    head, source_customer_key = head_with_key(session, bucket, key, source_customer_key)
    source_sse_c = _customer_key_params(source_customer_key)
    if encryption_state.classify(head) == encryption_state.SSE_C and not source_sse_c:
        raise RewriteRefused(f"'{key}' is encrypted with SSE-C; its key is needed to rewrite it.")
    change = with_kept_sse_c(change, source_customer_key)
    acl = _read_acl(session, bucket, key)
    args = _target_args(head, change)
    etag = str(head.get("ETag") or "")
    size = int(head.get("ContentLength") or 0)
    if size > multipart_threshold:
        _multipart_copy(session, bucket, key, args, etag, size, part_size, source_customer_key)
    else:
        copy_args = {
            **args,
            "Bucket": bucket,
            "Key": key,
            "CopySource": {"Bucket": bucket, "Key": key},
            "CopySourceIfMatch": etag,
            "MetadataDirective": "REPLACE",
            "TaggingDirective": "COPY",
            **_copy_source_key_params(source_customer_key),
        }
        session.call(bucket, lambda c: c.copy_object(**copy_args))
    _restore_grants(session, bucket, key, acl.value)
    target_sse_c = (
        _customer_key_params(change.encryption.customer_key)
        if change.encryption is not None
        else source_sse_c
    )
    new_head: dict[str, Any] = session.call(
        bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **target_sse_c)
    )
    return new_head


def head_with_key(
    session: S3Session, bucket: str, key: str, customer_key: bytes | None
) -> tuple[dict[str, Any], bytes | None]:
    """HEAD `key`; with the SSE-C key only when the object needs it (S3 refuses SSE-C headers
    for other objects, and answers a bare 400 to a HEAD of an SSE-C object without them).
    Answers the HEAD and the key to use with this object (None: not an SSE-C object)."""
    try:
        head: dict[str, Any] = session.call(bucket, lambda c: c.head_object(Bucket=bucket, Key=key))
    except ClientError as exc:
        status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        if status != 400 or customer_key is None:
            raise
        params = _customer_key_params(customer_key)
        head = session.call(bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **params))
        return head, customer_key
    return head, (customer_key if head.get("SSECustomerAlgorithm") else None)


def _target_args(head: Mapping[str, Any], change: ObjectChange) -> dict[str, Any]:
    """The metadata, class and encryption parameters the rewritten object is written with."""
    metadata = change.metadata if change.metadata is not None else metadata_from_head(head)
    args: dict[str, Any] = dict(metadata_params(metadata))
    args["StorageClass"] = change.storage_class or str(head.get("StorageClass") or "STANDARD")
    encryption = change.encryption or _current_encryption(head)
    args.update(_encryption_params(encryption))
    algorithm = next((a for a in CHECKSUM_ALGORITHMS if head.get(f"Checksum{a}")), None)
    if algorithm is not None:
        args["ChecksumAlgorithm"] = algorithm
    return args


def metadata_params(metadata: ObjectMetadata) -> dict[str, Any]:
    """CopyObject/CreateMultipartUpload parameters stating `metadata` in full."""
    params: dict[str, Any] = {"Metadata": dict(metadata.user)}
    for name, value in (
        ("ContentType", metadata.content_type),
        ("CacheControl", metadata.cache_control),
        ("ContentDisposition", metadata.content_disposition),
        ("ContentEncoding", metadata.content_encoding),
        ("ContentLanguage", metadata.content_language),
        ("WebsiteRedirectLocation", metadata.website_redirect_location),
    ):
        if value:
            params[name] = value
    if metadata.expires:
        params["Expires"] = expires_value(metadata.expires)
    return params


def expires_value(text: str) -> datetime:
    """The Expires header as botocore sends it; S3 takes only an HTTP date."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError):
        pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise RewriteRefused(
            f"Expires '{text}' is not a date; write it as an HTTP date such as "
            "'Wed, 21 Oct 2026 07:28:00 GMT'."
        ) from None


def _current_encryption(head: Mapping[str, Any]) -> EncryptionChoice:
    kind = encryption_state.classify(head)
    if kind == encryption_state.SSE_KMS:
        return EncryptionChoice(kind, head.get("SSEKMSKeyId"))
    if kind in (encryption_state.SSE_S3, encryption_state.NONE):
        return EncryptionChoice(kind)
    if kind == encryption_state.CLIENT_SIDE:  # the envelope lives in the metadata, kept as is
        sse = str(head.get("ServerSideEncryption") or "")
        return EncryptionChoice(encryption_state.SSE_S3 if sse == "AES256" else "none")
    # SSE-C: rewrite_object refuses it without the key; with it, the copy keeps it.
    return EncryptionChoice(encryption_state.NONE)


def _encryption_params(choice: EncryptionChoice) -> dict[str, Any]:
    if choice.kind == encryption_state.SSE_S3:
        return {"ServerSideEncryption": "AES256"}
    if choice.kind == encryption_state.SSE_KMS:
        params: dict[str, Any] = {"ServerSideEncryption": "aws:kms"}
        if choice.kms_key_id:
            params["SSEKMSKeyId"] = choice.kms_key_id
        return params
    if choice.kind == encryption_state.SSE_C:
        return _customer_key_params(choice.customer_key)
    return {}


def _customer_key_params(key: bytes | None) -> dict[str, Any]:
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key} if key else {}


def _copy_source_key_params(key: bytes | None) -> dict[str, Any]:
    if not key:
        return {}
    return {"CopySourceSSECustomerAlgorithm": "AES256", "CopySourceSSECustomerKey": key}


def with_kept_sse_c(change: ObjectChange, source_key: bytes | None) -> ObjectChange:
    """An SSE-C object rewritten without an encryption change stays SSE-C under its key."""
    if change.encryption is not None or not source_key:
        return change
    return ObjectChange(
        change.metadata,
        change.storage_class,
        EncryptionChoice(encryption_state.SSE_C, customer_key=source_key),
    )


def _multipart_copy(
    session: S3Session,
    bucket: str,
    key: str,
    args: dict[str, Any],
    etag: str,
    size: int,
    part_size: int,
    source_customer_key: bytes | None,
) -> None:
    tagging = session.call(bucket, lambda c: c.get_object_tagging(Bucket=bucket, Key=key))
    tags = tagging.get("TagSet") or []
    start_args = dict(args)
    if tags:
        start_args["Tagging"] = "&".join(
            f"{quote(t['Key'], safe='')}={quote(t['Value'], safe='')}" for t in tags
        )
    upload = session.call(
        bucket, lambda c: c.create_multipart_upload(Bucket=bucket, Key=key, **start_args)
    )
    upload_id = upload["UploadId"]
    target_key = {k: v for k, v in args.items() if k in ("SSECustomerAlgorithm", "SSECustomerKey")}
    parts: list[dict[str, Any]] = []
    try:
        for number, first in enumerate(range(0, size, part_size), start=1):
            last = min(first + part_size, size) - 1
            part_args = {
                "Bucket": bucket,
                "Key": key,
                "UploadId": upload_id,
                "PartNumber": number,
                "CopySource": {"Bucket": bucket, "Key": key},
                "CopySourceIfMatch": etag,
                "CopySourceRange": f"bytes={first}-{last}",
                **_copy_source_key_params(source_customer_key),
                **target_key,
            }
            answer = session.call(bucket, lambda c, a=part_args: c.upload_part_copy(**a))
            parts.append({"PartNumber": number, "ETag": answer["CopyPartResult"]["ETag"]})
        session.call(
            bucket,
            lambda c: c.complete_multipart_upload(
                Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            ),
        )
    except BaseException:
        with contextlib.suppress(Exception):  # the first failure is the one to report
            session.call(
                bucket,
                lambda c: c.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id),
            )
        raise


def _restore_grants(
    session: S3Session, bucket: str, key: str, acl: AccessControlList | None
) -> None:
    """Put back grants the copy dropped: anything beyond the owner's full control."""
    if acl is None:
        return
    owner_id = acl.owner.id if acl.owner else None
    extra = [
        g
        for g in acl.grants
        if not (
            g.grantee.kind is GranteeKind.CANONICAL_USER
            and g.grantee.value == owner_id
            and g.permission is Permission.FULL_CONTROL
        )
    ]
    if extra:
        put_object_acl(session, bucket, key, list(acl.grants))


@dataclass(frozen=True)
class MetadataEdit:
    """Only what the user changed: applied onto each object's current metadata, so the values
    not touched (on this object, or on each of many) are kept as they are."""

    # ObjectMetadata field name (content_type, cache_control, ...) -> new value; "" clears it.
    fields: dict[str, str] = field(default_factory=dict)
    user_set: dict[str, str] = field(default_factory=dict)  # x-amz-meta-* added or changed
    user_removed: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.user_set or self.user_removed)


_STANDARD_FIELDS = (
    "content_type",
    "cache_control",
    "content_disposition",
    "content_encoding",
    "content_language",
    "expires",
    "website_redirect_location",
)


def edited_metadata(current: ObjectMetadata, edit: MetadataEdit) -> ObjectMetadata:
    unknown = set(edit.fields) - set(_STANDARD_FIELDS)
    if unknown:
        raise RewriteRefused(f"Unknown metadata field(s): {', '.join(sorted(unknown))}.")
    changes: dict[str, Any] = {name: (value or None) for name, value in edit.fields.items()}
    user = {k: v for k, v in current.user.items() if k not in edit.user_removed}
    user.update(edit.user_set)
    return replace(current, **changes, user=user)


def apply_metadata_edit(
    session: S3Session,
    bucket: str,
    key: str,
    edit: MetadataEdit,
    customer_key: bytes | None = None,
) -> dict[str, Any]:
    """Rewrite `key` with `edit` laid over its current metadata (read just before)."""
    if edit.is_empty:
        raise RewriteRefused("Nothing to change.")
    head, customer_key = head_with_key(session, bucket, key, customer_key)
    new = edited_metadata(metadata_from_head(head), edit)
    return rewrite_object(
        session, bucket, key, ObjectChange(metadata=new), source_customer_key=customer_key
    )
