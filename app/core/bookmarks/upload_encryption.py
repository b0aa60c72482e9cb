"""A bookmark's default encryption for uploads: the choices, and how each is written in the
bookmark's `encryption` field (which holds no secret: an SSE-C ring lives in the keyring under
the bookmark's owner name, kind SSE_C_KEY; a client-side key under the bookmark's own owner
name, kind CSE_SECRET_KIND).

The list is open: another kind adds an `EncryptionChoice` with `register` and the bookmark
settings offer it without further change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.core.preferences.sections import Encryption
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
    needs_local_key: bool = False  # without a KMS key id: the bookmark's client-side key
    kms_hint: str = "KMS key id or ARN (empty: the account's default)"


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

CSE = EncryptionChoice(
    "cse",
    "Client-side (CSE) + key",
    "Eider encrypts before upload and decrypts after download (the AWS S3 Encryption Client "
    "format): with a KMS key id, or else this bookmark's local AES-256 key, kept in the "
    "keyring. Keep the key: without it the objects cannot be read.",
    needs_kms_key=True,
    needs_local_key=True,
    kms_hint="KMS key id or ARN (empty: this bookmark's local key)",
)

_choices: list[EncryptionChoice] = [NONE, SSE_S3, SSE_KMS, SSE_C, CSE]


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
    for choice in _choices:
        if choice.id and value == choice.id:
            return choice, ""
        if choice.id and choice.needs_kms_key and value.startswith(choice.id + ":"):
            return choice, value[len(choice.id) + 1 :]
    raise ValueError(f"'{value}' is not an encryption Eider knows")


def compose(choice: EncryptionChoice, kms_key: str = "") -> str | None:
    if choice is NONE:
        return None
    if choice.needs_kms_key and kms_key.strip():
        return f"{choice.id}:{kms_key.strip()}"
    return choice.id


def from_s3_defaults(values: Mapping[str, Any]) -> str | None:
    """The `encryption` field for the encryption of an S3-default override (the JSON of an
    `S3Defaults`), as older bookmarks held it before it had its one place here."""
    kind = values.get("encryption")
    if kind == Encryption.S3.value:
        return SSE_S3.id
    if kind == Encryption.KMS.value:
        return compose(SSE_KMS, str(values.get("kms_key_id") or ""))
    return None


def transfer_fields(
    value: str | None, owner: str, cse_owner: str | None = None
) -> dict[str, object]:
    """The `TransferOptions` fields for uploads under a bookmark's choice; `owner` is the
    bookmark's keyring owner name (where its key ring lives), `cse_owner` where its
    client-side key lives (by default `owner`)."""
    choice, kms_key = parse(value)
    if choice is SSE_S3:
        return {"sse": ServerSideEncryption.S3}
    if choice is SSE_KMS:
        return {"sse": ServerSideEncryption.KMS, "sse_kms_key_id": kms_key or None}
    if choice is SSE_C:
        return {"sse": ServerSideEncryption.CUSTOMER, "sse_customer_key_ref": owner}
    if choice is CSE:
        if kms_key:
            return {"cse_kms_key_id": kms_key}
        return {"cse_key_ref": cse_owner or owner}
    return {}


def ring_owner(bookmark: Bookmark) -> str:
    """Where a bookmark's SSE-C key ring is kept: a ring shared between bookmarks
    (`sse_c_key_ref`), else the bookmark's own."""
    return bookmark.sse_c_key_ref or bookmark.secret_owner


def options_for_bookmark(bookmark_id: str | None, base: TransferOptions) -> TransferOptions:
    """`base` with the bookmark's encryption (uploads write with it; an SSE-C ring and a
    client-side key also read with it); `base` as it is without a bookmark or a choice.
    Reads the bookmarks file."""
    from app.core.bookmarks.model import BookmarkError
    from app.core.bookmarks.store import BookmarkStore

    if not bookmark_id:
        return base
    try:
        bookmark = BookmarkStore().get(bookmark_id)
        changes = transfer_fields(bookmark.encryption, ring_owner(bookmark), bookmark.secret_owner)
    except (BookmarkError, ValueError):
        return base
    return replace(base, **changes)  # type: ignore[arg-type]
