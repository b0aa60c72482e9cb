"""`eider ls`: buckets, or a prefix's folders (`PRE name/`) and objects, like `aws s3 ls`."""

from __future__ import annotations

import argparse
from datetime import datetime

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.progress_bar import human_size
from app.cli.s3_paths import S3Path, parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.terminal_text import visible
from app.core.s3.session import S3Session
from app.core.s3.versions import list_versions


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ls", help="list buckets, or the objects under a prefix", epilog=exit_codes.EPILOG
    )
    parser.add_argument("path", nargs="?", help="s3://bucket/prefix (none: list buckets)")
    parser.add_argument(
        "-l", "--long", action="store_true", help="add date, size and storage class"
    )
    parser.add_argument("--recursive", "-r", action="store_true", help="every key, no folders")
    parser.add_argument("--versions", action="store_true", help="every version and delete marker")
    parser.add_argument("--human-readable", action="store_true", help="sizes in KiB/MiB/GiB")
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path) if args.path else None
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    try:
        if path is None:
            return _buckets(session)
        if args.versions:
            return _versions(session, path, args)
        return _objects(session, path, args)
    except (ClientError, BotoCoreError) as exc:
        operation = "ListBuckets" if path is None else "ListObjectsV2"
        return exit_codes.fail(exc, operation, path.bucket if path else "")


def _buckets(session: S3Session) -> int:
    for bucket in session.list_buckets():
        created = bucket.created.strftime("%Y-%m-%d %H:%M:%S") if bucket.created else " " * 19
        print(f"{created} {visible(bucket.name)}")
    return exit_codes.OK


def _objects(session: S3Session, path: S3Path, args: argparse.Namespace) -> int:
    # Like the AWS CLI, names are shown relative to the prefix's last '/'.
    base = "" if args.recursive else path.key[: path.key.rfind("/") + 1]
    delimiter = None if args.recursive else "/"
    shown = 0
    for page in session.list_prefix(path.bucket, path.key, delimiter=delimiter):
        shown += len(page.folders) + len(page.objects)
        for folder in page.folders:
            print(f"{'PRE':>{_pad(args)}} {visible(folder[len(base) :])}")
        for entry in page.objects:
            name = visible(entry.key[len(base) :])
            if args.long:
                size = _size(entry.size, args)
                when = _when(entry.last_modified)
                print(f"{when} {size} {entry.storage_class or 'STANDARD':<12} {name}")
            else:
                print(name)
    return _found(path, shown)


def _versions(session: S3Session, path: S3Path, args: argparse.Namespace) -> int:
    base = "" if args.recursive else path.key[: path.key.rfind("/") + 1]
    delimiter = None if args.recursive else "/"
    shown = 0
    for page in list_versions(session, path.bucket, path.key, delimiter=delimiter):
        shown += len(page.folders) + len(page.versions)
        for folder in page.folders:
            print(f"{'PRE':>{_pad(args)}} {visible(folder[len(base) :])}")
        for v in page.versions:
            flags = ("latest" if v.is_latest else "") + (
                " delete-marker" if v.is_delete_marker else ""
            )
            name = visible(v.key[len(base) :])
            if args.long:
                print(
                    f"{_when(v.last_modified)} {_size(v.size, args)} {v.version_id} "
                    f"{flags.strip() or '-':<20} {name}"
                )
            else:
                print(f"{v.version_id} {flags.strip() or '-':<20} {name}")
    return _found(path, shown)


def _found(path: S3Path, shown: int) -> int:
    """An empty bucket is fine; a prefix that matches nothing is 'not found' (exit 4)."""
    if shown or not path.key:
        return exit_codes.OK
    return exit_codes.not_found(f"Nothing under {path}")


def _pad(args: argparse.Namespace) -> int:
    return 30 if args.long else 3


def _size(size: int, args: argparse.Namespace) -> str:
    if args.human_readable:
        return f"{human_size(size):>10}"
    return f"{size:>10}"


def _when(raw: str | datetime) -> str:
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M:%S")
    text = str(raw)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return f"{visible(text[:19]):<19}"
