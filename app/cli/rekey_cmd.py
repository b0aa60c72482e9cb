"""`eider rekey s3://bucket[/prefix] --sse-c-key-file FILE [--dryrun]`: rotate SSE-C keys."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError
from app.core.errors import describe
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_file import read_key_file
from app.core.sse_c.key_ring import KeyRing
from app.core.sse_c.rekey import PLAIN, RekeyReport, rekey_prefix


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rekey",
        help="re-encrypt SSE-C objects from older keys of a key ring to its first key",
        epilog=exit_codes.EPILOG,
    )
    parser.add_argument("path", help="s3://bucket[/prefix]")
    parser.add_argument(
        "--sse-c-key-file",
        type=Path,
        metavar="FILE",
        required=True,
        help="the key ring: the first key is the new one, the others the keys to retire",
    )
    parser.add_argument(
        "--dryrun", "--dry-run", action="store_true", help="only count the objects under each key"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        ring = KeyRing(_ring_keys(args.sse_c_key_file))
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    stop = threading.Event()

    def progress(done: int, seen: int, key: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r{done} object(s) looked at: {key[-60:]:<60}", end="", file=sys.stderr)

    def words(exc: BaseException, key: str) -> str:
        return str(describe(exc, "CopyObject", path.bucket, key))

    try:
        report = rekey_prefix(
            session,
            ring,
            path.bucket,
            path.key,
            dry_run=args.dryrun,
            progress=progress,
            stop=stop,
            describe=words,
        )
    except KeyboardInterrupt:
        stop.set()
        raise
    except (ClientError, BotoCoreError) as exc:
        return exit_codes.fail(exc, "ListObjectsV2", path.bucket)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    _print(report, ring, args.dryrun)
    return exit_codes.PARTIAL if report.unreadable or report.failed else exit_codes.OK


def _ring_keys(path: Path) -> list[bytes]:
    try:
        return read_key_file(path)
    except KeyFileError as exc:
        raise TransferArgsError(str(exc)) from None


def _print(report: RekeyReport, ring: KeyRing, dry_run: bool) -> None:
    for position, key in enumerate(ring.keys, start=1):
        name = fingerprint(key)
        role = "current" if position == 1 else "older"
        print(f"key {position} ({role}, {name}): {report.by_key.get(name, 0)} object(s)")
    if report.by_key.get(PLAIN):
        print(f"without SSE-C: {report.by_key[PLAIN]} object(s), left as they are")
    if not dry_run:
        print(f"re-encrypted with the current key: {len(report.rekeyed)} object(s)")
    if report.unreadable:
        print(f"no key of this ring opens {len(report.unreadable)} object(s):")
        for key in report.unreadable:
            print(f"  {key}")
    for key, why in report.failed:
        exit_codes.say_error(f"{key}: {why}")
