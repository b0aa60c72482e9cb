"""A bookmark's default encryption for uploads: the choices, and how each is written in the
bookmark's `encryption` field (which holds no secret: an SSE-C ring lives in the keyring under
the bookmark's owner name, kind SSE_C_KEY).

The list is open: another kind (client-side encryption) adds an `EncryptionChoice` with
`register` and the bookmark settings offer it without further change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.core.transfers.options import ServerSideEncryption, TransferOptions

if TYPE_CHECKING:
    from app.core.bookmarks.model import Bookmark


@dataclass(frozen=True)
class EncryptionChoice:
    id: str  # what the `encryption` field starts with (NONE: the field is empty)
    label: str  # for the settings' list
    tooltip: str
    needs_kms_key: bool = False  # a KMS key id may follow: "aws:kms:<key id>"
    needs_key_ring: bool = False  # the bookmark's key ring (in the keyring) is used


NONE = EncryptionChoice("", "None", "Uploads are stored as the bucket's default says.")
SSE_S3 = EncryptionChoice(
    "AES256", "SSE-S3 (keys managed by S3)", "The server encrypts with keys it manages."
)
SSE_KMS = EncryptionChoice(
    "aws:kms",
    "SSE-KMS (AWS KMS key)",
    "The server encrypts with a KMS key: the given key id or ARN, else the account's default.",
    needs_kms_key=True,
)
SSE_C = EncryptionChoice(
    "sse-c",
    "SSE-C (this bookmark's key ring)",
    "The server encrypts with your own key: the first key of the key ring encrypts, the "
    "others still decrypt. Keep the keys: without them the objects cannot be read.",
    needs_key_ring=True,
)

_choices: list[EncryptionChoice] = [NONE, SSE_S3, SSE_KMS, SSE_C]


def register(choice: EncryptionChoice) -> None:
    if any(c.id == choice.id for c in _choices):
        raise ValueError(f"An encryption choice '{choice.id}' exists already")
    _choices.append(choice)


def choices() -> list[EncryptionChoice]:
    return list(_choices)


def parse(value: str | None) -> tuple[EncryptionChoice, str]:
    """(the choice, the KMS key id or "") a bookmark's `encryption` field holds."""
    if not value:
        return NONE, ""
    if value.startswith("aws:kms"):
        return SSE_KMS, value[len("aws:kms:") :] if value.startswith("aws:kms:") else ""
    for choice in _choices:
        if choice.id and value == choice.id:
            return choice, ""
    raise ValueError(f"'{value}' is not an encryption Eider knows")


def compose(choice: EncryptionChoice, kms_key: str = "") -> str | None:
    if choice is NONE:
        return None
    if choice.needs_kms_key and kms_key.strip():
        return f"{choice.id}:{kms_key.strip()}"
    return choice.id


def transfer_fields(value: str | None, owner: str) -> dict[str, object]:
    """The `TransferOptions` fields for uploads under a bookmark's choice; `owner` is the
    bookmark's keyring owner name (where its key ring lives)."""
    choice, kms_key = parse(value)
    if choice is SSE_S3:
        return {"sse": ServerSideEncryption.S3}
    if choice is SSE_KMS:
        return {"sse": ServerSideEncryption.KMS, "sse_kms_key_id": kms_key or None}
    if choice is SSE_C:
        return {"sse": ServerSideEncryption.CUSTOMER, "sse_customer_key_ref": owner}
    return {}


def ring_owner(bookmark: Bookmark) -> str:
    """Where a bookmark's SSE-C key ring is kept: a ring shared between bookmarks
    (`sse_c_key_ref`), else the bookmark's own."""
    return bookmark.sse_c_key_ref or bookmark.secret_owner


def options_for_bookmark(bookmark_id: str | None, base: TransferOptions) -> TransferOptions:
    """`base` with the bookmark's encryption (uploads write with it; an SSE-C ring also reads
    with it); `base` as it is without a bookmark or a choice. Reads the bookmarks file."""
    from app.core.bookmarks.model import BookmarkError
    from app.core.bookmarks.store import BookmarkStore

    if not bookmark_id:
        return base
    try:
        bookmark = BookmarkStore().get(bookmark_id)
        changes = transfer_fields(bookmark.encryption, ring_owner(bookmark))
    except (BookmarkError, ValueError):
        return base
    return replace(base, **changes)  # type: ignore[arg-type]
