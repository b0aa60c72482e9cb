"""`eider rm`: one object, or everything under a prefix; `--versions` deletes permanently.

The deletion is a transfer-engine job: journaled, so an interrupted one continues with
`eider jobs resume`, and every key the server refuses is reported with its reason."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.head_failures import fail_head
from app.cli.job_runner import make_engine, run_jobs
from app.cli.name_filter_args import add_name_filter_arguments, name_filter_from_args
from app.cli.s3_paths import S3Path, parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.terminal_text import visible
from app.core.s3.counting import count_key_versions
from app.core.s3.session import S3Session
from app.core.transfers.delete_targets import delete_targets
from app.core.transfers.engine import TransferEngine
from app.core.transfers.name_filter import NameFilter

Target = tuple[str, str | None]  # a key, and one version of it (None: the key itself)


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rm", help="delete an object, or a prefix with --recursive", epilog=exit_codes.EPILOG
    )
    parser.add_argument("path", help="s3://bucket/key")
    parser.add_argument("--recursive", "-r", action="store_true", help="everything under it")
    parser.add_argument(
        "--versions",
        action="store_true",
        help="delete every version and delete marker (permanent), not just add a marker",
    )
    parser.add_argument("--version-id", help="delete this one version (permanent)")
    parser.add_argument(
        "--dryrun", action="store_true", help="print what would be deleted, delete nothing"
    )
    parser.add_argument("--quiet", "-q", action="store_true")
    add_name_filter_arguments(parser)
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    if args.version_id and (args.recursive or args.versions):
        return exit_codes.usage("--version-id names one version; drop --recursive/--versions")
    if args.name_rules and not args.recursive:
        return exit_codes.usage("--exclude and --include choose within a prefix: add --recursive")
    if path.is_prefix and not args.recursive:
        return exit_codes.usage(f"{path} is a prefix; add --recursive to delete what it holds")
    if args.dryrun:
        try:
            return _dry_run(session, path, args)
        except (ClientError, BotoCoreError) as exc:
            return fail_head(session, exc, "ListObjectsV2", path.bucket, path.key)
    try:
        if args.recursive:
            start = _prefix(session, path.as_prefix(), args)
        else:
            start = _one(session, path, args)
    except (ClientError, BotoCoreError) as exc:
        return fail_head(session, exc, "DeleteObjects", path.bucket, path.key)
    if start is None:
        return exit_codes.not_found(f"{path} does not exist")
    what = "version(s)" if args.versions or args.version_id else "object(s)"
    if start is _NOTHING:
        deleted = 0
        code = exit_codes.OK
    else:
        engine = make_engine(session)
        # run_jobs reports failures (each key with its reason) and turns Ctrl-C into a pause
        # that `eider jobs resume` continues; the one-line summary is rm's own.
        quiet = argparse.Namespace(**{**vars(args), "quiet": True, "no_progress": True})
        code, snapshots = run_jobs(engine, lambda: [start(engine)], quiet)
        deleted = sum(s.progress.files_done for s in snapshots)
    if not args.quiet and code != exit_codes.INTERRUPTED:
        print(f"delete: {deleted} {what} under {path}" if args.recursive else f"delete: {path}")
    return code


Start = Callable[[TransferEngine], str]


def _nothing(_engine: TransferEngine) -> str:
    """Every name was excluded: no job runs (a marker, never called)."""
    return ""


_NOTHING: Start = _nothing


def _prefix(session: S3Session, path: S3Path, args: argparse.Namespace) -> Start:
    session.head_bucket(path.bucket)  # a missing bucket is "not found", not "nothing deleted"
    names = name_filter_from_args(args)
    if names is not None:
        targets = _prefix_targets(session, path, args.versions, names)
        if not targets:
            return _NOTHING
        return lambda engine: engine.delete_chosen(
            path.bucket, targets, title=f"Delete {len(targets):,} names under {path}"
        )
    return lambda engine: engine.delete(path.bucket, path.key, versions=args.versions)


def _one(session: S3Session, path: S3Path, args: argparse.Namespace) -> Start | None:
    if args.version_id:
        version: str = args.version_id
        return lambda engine: engine.delete_chosen(
            path.bucket, [(path.key, version)], title=f"Delete version {version} of {path}"
        )
    if args.versions:
        if count_key_versions(session, path.bucket, path.key) == 0:
            return None
        return lambda engine: engine.delete(path.bucket, path.key, versions=True)
    try:
        session.head_object(path.bucket, path.key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            session.head_bucket(path.bucket)
            return None
        if exc.response.get("Error", {}).get("Code") != "400":  # SSE-C objects answer 400
            raise
    return lambda engine: engine.delete(path.bucket, path.key)


def _dry_run(session: S3Session, path: S3Path, args: argparse.Namespace) -> int:
    """The same selection the deletion makes, printed instead of deleted."""
    if args.version_id:
        targets: list[Target] = [(path.key, args.version_id)]
    elif args.versions or args.recursive:
        session.head_bucket(path.bucket)
        if args.recursive:
            names = name_filter_from_args(args) or NameFilter()
            targets = _prefix_targets(session, path.as_prefix(), args.versions, names)
        else:
            every = delete_targets(session, path.bucket, path.key, versions=True)
            targets = [(t.key, t.version_id) for t in every]
    else:
        try:
            session.head_object(path.bucket, path.key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return exit_codes.not_found(f"{path} does not exist")
            raise
        targets = [(path.key, None)]
    for key, version_id in targets:
        version = f" (version {version_id})" if version_id else ""
        print(visible(f"(dryrun) delete: s3://{path.bucket}/{key}{version}"))
    if not targets and not args.recursive:
        return exit_codes.not_found(f"{path} does not exist")
    return exit_codes.OK


def _prefix_targets(
    session: S3Session, path: S3Path, versions: bool, names: NameFilter
) -> list[Target]:
    """What a recursive rm of the prefix `path` deletes: the objects (or every version of them)
    whose names below the prefix the rules let through."""
    chosen = delete_targets(session, path.bucket, path.key, versions, names)
    return [(t.key, t.version_id) for t in chosen]
