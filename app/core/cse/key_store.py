"""Client-side keys kept in app.core.secrets, and the wrapping key a transfer's options name."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from app.core import secrets
from app.core.cse.errors import CseKeyMissing
from app.core.cse.keys import KmsKey, LocalKey, WrappingKey
from app.core.s3.session import S3Session
from app.core.transfers.options import TransferOptions

CSE_SECRET_KIND = "cse-key"  # noqa: S105 - a keyring entry name, not a secret
KEY_FILE_OWNER = "cse-key-file"


def uses_cse(options: TransferOptions) -> bool:
    return bool(options.cse_key_ref or options.cse_kms_key_id)


def key_from_text(raw: bytes) -> bytes | None:
    """A key file's key: 32 raw bytes, or their base64 or hex (surrounding whitespace ignored)."""
    if len(raw) == 32:
        return raw
    text = raw.strip()
    for decode in (lambda t: base64.b64decode(t, validate=True), binascii.unhexlify):
        try:
            key = decode(text)
        except (binascii.Error, ValueError):
            continue
        if len(key) == 32:
            return key
    return None


def new_local_key() -> bytes:
    return os.urandom(32)


def store_local_key(
    key: bytes, owner: str | None = None, place: secrets.Place | None = None
) -> str:
    """Keep `key` under `owner` (by default a name derived from its hash, so the same key file
    always maps to the same entry and a resumed job finds it); returns the name."""
    name = owner or f"{KEY_FILE_OWNER}:{hashlib.sha256(key).hexdigest()[:16]}"
    secrets.set_secret(name, CSE_SECRET_KIND, base64.b64encode(key).decode(), place)
    return name


def wrapping_key(options: TransferOptions, session: S3Session) -> WrappingKey:
    if options.cse_kms_key_id:
        return KmsKey(options.cse_kms_key_id, session.service_client("kms"))
    ref = options.cse_key_ref or ""
    stored = secrets.get_secret(ref, CSE_SECRET_KIND)
    if not stored:
        raise CseKeyMissing(
            f"The client-side encryption key '{ref}' is not in the keyring, the vault or this "
            "session's memory (a key file's key is kept for one run when there is no keyring)"
        )
    try:
        key = base64.b64decode(stored, validate=True)
    except binascii.Error:
        key = b""
    if len(key) != 32:
        raise CseKeyMissing(f"The client-side encryption key '{ref}' is not a 256-bit key")
    return LocalKey(key)
