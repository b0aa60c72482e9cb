"""`eider sync SRC DST`: mirror a folder and an s3:// prefix, in the habits of `aws s3 sync`.

Exit codes: 0 everything done (or, with --dryrun, planned); 1 something failed or could not be
compared (the messages say what); 2 bad arguments or a connection that cannot be set up.

Connection: `--bookmark NAME`, or `--endpoint-url` with `--region`, `--profile` and the usual
`AWS_*` environment variables. (Minimal on purpose: the shared connection arguments of the
other commands replace this once they exist.)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from botocore.exceptions import BotoCoreError, ClientError

from app.core.bookmarks import (
    BookmarkError,
    BookmarkStore,
    BookmarkStoreError,
    connection_for_bookmark,
)
from app.core.connection import Connection, Scheme
from app.core.credentials.errors import CredentialError
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import describe
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import EventType, JobEvent
from app.core.transfers.sync import (
    CompareMode,
    Direction,
    SyncError,
    SyncOptions,
    SyncPlan,
    plan_sync,
    run_sync,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "sync",
        help="mirror a local folder and an s3:// prefix (either direction)",
        description="Copy what is new or changed from SRC to DST; one of them is s3://bucket/"
        "prefix, the other a local folder. Nothing in DST is deleted without --delete.",
    )
    parser.add_argument("source", metavar="SRC")
    parser.add_argument("destination", metavar="DST")
    parser.add_argument(
        "--delete", action="store_true", help="delete what DST has and SRC does not"
    )
    parser.add_argument(
        "--dryrun", action="store_true", help="list what would change and change nothing"
    )
    parser.add_argument(
        "--compare",
        choices=[m.value for m in CompareMode],
        default=CompareMode.SIZE_MTIME.value,
        help="size-mtime (default: size, then time) or checksum (size, then content)",
    )
    parser.add_argument(
        "--exact-timestamps",
        action="store_true",
        help="same-size files are unchanged only when their times match exactly",
    )
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    parser.add_argument("--bookmark", help="a saved bookmark (name or id)")
    parser.add_argument("--endpoint-url", help="the S3 endpoint, e.g. https://s3.example.com")
    parser.add_argument("--region", help="signing region (default: AWS_REGION or us-east-1)")
    parser.add_argument("--profile", help="a profile of ~/.aws/credentials")
    parser.add_argument(
        "--no-sign-request", action="store_true", help="anonymous requests (public buckets)"
    )
    parser.set_defaults(func=run)


def _split_s3(url: str) -> tuple[str, str]:
    rest = url[len("s3://") :]
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise ValueError(f"{url} names no bucket")
    return bucket, prefix


def _connection(args: argparse.Namespace) -> Connection:
    if args.bookmark:
        return connection_for_bookmark(BookmarkStore().get(args.bookmark))
    region = args.region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if args.no_sign_request:
        credentials = CredentialSpec(kind=CredentialKind.ANONYMOUS)
    elif args.profile:
        credentials = CredentialSpec(kind=CredentialKind.AWS_PROFILE, profile_name=args.profile)
    elif os.environ.get("AWS_ACCESS_KEY_ID"):
        credentials = CredentialSpec(kind=CredentialKind.ENVIRONMENT)
    else:
        profile = os.environ.get("AWS_PROFILE", "default")
        credentials = CredentialSpec(kind=CredentialKind.AWS_PROFILE, profile_name=profile)
    changes: dict[str, object] = {"region": region or "us-east-1", "credentials": credentials}
    if args.endpoint_url:
        parts = urlsplit(args.endpoint_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{args.endpoint_url} is not an http(s) URL")
        changes.update(host=parts.hostname, scheme=Scheme(parts.scheme), port=parts.port)
    return Connection().with_changes(**changes)


def run(args: argparse.Namespace) -> int:
    src, dst = args.source, args.destination
    if src.startswith("s3://") == dst.startswith("s3://"):
        print("eider sync: one of SRC and DST must be s3://bucket/prefix", file=sys.stderr)
        return EXIT_USAGE
    direction = Direction.UPLOAD if dst.startswith("s3://") else Direction.DOWNLOAD
    try:
        bucket, prefix = _split_s3(dst if direction is Direction.UPLOAD else src)
        connection = _connection(args)
    except (ValueError, BookmarkError, BookmarkStoreError) as exc:
        print(f"eider sync: {exc}", file=sys.stderr)
        return EXIT_USAGE
    folder = Path(src if direction is Direction.UPLOAD else dst)
    options = SyncOptions(
        delete=args.delete,
        compare=CompareMode(args.compare),
        exact_timestamps=args.exact_timestamps,
    )
    try:
        session = S3Session(connection)
    except CredentialError as exc:
        print(f"eider sync: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = plan_sync(session, direction, folder, bucket, prefix, options)
    except SyncError as exc:
        print(f"eider sync: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (ClientError, BotoCoreError) as exc:
        print(f"eider sync: {describe(exc, 'the sync', bucket, prefix)}", file=sys.stderr)
        return EXIT_FAILED
    if args.dryrun:
        _print_plan(plan, "(dryrun) ", args.quiet)
        return EXIT_FAILED if plan.problems else EXIT_OK
    _print_plan(plan, "", args.quiet)
    return _execute(session, plan, args.quiet)


def _print_plan(plan: SyncPlan, mark: str, quiet: bool) -> None:
    for line in plan.lines():
        if line.startswith("problem: "):
            print(f"{mark}{line}", file=sys.stderr)
        elif not quiet:
            print(f"{mark}{line}")
    if not quiet:
        print(
            f"{mark}{len(plan.transfers)} to transfer ({plan.transfer_bytes} bytes), "
            f"{len(plan.deletions)} to delete, {plan.unchanged} unchanged"
            + (f", {plan.extras_kept} only in the destination (kept)" if plan.extras_kept else "")
            + (f", {len(plan.problems)} problems" if plan.problems else "")
        )


def _execute(session: S3Session, plan: SyncPlan, quiet: bool) -> int:
    if plan.empty:
        return EXIT_FAILED if plan.problems else EXIT_OK
    engine = TransferEngine(session)
    show = not quiet and sys.stderr.isatty()

    def progress(event: JobEvent) -> None:
        if event.type is EventType.CHANGED and show:
            p = event.job.progress
            print(
                f"\r{p.files_done}/{p.files_total} files, {p.bytes_done}/{p.bytes_total} bytes",
                end="",
                file=sys.stderr,
                flush=True,
            )

    engine.subscribe(progress)
    try:
        result = run_sync(engine, plan)
    finally:
        engine.close()
        engine.journal.close()
    if show:
        print(file=sys.stderr)
    for failure in result.failures:
        print(f"failed: {failure.name}: {failure.message}", file=sys.stderr)
    if result.deletions_skipped:
        print("Nothing was deleted because a transfer failed.", file=sys.stderr)
    if not quiet:
        done = sum(j.progress.files_done for j in result.jobs)
        deleted = result.remote_deleted + len(result.local_deleted)
        print(f"{done} transferred, {deleted} deleted")
    return EXIT_OK if result.ok and not plan.problems else EXIT_FAILED
