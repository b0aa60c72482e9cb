"""`eider info s3://bucket[/key] [--json]`: everything the Info window shows, for scripts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.head_failures import fail_head, fail_head_object
from app.cli.info_text import bucket_text, object_text
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError, sse_c_read_headers
from app.core.bookmarks import BookmarkStore
from app.core.bookmarks.connect import effective_profile, profile_for
from app.core.s3.bucket_info import read_bucket_details
from app.core.s3.info_features import unsupported_features
from app.core.s3.info_report import bucket_report, object_report
from app.core.s3.info_section import Feature
from app.core.s3.object_info import read_object_details
from app.core.sse_c.errors import KeyNotInRing


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "info",
        help="print every property and setting of an object or a bucket",
        description=(
            "Print an object's properties, permissions, metadata and tags, or a bucket's "
            "settings (versioning, encryption, lifecycle, policy, CORS, website, ...). "
            "A setting the server does not implement is shown as 'not supported'."
        ),
        epilog=exit_codes.EPILOG,
    )
    parser.add_argument("path", help="s3://bucket for a bucket, s3://bucket/key for an object")
    parser.add_argument("--json", action="store_true", help="print JSON (format 1) instead")
    parser.add_argument("--version-id", help="an object's version")
    parser.add_argument("--sse-c-key-file", type=Path, metavar="FILE", help="for SSE-C objects")
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
        unsupported = _unsupported_by_profile(args)
        extra = sse_c_read_headers(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS, TransferArgsError) as exc:
        return setup_failure(exc)
    if path.key and path.key.endswith("/"):
        return exit_codes.usage(
            f"{path} is a folder; give an object's key, or s3://{path.bucket} for the bucket"
        )
    if not path.key:
        if args.version_id:
            return exit_codes.usage("--version-id needs an object, not a bucket")
        try:
            bucket = read_bucket_details(session, path.bucket, unsupported)
        except (ClientError, BotoCoreError) as exc:
            return fail_head(session, exc, "HeadBucket", path.bucket)
        report = bucket_report(bucket)
        print(
            json.dumps(report, indent=2, ensure_ascii=False) if args.json else bucket_text(report)
        )
        return exit_codes.OK
    try:
        extra = sse_c_read_headers(args, session, path.bucket, path.key, args.version_id)
        details = read_object_details(
            session,
            path.bucket,
            path.key,
            args.version_id,
            extra_head=extra,
            unsupported=unsupported,
        )
    except KeyNotInRing as exc:
        return exit_codes.fail(exc, "HeadObject", path.bucket, path.key)
    except (ClientError, BotoCoreError) as exc:
        return fail_head_object(session, exc, path, args.version_id)
    report = object_report(details)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else object_text(report))
    return exit_codes.OK


def _unsupported_by_profile(args: argparse.Namespace) -> frozenset[Feature]:
    """What the bookmark's profile says its provider lacks (nothing without --bookmark)."""
    if not args.bookmark:
        return frozenset()
    bookmark = BookmarkStore().get(args.bookmark)
    return unsupported_features(effective_profile(bookmark, profile_for(bookmark)))
