"""Transfer options on the command line, mirroring `TransferOptions`. Sizes take binary units:
'8MiB', '8MB' and '8M' all mean 8 x 1024 x 1024 bytes, as in the AWS CLI."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.cse_args import CseArgsError, add_cse_arguments, cse_options
from app.cli.preferences_args import preferences_for_args
from app.cli.transfer_args_error import TransferArgsError
from app.core.preferences.effects import transfer_options
from app.core.preferences.loading import load_transfer_limits
from app.core.s3.session import S3Session
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.reads import read_sse
from app.core.sse_c.rings import file_ref
from app.core.transfers.header_values import CANNED_ACLS
from app.core.transfers.options import (
    ChecksumAlgorithm,
    ConflictPolicy,
    ServerSideEncryption,
    TransferOptions,
)
from app.core.transfers.worker_context import sse_args

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_CONFLICTS = [p.value for p in ConflictPolicy if p is not ConflictPolicy.ASK]


def parse_size(text: str) -> int:
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size (e.g. 8MiB, 512KiB, 1048576)")
    return int(float(match.group(1)) * _FACTORS[match.group(2).upper()])


def _key_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"'{text}' is not KEY=VALUE")
    return name, value


def add_transfer_arguments(parser: argparse.ArgumentParser, conflicts: bool = True) -> None:
    """`conflicts=False` leaves out --if-exists and --no-overwrite (sync decides by comparing)."""
    group = parser.add_argument_group("transfer")
    group.add_argument("--part-size", type=parse_size, help="multipart part size (default 10MiB)")
    group.add_argument(
        "--multipart-threshold", type=parse_size, help="multipart from this size (default 100MiB)"
    )
    group.add_argument(
        "--connections",
        type=int,
        help="requests in flight at once (default: the Preferences' connections per transfer)",
    )
    group.add_argument(
        "--checksum",
        choices=[a.value for a in ChecksumAlgorithm],
        help="how each request body is verified (default auto: the connection's integrity policy)",
    )
    group.add_argument(
        "--store-sha256",
        action="store_true",
        help="keep the whole file's SHA-256 in the object's metadata (eider-sha256), "
        "for any client to verify later",
    )
    group.add_argument("--storage-class", help="e.g. STANDARD_IA, GLACIER_IR")
    group.add_argument(
        "--acl", choices=CANNED_ACLS, metavar="ACL", help="canned ACL: " + ", ".join(CANNED_ACLS)
    )
    group.add_argument("--sse", choices=["AES256", "aws:kms"], help="server-side encryption")
    group.add_argument("--sse-kms-key-id", help="KMS key for --sse aws:kms")
    group.add_argument(
        "--sse-c-key-file",
        type=Path,
        metavar="FILE",
        help="SSE-C key ring: a file of 256-bit keys, one per line (32 characters, 44 of "
        "base64 or 64 hex digits); the first encrypts, all decrypt",
    )
    add_cse_arguments(group)
    group.add_argument(
        "--metadata",
        type=_key_value,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="user metadata (x-amz-meta-KEY), printable ASCII; repeat for more",
    )
    group.add_argument(
        "--tag",
        dest="tags",
        type=_key_value,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="object tag; repeat for more (at most 10)",
    )
    group.add_argument("--content-type", help="default: guessed from the file name")
    group.add_argument("--cache-control", metavar="VALUE", help="e.g. 'max-age=3600'")
    group.add_argument(
        "--no-preserve-mtime",
        dest="preserve_mtime",
        action="store_false",
        help="do not keep the file's modification time in the metadata (uploads) nor set it "
        "on the file (downloads)",
    )
    group.add_argument(
        "--rate-limit",
        type=parse_size,
        metavar="BYTES",
        help="bytes per second for this command, e.g. 5MiB (0: no limit)",
    )
    if not conflicts:
        return
    group.add_argument(
        "--if-exists",
        choices=_CONFLICTS,
        default=None,
        help="when the target exists (default overwrite; compare skips identical files)",
    )
    group.add_argument(
        "--no-overwrite", action="store_true", help="never replace a target (--if-exists skip)"
    )


def _preferred_options(args: argparse.Namespace) -> TransferOptions:
    """What the Preferences (with the --bookmark's overrides) give; the flags go on top."""
    connections = load_transfer_limits().connections_per_job
    return transfer_options(preferences_for_args(args), connections, can_ask=False)


def options_from_args(args: argparse.Namespace) -> TransferOptions:
    """The transfer options: the Preferences', with each flag given winning."""
    base = _preferred_options(args)
    changes: dict[str, object] = {}
    if args.part_size is not None:
        changes["part_size"] = args.part_size
    if args.multipart_threshold is not None:
        changes["multipart_threshold"] = args.multipart_threshold
    if args.connections is not None:
        if args.connections < 1:
            raise TransferArgsError("--connections must be at least 1")
        changes["connections"] = args.connections
    if args.checksum:
        changes["checksum"] = ChecksumAlgorithm(args.checksum)
    for name in ("storage_class", "acl", "content_type", "cache_control"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.rate_limit:  # 0 or absent: no limit
        changes["rate_limit"] = args.rate_limit
    if args.metadata:
        changes["metadata"] = {**base.metadata, **dict(args.metadata)}
    if args.tags:
        changes["tags"] = dict(args.tags)
    if not args.preserve_mtime:
        changes["preserve_mtime"] = False
    changes["store_sha256"] = args.store_sha256
    if_exists = getattr(args, "if_exists", None)
    no_overwrite = getattr(args, "no_overwrite", False)
    if no_overwrite and if_exists not in (None, "skip"):
        raise TransferArgsError("--no-overwrite contradicts --if-exists " + if_exists)
    if no_overwrite:
        changes["conflict"] = ConflictPolicy.SKIP
    elif if_exists:
        changes["conflict"] = ConflictPolicy(if_exists)
    changes.update(_encryption(args))
    try:
        changes.update(cse_options(args))
    except CseArgsError as exc:
        raise TransferArgsError(str(exc)) from None
    try:
        return replace(base, **changes)  # type: ignore[arg-type]
    except ValueError as exc:
        raise TransferArgsError(str(exc)) from None


def _encryption(args: argparse.Namespace) -> dict[str, object]:
    if args.sse_c_key_file is not None:
        if args.sse or args.sse_kms_key_id:
            raise TransferArgsError("--sse-c-key-file cannot be combined with --sse")
        return {"sse": ServerSideEncryption.CUSTOMER, "sse_customer_key_ref": sse_c_ref(args)}
    if args.sse_kms_key_id and args.sse != "aws:kms":
        raise TransferArgsError("--sse-kms-key-id needs --sse aws:kms")
    if args.sse == "AES256":
        return {"sse": ServerSideEncryption.S3}
    if args.sse == "aws:kms":
        return {"sse": ServerSideEncryption.KMS, "sse_kms_key_id": args.sse_kms_key_id}
    return {}


def sse_c_ref(args: argparse.Namespace) -> str:
    """Read the key ring in --sse-c-key-file and name it for `TransferOptions`.

    No keyring is involved: the name holds the file's path and the fingerprint of its first
    key, so the journal says which file and key a job used and `eider jobs resume` reads the
    file again.
    """
    try:
        return file_ref(args.sse_c_key_file)
    except KeyFileError as exc:
        raise TransferArgsError(str(exc)) from None


def sse_c_read_headers(
    args: argparse.Namespace,
    session: S3Session | None = None,
    bucket: str = "",
    key: str = "",
    version_id: str | None = None,
) -> dict[str, Any]:
    """The request parameters that read `key` under the ring in --sse-c-key-file ({} without
    one): the key that fits it, found by HEAD when the ring has more than one."""
    if args.sse_c_key_file is None:
        return {}
    options = TransferOptions(
        sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=sse_c_ref(args)
    )
    if session is None or not key:
        return sse_args(options, for_read=True)

    def head(extra: dict[str, Any]) -> dict[str, Any]:
        more = {"VersionId": version_id} if version_id else {}
        answer: dict[str, Any] = session.call(
            bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **more, **extra)
        )
        return answer

    return read_sse(options, bucket, key, head, version_id)[0]
