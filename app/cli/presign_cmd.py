"""`eider presign`: a pre-signed GET (or PUT) URL on stdout; warnings on stderr."""

from __future__ import annotations

import argparse
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.preferences_args import preferences_for_args
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError, sse_c_read_headers
from app.core.s3.session import S3Session
from app.core.s3.urls import Method, PresignRefused, presign
from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.presign_headers import SseCHeaders


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "presign", help="print a pre-signed URL for an object", epilog=exit_codes.EPILOG
    )
    parser.add_argument("path", help="s3://bucket/key")
    parser.add_argument(
        "--expires",
        "--expires-in",
        type=int,
        metavar="SECONDS",
        help="validity in seconds, at most 604800 (default: the Preferences', 3600 unless set)",
    )
    parser.add_argument("--put", action="store_true", help="a URL to upload to, not to download")
    parser.add_argument("--content-type", help="with --put: the Content-Type uploads must send")
    parser.add_argument(
        "--sse-c-key-file",
        type=Path,
        metavar="FILE",
        help="SSE-C key ring: the URL is signed for the object's key (uploads: the first key); "
        "the headers it needs are printed after it",
    )
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    if path.is_prefix:
        return exit_codes.usage(f"{path} names no object")
    if args.content_type and not args.put:
        return exit_codes.usage("--content-type applies to --put URLs only")
    method = Method.PUT if args.put else Method.GET
    expires = args.expires
    if expires is None:
        expires = preferences_for_args(args).s3.presign_expiry_seconds
    try:
        sse_c = _sse_c(args, session, path.bucket, path.key if method is Method.GET else "")
        url = presign(
            session, path.bucket, path.key, method, expires, args.content_type, sse_c=sse_c
        )
    except TransferArgsError as exc:
        return exit_codes.usage(str(exc))
    except PresignRefused as exc:
        return exit_codes.usage(str(exc))
    except (ClientError, BotoCoreError, KeyNotInRing) as exc:
        return exit_codes.fail(exc, "GetObject", path.bucket, path.key)
    for warning in url.warnings:
        exit_codes.say_warning(warning)
    print(url.url)
    if url.headers:
        print("Send these headers with every request to this URL:")
        for name, value in url.headers:
            print(f"  {name}: {value}")
    return exit_codes.OK


def _sse_c(
    args: argparse.Namespace, session: S3Session, bucket: str, key: str
) -> SseCHeaders | None:
    """The key the URL is signed for: the object's own for a download, the first to upload."""
    found = sse_c_read_headers(args, session, bucket, key)
    return SseCHeaders(found["SSECustomerKey"]) if found else None
