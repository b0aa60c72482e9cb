"""A change to apply to one or many objects: headers, user metadata, storage class,
encryption, tags, canned ACL. Only what the change names is touched; the rest is kept.

Headers, user metadata, storage class and encryption live in the object itself: changing them
rewrites it (a copy in place: a new ETag, a new version on a versioned bucket). Tags and the
ACL are separate sub-resources, written without a copy. `satisfied_by` says whether an object
already is as the change asks, so a resumed job never rewrites an object a second time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any

from app.core.s3.object_metadata import metadata_from_head
from app.core.transfers.header_values import (
    CANNED_ACLS,
    header_problem,
    metadata_problem,
    tags_problem,
)
from app.core.transfers.worker_context import tagging

# HeadObject / CopyObject names of the headers a change may set (None in `headers`: remove).
HEADERS = (
    "ContentType",
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
    "WebsiteRedirectLocation",
)
_FIELD = {
    "ContentType": "content_type",
    "CacheControl": "cache_control",
    "ContentDisposition": "content_disposition",
    "ContentEncoding": "content_encoding",
    "ContentLanguage": "content_language",
    "Expires": "expires",
    "WebsiteRedirectLocation": "website_redirect_location",
}


class EncryptionKind(StrEnum):
    NONE = "none"
    SSE_S3 = "AES256"
    SSE_KMS = "aws:kms"
    SSE_C = "sse-c"


@dataclass(frozen=True)
class Encryption:
    """The encryption to rewrite objects with. `kms_key_id`: a key id, ARN or alias (None: the
    account's default KMS key); `customer_key_ref`: the keyring name of an SSE-C key."""

    kind: EncryptionKind
    kms_key_id: str | None = None
    customer_key_ref: str | None = None


@dataclass(frozen=True)
class ObjectChange:
    headers: dict[str, str | None] = field(default_factory=dict)
    metadata_set: dict[str, str] = field(default_factory=dict)
    metadata_removed: tuple[str, ...] = ()
    storage_class: str | None = None
    encryption: Encryption | None = None
    tags_set: dict[str, str] = field(default_factory=dict)
    tags_removed: tuple[str, ...] = ()
    acl: str | None = None  # a canned ACL

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        for name, value in self.headers.items():
            if name not in HEADERS:
                return f"'{name}' is not an object header a change can set"
            if name == "ContentType" and value is None:
                return "The content type can be changed but not removed"
            if name == "Expires" and value is not None and _expires(value) is None:
                return f"Expires {value!r} is not an HTTP date (e.g. Wed, 21 Oct 2026 07:28:00 GMT)"
            problem = header_problem(name, value)
            if problem:
                return problem
        clash = set(self.metadata_set) & {m.lower() for m in self.metadata_removed}
        if clash:
            return f"Metadata {sorted(clash)[0]!r} is both set and removed"
        both = sorted(set(self.tags_set) & set(self.tags_removed))
        if both:
            return f"Tag {both[0]!r} is both set and removed"
        if self.storage_class == "":
            return "An empty storage class is not valid"
        if self.acl is not None and self.acl not in CANNED_ACLS:
            return f"'{self.acl}' is not a canned ACL ({', '.join(CANNED_ACLS)})"
        enc = self.encryption
        if enc is not None and enc.kind is EncryptionKind.SSE_C and not enc.customer_key_ref:
            return "SSE-C needs the name of a customer key"
        if enc is not None and enc.kms_key_id == "":
            return "An empty KMS key id is not valid; leave it unset for the default key"
        if not (self.rewrites or self.tags_set or self.tags_removed or self.acl):
            return "The change changes nothing"
        return metadata_problem(self.metadata_set) or tags_problem(self.tags_set)

    @property
    def rewrites(self) -> bool:
        """Whether the objects must be copied in place (their bytes carry the change)."""
        return bool(
            self.headers
            or self.metadata_set
            or self.metadata_removed
            or self.storage_class
            or self.encryption
        )

    @property
    def touches_tags(self) -> bool:
        return bool(self.tags_set or self.tags_removed)

    def summary(self) -> str:
        """A few words for a job's title."""
        parts = []
        if self.headers or self.metadata_set or self.metadata_removed:
            parts.append("metadata")
        if self.storage_class:
            parts.append(f"storage class {self.storage_class}")
        if self.encryption:
            parts.append("encryption")
        if self.touches_tags:
            parts.append("tags")
        if self.acl:
            parts.append(f"ACL {self.acl}")
        return ", ".join(parts)

    # -- what an object becomes ------------------------------------------------------------------

    def tags_after(self, tags_now: Mapping[str, str]) -> dict[str, str]:
        tags = {k: v for k, v in tags_now.items() if k not in self.tags_removed}
        tags.update(self.tags_set)
        return tags

    def destination_args(
        self, head: Mapping[str, Any], tags_now: Mapping[str, str] | None
    ) -> dict[str, Any]:
        """CopyObject / CreateMultipartUpload arguments restating the object as the change
        leaves it (the source's headers, metadata, class and encryption, changed as asked).
        SSE-C keys are not filled in here (the keyring is the caller's): `SSECustomerKeyRef`."""
        args: dict[str, Any] = {}
        for name in HEADERS:
            if name in self.headers:
                value = self.headers[name]
                if value is not None:
                    args[name] = _expires(value) if name == "Expires" else value
            elif name == "Expires" and head.get("Expires"):
                args[name] = _expires(metadata_from_head(head).expires or "") or head["Expires"]
            elif head.get(name):
                args[name] = head[name]
        removed = {m.lower() for m in self.metadata_removed}
        metadata = {
            k: v for k, v in (head.get("Metadata") or {}).items() if k.lower() not in removed
        }
        metadata.update(self.metadata_set)
        args["Metadata"] = metadata
        storage_class = self.storage_class or head.get("StorageClass")
        if self.storage_class or (storage_class and storage_class != "STANDARD"):
            args["StorageClass"] = storage_class
        args.update(self._encryption_args(head))
        if self.acl:
            args["ACL"] = self.acl
        if tags_now is not None and self.touches_tags:
            args["Tagging"] = tagging(self.tags_after(tags_now))
        return args

    def _encryption_args(self, head: Mapping[str, Any]) -> dict[str, Any]:
        enc = self.encryption
        if enc is None:  # kept as it is
            if head.get("SSECustomerAlgorithm"):
                return {"SSECustomerKeyRef": None}  # the key the source is read with
            if head.get("ServerSideEncryption") == "aws:kms":
                kept = {"ServerSideEncryption": "aws:kms"}
                if head.get("SSEKMSKeyId"):
                    kept["SSEKMSKeyId"] = head["SSEKMSKeyId"]
                return kept
            if head.get("ServerSideEncryption") == "AES256":
                return {"ServerSideEncryption": "AES256"}
            return {}
        if enc.kind is EncryptionKind.NONE:
            return {}
        if enc.kind is EncryptionKind.SSE_C:
            return {"SSECustomerKeyRef": enc.customer_key_ref}
        args = {"ServerSideEncryption": enc.kind.value}
        if enc.kind is EncryptionKind.SSE_KMS and enc.kms_key_id:
            args["SSEKMSKeyId"] = enc.kms_key_id
        return args

    def satisfied_by(self, head: Mapping[str, Any], tags_now: Mapping[str, str] | None) -> bool:
        """Whether the object already is as the change asks (nothing to rewrite)."""
        now = metadata_from_head(head)
        for name, value in self.headers.items():
            current = getattr(now, _FIELD[name])
            if name == "Expires" and value is not None and current is not None:
                if _expires(value) != _expires(current):
                    return False
            elif current != value:
                return False
        user = {k.lower(): v for k, v in now.user.items()}
        if any(user.get(k.lower()) != v for k, v in self.metadata_set.items()):
            return False
        if any(k.lower() in user for k in self.metadata_removed):
            return False
        if self.storage_class and (head.get("StorageClass") or "STANDARD") != self.storage_class:
            return False
        if self.encryption is not None and not _encrypted_as(head, self.encryption):
            return False
        return not self.touches_tags or (
            tags_now is not None and self.tags_after(tags_now) == dict(tags_now)
        )

    # -- journal form ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "headers": dict(self.headers),
            "metadata_set": dict(self.metadata_set),
            "metadata_removed": list(self.metadata_removed),
            "storage_class": self.storage_class,
            "tags_set": dict(self.tags_set),
            "tags_removed": list(self.tags_removed),
            "acl": self.acl,
            "encryption": None,
        }
        if self.encryption is not None:
            data["encryption"] = {
                "kind": self.encryption.kind.value,
                "kms_key_id": self.encryption.kms_key_id,
                "customer_key_ref": self.encryption.customer_key_ref,
            }
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ObjectChange:
        enc = data.get("encryption")
        return cls(
            headers=dict(data.get("headers") or {}),
            metadata_set=dict(data.get("metadata_set") or {}),
            metadata_removed=tuple(data.get("metadata_removed") or ()),
            storage_class=data.get("storage_class"),
            encryption=(
                Encryption(
                    EncryptionKind(enc["kind"]), enc.get("kms_key_id"), enc.get("customer_key_ref")
                )
                if enc
                else None
            ),
            tags_set=dict(data.get("tags_set") or {}),
            tags_removed=tuple(data.get("tags_removed") or ()),
            acl=data.get("acl"),
        )

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True)


def _encrypted_as(head: Mapping[str, Any], enc: Encryption) -> bool:
    sse = str(head.get("ServerSideEncryption") or "")
    if enc.kind is EncryptionKind.SSE_C:
        return bool(head.get("SSECustomerAlgorithm"))
    if head.get("SSECustomerAlgorithm"):
        return False
    if enc.kind is EncryptionKind.NONE:
        return not sse
    if enc.kind is EncryptionKind.SSE_S3:
        return sse == "AES256"
    if not sse.startswith("aws:kms"):
        return False
    if not enc.kms_key_id:
        return True
    current = str(head.get("SSEKMSKeyId") or "")
    # HeadObject names the key by ARN; the change may name it by id. An alias cannot be
    # compared without KMS: such an object is rewritten.
    return current == enc.kms_key_id or current.endswith(f":key/{enc.kms_key_id}")


def _expires(value: str) -> Any:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
