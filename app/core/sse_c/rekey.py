"""Rotation: re-encrypt every object under a prefix from an older key of the ring to the
current one, by server-side copy onto itself (the bytes never pass through Eider).

`survey` looks at each object first: a HEAD without a key tells a plain object from an SSE-C
one and, where the server reports it, which key it is under (else each key is tried). The
objects under older keys then become one engine copy job (`submit_rekey`), journaled and
resumable like any other: each copy restates the metadata and content headers (servers
refuse a copy onto itself that changes nothing else they can see) and keeps tags and storage
class; above the single-copy limit it is a multipart copy. Objects already under the current
key are left alone, so surveying again after a rotation finds nothing more to do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.session import ObjectEntry, S3Session
from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_ring import KeyRing
from app.core.transfers.engine import TransferEngine
from app.core.transfers.options import ConflictPolicy, ServerSideEncryption, TransferOptions

PLAIN = "plain"  # the survey's name for objects without SSE-C
_ABSENT = ("404", "NoSuchKey", "NotFound")


@dataclass
class Survey:
    by_key: dict[str, int] = field(default_factory=dict)  # fingerprint (or PLAIN) -> objects
    to_rotate: list[tuple[str, int]] = field(default_factory=list)  # (key, size), older keys
    unreadable: list[str] = field(default_factory=list)  # no key of the ring opens these
    failed: list[tuple[str, str]] = field(default_factory=list)  # key, what went wrong
    stopped: bool = False


Progress = Callable[[int, str], None]  # objects looked at, the last key


def survey(
    session: S3Session,
    ring: KeyRing,
    bucket: str,
    prefix: str,
    *,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    describe: Callable[[BaseException, str], str] = lambda exc, _key: str(exc),
) -> Survey:
    """Which key each object under `prefix` is under. One object's failure (in words, by
    `describe(exc, key)`) does not stop the others; a failed listing raises."""
    found = Survey()
    current = fingerprint(ring.current)
    client = session.client_for_bucket(bucket)
    for seen, entry in enumerate(_entries(session, bucket, prefix), start=1):
        if stop is not None and stop.is_set():
            found.stopped = True
            break
        try:
            key = _key_of(client, ring, bucket, entry.key)
        except KeyNotInRing:
            found.unreadable.append(entry.key)
            key = None
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in _ABSENT:  # deleted meanwhile
                found.failed.append((entry.key, describe(exc, entry.key)))
            key = None
        if key is not None:
            name = PLAIN if key == b"" else fingerprint(key)
            found.by_key[name] = found.by_key.get(name, 0) + 1
            if name not in (PLAIN, current):
                found.to_rotate.append((entry.key, entry.size))
        if progress is not None:
            progress(seen, entry.key)
    return found


def _entries(session: S3Session, bucket: str, prefix: str) -> Iterator[ObjectEntry]:
    for page in session.list_prefix(bucket, prefix, delimiter=None):
        yield from page.objects


def _key_of(client: Any, ring: KeyRing, bucket: str, key: str) -> bytes:
    """The key that opens `key`; b"" for an object without SSE-C."""
    try:
        head = client.head_object(Bucket=bucket, Key=key)
        named = head.get("SSECustomerKeyMD5")
        if not head.get("SSECustomerAlgorithm"):
            return b""
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _ABSENT:
            raise
        headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
        named = headers.get("x-amz-server-side-encryption-customer-key-md5")
    if named:  # the server says which key: no need to try any
        fitting = ring.by_md5(str(named))
        if fitting is None:
            raise KeyNotInRing(bucket, key) from None
        ring.remember((bucket, key, None), fitting)
        return fitting
    fitting, _ = ring.key_for(
        (bucket, key, None), lambda extra: client.head_object(Bucket=bucket, Key=key, **extra)
    )
    return fitting


def rekey_options(ref: str, base: TransferOptions | None = None) -> TransferOptions:
    """Copy options that write with the ring `ref` names (its first key)."""
    base = base or TransferOptions()
    return TransferOptions(
        **{
            **{f: getattr(base, f) for f in ("connections", "part_size", "multipart_threshold")},
            "sse": ServerSideEncryption.CUSTOMER,
            "sse_customer_key_ref": ref,
            "conflict": ConflictPolicy.OVERWRITE,
        }
    )


def submit_rekey(
    engine: TransferEngine,
    found: Survey,
    ring: KeyRing,
    ref: str,
    bucket: str,
    prefix: str,
    base: TransferOptions | None = None,
) -> str | None:
    """Queue the copies that move `found.to_rotate` to the current key; None when none.
    `base` gives the connections and multipart sizes."""
    if not found.to_rotate:
        return None
    items = [(key, key, size) for key, size in found.to_rotate]
    title = (
        f"Re-encrypt {len(items)} object(s) under s3://{bucket}/{prefix} with key "
        f"{fingerprint(ring.current)}"
    )
    return engine.submit_copy_items(
        bucket, prefix, bucket, prefix, items, rekey_options(ref, base), title=title
    )
