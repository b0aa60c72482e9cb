"""`eider rm`: one object, or everything under a prefix; `--versions` deletes permanently."""

from __future__ import annotations

import argparse

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.head_failures import fail_head
from app.cli.name_filter_args import add_name_filter_arguments, name_filter_from_args
from app.cli.s3_paths import S3Path, parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.core.s3.deletion import DeleteMode, DeleteReport, Target, delete_prefix, delete_targets
from app.core.s3.session import S3Session
from app.core.s3.versions import list_versions
from app.core.transfers.name_filter import NameFilter


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
            report = _prefix(session, path.as_prefix(), args)
        else:
            report = _one(session, path, args)
    except (ClientError, BotoCoreError) as exc:
        return fail_head(session, exc, "DeleteObjects", path.bucket, path.key)
    if report is None:
        return exit_codes.not_found(f"{path} does not exist")
    for failure in report.failures[:20]:
        version = f" (version {failure.version_id})" if failure.version_id else ""
        exit_codes.say_error(
            f"s3://{path.bucket}/{failure.key}{version}: {failure.code} {failure.message}"
        )
    if not args.quiet:
        what = "version(s)" if args.versions or args.version_id else "object(s)"
        print(
            f"delete: {report.deleted} {what} under {path}" if args.recursive else f"delete: {path}"
        )
    return exit_codes.OK if report.ok else exit_codes.PARTIAL


def _prefix(session: S3Session, path: S3Path, args: argparse.Namespace) -> DeleteReport:
    session.head_bucket(path.bucket)  # a missing bucket is "not found", not "nothing deleted"
    names = name_filter_from_args(args)
    if names is not None:
        targets = _prefix_targets(session, path, args.versions, names)
        return delete_targets(session, path.bucket, targets, total=len(targets))
    mode = DeleteMode.ALL_VERSIONS if args.versions else DeleteMode.MARKER
    return delete_prefix(session, path.bucket, path.key, mode, whole_bucket=not path.key)


def _one(session: S3Session, path: S3Path, args: argparse.Namespace) -> DeleteReport | None:
    if args.version_id:
        targets = [Target(path.key, args.version_id)]
    elif args.versions:
        targets = [
            Target(v.key, v.version_id)
            for page in list_versions(session, path.bucket, path.key, delimiter="/")
            for v in page.versions
            if v.key == path.key
        ]
        if not targets:
            return None
    else:
        try:
            session.head_object(path.bucket, path.key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                session.head_bucket(path.bucket)
                return None
            if exc.response.get("Error", {}).get("Code") != "400":  # SSE-C objects answer 400
                raise
        targets = [Target(path.key)]
    return delete_targets(session, path.bucket, targets)


def _dry_run(session: S3Session, path: S3Path, args: argparse.Namespace) -> int:
    """The same selection the deletion makes, printed instead of deleted."""
    if args.version_id:
        targets: list[Target] = [Target(path.key, args.version_id)]
    elif args.versions or args.recursive:
        session.head_bucket(path.bucket)
        if args.recursive:
            names = name_filter_from_args(args) or NameFilter()
            targets = _prefix_targets(session, path.as_prefix(), args.versions, names)
        else:
            targets = [
                Target(v.key, v.version_id)
                for page in list_versions(session, path.bucket, path.key, delimiter=None)
                for v in page.versions
                if v.key == path.key
            ]
    else:
        try:
            session.head_object(path.bucket, path.key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return exit_codes.not_found(f"{path} does not exist")
            raise
        targets = [Target(path.key)]
    for target in targets:
        version = f" (version {target.version_id})" if target.version_id else ""
        print(f"(dryrun) delete: s3://{path.bucket}/{target.key}{version}")
    if not targets and not args.recursive:
        return exit_codes.not_found(f"{path} does not exist")
    return exit_codes.OK


def _prefix_targets(
    session: S3Session, path: S3Path, versions: bool, names: NameFilter
) -> list[Target]:
    """What a recursive rm of the prefix `path` deletes: the objects (or every version of them)
    whose names below the prefix the rules let through."""
    start = len(path.key)
    if versions:
        return [
            Target(v.key, v.version_id)
            for page in list_versions(session, path.bucket, path.key, delimiter=None)
            for v in page.versions
            if names.includes(v.key[start:])
        ]
    return [
        Target(o.key)
        for page in session.list_prefix(path.bucket, path.key, delimiter=None)
        for o in page.objects
        if names.includes(o.key[start:])
    ]
