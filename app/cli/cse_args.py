"""`--cse-key-file` and `--cse-kms-key-id`: client-side encryption for cp, mv and sync."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.secret_sources import open_vault
from app.core import secrets
from app.core.cse.key_store import CSE_SECRET_KIND, key_from_text, store_local_key
from app.core.secrets.errors import KeyringDropped


class CseArgsError(ValueError):
    pass


def add_cse_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--cse-key-file",
        type=Path,
        metavar="FILE",
        help="client-side encryption with a local AES-256 key: a file holding 32 raw bytes, "
        "or their base64 or hex (the S3 Encryption Client format; objects are decrypted on "
        "download)",
    )
    group.add_argument(
        "--cse-kms-key-id",
        metavar="ID",
        help="client-side encryption with a data key from this KMS key (id, ARN or alias)",
    )


def cse_options(args: argparse.Namespace) -> dict[str, object]:
    key_file: Path | None = getattr(args, "cse_key_file", None)
    kms_key_id: str | None = getattr(args, "cse_kms_key_id", None)
    if key_file is not None and kms_key_id:
        raise CseArgsError("--cse-key-file and --cse-kms-key-id exclude each other: choose one")
    if kms_key_id:
        return {"cse_kms_key_id": kms_key_id}
    if key_file is None:
        return {}
    return {"cse_key_ref": _keep_key(key_file)}


def _keep_key(path: Path) -> str:
    """The file's key kept where this run's transfers find it (never in a plain file): the
    keyring when one works, else the vault when it opens, else this run's memory; the job
    journal holds only the entry's name, derived from the key's hash."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CseArgsError(
            f"The client-side key file {path} cannot be read: {exc.strerror}"
        ) from None
    key = key_from_text(raw)
    if key is None:
        raise CseArgsError(
            f"The client-side key file {path} must hold 32 bytes, or those bytes in base64 or hex"
        )
    place = None
    if not secrets.keyring_usable():
        place = secrets.Place.VAULT if open_vault() else secrets.Place.SESSION
    name = store_local_key(key, place=place)
    if secrets.get_secret(name, CSE_SECRET_KIND) is None:
        raise KeyringDropped()  # a backend that accepts and drops what it is given
    return name
