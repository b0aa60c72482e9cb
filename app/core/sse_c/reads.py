"""SSE-C arguments for reading one object: the ring's key that fits it, found once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.key_ring import PLAIN_OBJECT, customer_args, refused
from app.core.sse_c.rings import ring_for
from app.core.transfers.options import ServerSideEncryption, TransferOptions

Head = Callable[[dict[str, Any]], dict[str, Any]]


def read_sse(
    options: TransferOptions, bucket: str, key: str, head: Head, version_id: str | None = None
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The SSE-C args that open `key` ({} without SSE-C), and the HEAD answer if finding the
    key took one. `head(args)` sends HEAD for the object with those extra args."""
    if options.sse is not ServerSideEncryption.CUSTOMER:
        return {}, None
    ring = ring_for(options.sse_customer_key_ref or "")
    try:
        fitting, answer = ring.key_for((bucket, key, version_id), head)
    except KeyNotInRing:
        plain = _plain_head(head)  # AWS refuses every key for an object without SSE-C
        if plain is None:
            raise
        ring.remember((bucket, key, version_id), PLAIN_OBJECT)
        return {}, plain
    return (customer_args(fitting) if fitting != PLAIN_OBJECT else {}), answer


def read_and_head(
    options: TransferOptions, bucket: str, key: str, head: Head, version_id: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`read_sse`, then HEAD with the key found unless finding it already did. A key
    remembered from earlier that no longer fits (the object was rewritten) is looked for
    again."""
    extra, answer = read_sse(options, bucket, key, head, version_id)
    if answer is not None:
        return extra, answer
    try:
        return extra, head(extra)
    except ClientError as exc:
        if not extra or not refused(exc):
            raise
        ring = ring_for(options.sse_customer_key_ref or "")
        plain = _plain_head(head)  # AWS refuses SSE-C headers on an object without SSE-C
        if plain is not None:
            ring.remember((bucket, key, version_id), PLAIN_OBJECT)
            return {}, plain
        if len(ring.keys) == 1:
            raise
        ring.forget((bucket, key, version_id))
        extra, answer = read_sse(options, bucket, key, head, version_id)
        return extra, answer if answer is not None else head(extra)


def known_read_sse(
    options: TransferOptions, bucket: str, key: str, version_id: str | None = None
) -> dict[str, Any]:
    """The key found earlier for `key` (the current key if none was): for the GETs that
    follow a HEAD."""
    if options.sse is not ServerSideEncryption.CUSTOMER:
        return {}
    ring = ring_for(options.sse_customer_key_ref or "")
    known = ring.remembered((bucket, key, version_id))
    if known == PLAIN_OBJECT:
        return {}
    return customer_args(known or ring.current)


def _plain_head(head: Head) -> dict[str, Any] | None:
    """HEAD without a key: the answer when the object has no SSE-C, else None."""
    try:
        answer = head({})
    except ClientError:
        return None
    return None if answer.get("SSECustomerAlgorithm") else answer


def forget_read_key(options: TransferOptions, bucket: str, key: str) -> None:
    """Eider rewrote `key` (under the current key): what was remembered for it is stale."""
    if options.sse is ServerSideEncryption.CUSTOMER:
        ring_for(options.sse_customer_key_ref or "").forget((bucket, key, None))
