"""What the Info window needs to know about the connection beyond the session: the storage
classes its profile offers, the Info features its provider lacks, and the bookmark's SSE-C key
ring (its shared ring, or its own when its upload encryption is SSE-C).

Read from disk and the keyring: call it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from app.core.bookmarks import Bookmark, BookmarkStore, upload_encryption
from app.core.bookmarks.connect import effective_profile, profile_for
from app.core.profiles import settings as profile_settings
from app.core.s3.info_features import unsupported_features
from app.core.s3.info_section import Feature
from app.core.s3.object_info import ObjectDetails, read_object_details
from app.core.s3.session import S3Session
from app.core.sse_c import ring_store

# Offered when no profile names its classes (a connection opened without a bookmark).
S3_STORAGE_CLASSES = (
    "STANDARD",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
    "REDUCED_REDUNDANCY",
)


@dataclass(frozen=True)
class InfoContext:
    storage_classes: tuple[str, ...] = S3_STORAGE_CLASSES
    unsupported: frozenset[Feature] = frozenset()
    # The current key of the bookmark's SSE-C ring (256 bits), for writing; never shown.
    customer_key: bytes | None = field(default=None, repr=False)
    # The ring's name in the keyring: reads find each object's key in it, and a rewrite job
    # records it to read and write SSE-C objects.
    customer_key_ref: str | None = None

    @property
    def extra_head(self) -> dict[str, object]:
        """HeadObject parameters reading an object with the bookmark's SSE-C key."""
        if self.customer_key is None:
            return {}
        return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": self.customer_key}


def info_context(bookmark_id: str | None) -> InfoContext:
    """The context of a window opened from `bookmark_id` (defaults without a bookmark)."""
    if not bookmark_id:
        return InfoContext()
    bookmark = BookmarkStore().get(bookmark_id)
    profile = effective_profile(bookmark, profile_for(bookmark))
    offered = profile_settings.storage_classes(profile)
    if not profile.properties.get("s3.storage.class.options", "").split():
        offered = _with_first(profile_settings.default_storage_class(profile), S3_STORAGE_CLASSES)
    ring = _ring_of(bookmark)
    return InfoContext(
        storage_classes=offered,
        unsupported=unsupported_features(profile),
        customer_key=_customer_key(ring),
        customer_key_ref=ring,
    )


def _ring_of(bookmark: Bookmark) -> str | None:
    """The SSE-C ring the bookmark reads with: its shared one, else its own when its upload
    encryption is SSE-C and that ring holds a key."""
    if bookmark.sse_c_key_ref:
        return bookmark.sse_c_key_ref
    try:
        choice, _ = upload_encryption.parse(bookmark.encryption)
    except ValueError:
        return None
    if choice is not upload_encryption.SSE_C:
        return None
    owner = upload_encryption.ring_owner(bookmark)
    return owner if ring_store.load_ring(owner) else None


def _with_first(first: str, rest: Iterable[str]) -> tuple[str, ...]:
    return (first, *(c for c in rest if c != first))


def _customer_key(ref: str | None) -> bytes | None:
    if not ref:
        return None
    # The one place that reads an SSE-C key from the keyring and checks it.
    from app.core.transfers.options import ServerSideEncryption, TransferOptions
    from app.core.transfers.worker_context import sse_args

    options = TransferOptions(sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=ref)
    key: bytes = sse_args(options, for_read=True)["SSECustomerKey"]
    return key


def keys_under(
    session: S3Session, bucket: str, keys: Iterable[str], prefixes: Iterable[str]
) -> list[str]:
    """The objects a change to a selection touches: its keys, and every object under its
    folders (folder placeholders left out: they hold no content to rewrite)."""
    found = list(dict.fromkeys(k for k in keys if not k.endswith("/")))
    seen = set(found)
    for prefix in prefixes:
        for page in session.list_prefix(bucket, prefix, delimiter=None):
            for obj in page.objects:
                if obj.key not in seen and not obj.key.endswith("/"):
                    seen.add(obj.key)
                    found.append(obj.key)
    return found


def read_details_with_key(
    session: S3Session, bucket: str, key: str, context: InfoContext
) -> ObjectDetails:
    """The object's General part (HEAD, Object Lock): with the bookmark's SSE-C key only when
    the object needs it. ACL, tags and ownership are left to their own readers (the window
    shows each as it arrives), so they are skipped here."""
    skip = context.unsupported | {Feature.ACL, Feature.TAGS, Feature.OWNERSHIP}
    try:
        return read_object_details(session, bucket, key, unsupported=skip)
    except ClientError as exc:
        status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        if status != 400 or context.customer_key is None:
            raise
    extra: dict[str, object] = context.extra_head
    if context.customer_key_ref:  # the ring's key that fits this object, not only its first
        from app.core.sse_c.reads import read_sse
        from app.core.transfers.options import ServerSideEncryption, TransferOptions

        client = session.client_for_bucket(bucket)
        options = TransferOptions(
            sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=context.customer_key_ref
        )

        def head(args: dict[str, Any]) -> dict[str, Any]:
            answer: dict[str, Any] = client.head_object(Bucket=bucket, Key=key, **args)
            return answer

        extra = dict(read_sse(options, bucket, key, head)[0])
    return read_object_details(session, bucket, key, extra_head=extra, unsupported=skip)
