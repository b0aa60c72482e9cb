"""`--cse-key-file` and `--cse-kms-key-id`: client-side encryption for cp, mv and sync."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.core.cse import key_files
from app.core.cse.errors import CseKeyFileError


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
    """The file named for this run's transfers: the job journal keeps the file and its key's
    fingerprint, never the key, and no keyring is needed; `eider jobs resume` reads it again."""
    try:
        return key_files.file_ref(path)
    except CseKeyFileError as exc:
        raise CseArgsError(str(exc)) from None
