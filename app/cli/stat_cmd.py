"""`eider stat`: one object's properties as JSON (HeadObject with checksums)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.head_failures import fail_head_object
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError, sse_c_read_headers
from app.core.sse_c.errors import KeyNotInRing

_CHECKSUMS = (
    "ChecksumCRC32",
    "ChecksumCRC32C",
    "ChecksumCRC64NVME",
    "ChecksumSHA1",
    "ChecksumSHA256",
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "stat", help="print an object's properties as JSON", epilog=exit_codes.EPILOG
    )
    parser.add_argument("path", help="s3://bucket/key")
    parser.add_argument("--version-id")
    parser.add_argument("--sse-c-key-file", type=Path, metavar="FILE", help="for SSE-C objects")
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
        extra = sse_c_read_headers(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS, TransferArgsError) as exc:
        return setup_failure(exc)
    if path.is_prefix:
        return exit_codes.usage(f"{path} names no object")
    try:
        extra = sse_c_read_headers(args, session, path.bucket, path.key, args.version_id)
        if args.version_id:
            extra["VersionId"] = args.version_id
        head = session.call(
            path.bucket,
            lambda c: c.head_object(
                Bucket=path.bucket, Key=path.key, ChecksumMode="ENABLED", **extra
            ),
        )
    except (ClientError, BotoCoreError) as exc:
        return fail_head_object(session, exc, path, args.version_id)
    except KeyNotInRing as exc:
        return exit_codes.fail(exc, "HeadObject", path.bucket, path.key)
    print(json.dumps(properties(path.bucket, path.key, head), indent=2, ensure_ascii=False))
    return exit_codes.OK


def properties(bucket: str, key: str, head: dict[str, Any]) -> dict[str, Any]:
    modified = head.get("LastModified")
    return {
        "bucket": bucket,
        "key": key,
        "size": head.get("ContentLength"),
        "etag": head.get("ETag", "").strip('"'),
        "last_modified": modified.isoformat() if modified is not None else None,
        "storage_class": head.get("StorageClass", "STANDARD"),
        "content_type": head.get("ContentType"),
        "cache_control": head.get("CacheControl"),
        "metadata": head.get("Metadata", {}),
        "sse": {
            "algorithm": head.get("ServerSideEncryption"),
            "kms_key_id": head.get("SSEKMSKeyId"),
            "customer_algorithm": head.get("SSECustomerAlgorithm"),
        },
        "version_id": head.get("VersionId"),
        "checksum": {
            name.removeprefix("Checksum").lower(): head[name] for name in _CHECKSUMS if name in head
        },
        "checksum_type": head.get("ChecksumType"),
        "parts": head.get("PartsCount"),
    }
