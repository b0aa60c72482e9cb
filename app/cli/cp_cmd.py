"""`eider cp` and `eider mv`: local -> S3 (upload), S3 -> local (download), S3 -> S3 (on the
server). Jobs are journaled: an interrupted one continues with `eider jobs resume`."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import (
    add_connection_arguments,
    bookmark_id_from_args,
    open_session,
)
from app.cli.filtered_items import download_items, upload_items
from app.cli.head_failures import credentials_failure, fail_head, is_bodiless_forbidden
from app.cli.job_runner import add_output_arguments, make_engine, run_jobs
from app.cli.name_filter_args import add_name_filter_arguments, name_filter_from_args
from app.cli.s3_paths import S3Path, is_s3, parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.terminal_text import visible
from app.cli.transfer_args import add_transfer_arguments, options_from_args
from app.core.cse.key_store import uses_cse
from app.core.s3.session import ObjectEntry, S3Session
from app.core.sse_c.errors import KeyFileError, KeyNotInRing, RingLostKey
from app.core.sse_c.reads import read_and_head
from app.core.transfers import upload_plan
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind
from app.core.transfers.name_filter import NameFilter
from app.core.transfers.options import TransferOptions


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, help_text in (
        ("cp", "copy files and objects: local->s3, s3->local, s3->s3"),
        ("mv", "move files and objects (copy, then delete the source)"),
    ):
        parser = subparsers.add_parser(name, help=help_text, epilog=exit_codes.EPILOG)
        parser.add_argument("source", help="a local path or s3://bucket/key")
        parser.add_argument("destination", help="a local path or s3://bucket/key")
        parser.add_argument(
            "--recursive", "-r", action="store_true", help="a whole folder or prefix"
        )
        parser.add_argument(
            "--dryrun",
            action="store_true",
            help=f"print each {'move' if name == 'mv' else 'copy'} it would make, change nothing",
        )
        add_name_filter_arguments(parser)
        add_transfer_arguments(parser)
        add_connection_arguments(parser)
        add_output_arguments(parser)
        parser.set_defaults(func=exit_codes.interruptible(_run), move=name == "mv")


def _run(args: argparse.Namespace) -> int:
    src_s3, dst_s3 = is_s3(args.source), is_s3(args.destination)
    if not src_s3 and not dst_s3:
        return exit_codes.usage("One of SOURCE and DESTINATION must be an s3:// path")
    if args.name_rules and not args.recursive:
        return exit_codes.usage(
            "--exclude and --include choose within a folder or prefix: add --recursive"
        )
    try:
        options = options_from_args(args)
        source = parse_s3(args.source) if src_s3 else None
        target = parse_s3(args.destination) if dst_s3 else None
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    if source is None:
        assert target is not None
        return _upload(session, Path(args.source), target, options, args)
    if target is None:
        return _download(session, source, Path(args.destination), options, args)
    if uses_cse(options):
        return exit_codes.usage(
            "--cse-key-file and --cse-kms-key-id encrypt uploads and decrypt downloads; a copy "
            "within S3 keeps each object's bytes and encryption metadata as they are"
        )
    return _copy(session, source, target, options, args)


def _upload(
    session: S3Session,
    local: Path,
    target: S3Path,
    options: TransferOptions,
    args: argparse.Namespace,
) -> int:
    if not local.exists():
        return exit_codes.not_found(f"{local} does not exist")
    if local.is_dir() and not args.recursive:
        return exit_codes.usage(f"{local} is a folder; add --recursive to upload its contents")
    if local.is_file() and args.recursive:
        return exit_codes.usage(f"{local} is a file; --recursive takes a folder")
    code = _check_bucket_for_upload(session, target.bucket)
    if code:
        return code
    key = target.as_prefix().key if args.recursive else target.key
    names = name_filter_from_args(args)
    items = upload_items(local, key, names) if names is not None else []
    files = (
        _local_files(local, key) if names is None else [(Path(i.local_path), i.key) for i in items]
    )
    if args.dryrun:
        verb = _verb(args, "upload")
        return _print_dryrun(
            (
                verb,
                str(local / k[len(key) :] if args.recursive else local),
                f"s3://{target.bucket}/{k}",
            )
            for _path, k in files
        )
    engine = make_engine(
        session,
        options.connections,
        bookmark_id=bookmark_id_from_args(args),
        saved_limits=args.rate_limit is None,  # --rate-limit (0 too) replaces the saved one
    )
    if names is None:

        def start() -> list[str]:
            return [engine.upload(local, target.bucket, key, options)]

    else:
        if not items:
            return exit_codes.OK  # every file was excluded: nothing to do, as with the AWS CLI

        def start() -> list[str]:
            return [engine.submit_items(JobKind.UPLOAD, local, target.bucket, key, items, options)]

    code, snapshots = run_jobs(engine, start, args)
    if args.move and code == exit_codes.OK:
        skipped = set(snapshots[0].skipped)
        for path, uploaded_key in files:
            if uploaded_key not in skipped:
                path.unlink()
    return code


def _download(
    session: S3Session,
    source: S3Path,
    local: Path,
    options: TransferOptions,
    args: argparse.Namespace,
) -> int:
    if source.is_prefix and not args.recursive:
        return exit_codes.usage(f"{source} is a prefix; add --recursive to download what it holds")
    if args.recursive:
        source = source.as_prefix()
        code = _check_bucket(session, source.bucket)
        if local.exists() and not local.is_dir():
            return exit_codes.usage(f"{local} is a file; a recursive download needs a folder")
    else:
        code = _check_object(session, source, options)
        into_folder = str(args.destination).endswith(("/", os.sep))
        if into_folder and not args.dryrun:
            local.mkdir(parents=True, exist_ok=True)  # 'dir/' means "into this folder"
        elif not into_folder and not local.parent.exists():
            return exit_codes.not_found(f"The folder {local.parent} does not exist")
    if code:
        return code
    names = name_filter_from_args(args)
    if args.dryrun:
        return _print_dryrun(_download_plan(session, source, local, names, args))
    if args.recursive:
        local.mkdir(parents=True, exist_ok=True)
    engine = make_engine(
        session,
        options.connections,
        bookmark_id=bookmark_id_from_args(args),
        saved_limits=args.rate_limit is None,  # --rate-limit (0 too) replaces the saved one
    )
    if names is None:
        keys = _keys(session, source) if args.move else []

        def start() -> list[str]:
            return [engine.download(source.bucket, source.key, local, options)]

    else:
        items = download_items(session, source.bucket, source.key, local, names)
        if not items:
            return exit_codes.OK  # every key was excluded: nothing to do, as with the AWS CLI
        keys = [(item.key, lambda _local, p=Path(item.local_path): p) for item in items]

        def start() -> list[str]:
            return [
                engine.submit_items(
                    JobKind.DOWNLOAD, local, source.bucket, source.key, items, options
                )
            ]

    code, snapshots = run_jobs(engine, start, args)
    if args.move and code == exit_codes.OK:
        skipped = set(snapshots[0].skipped)
        kept = [k for k, path in keys if str(path(local.absolute())) not in skipped]
        if kept:
            return _delete_sources(session, source.bucket, kept, args)
    return code


def _delete_sources(
    session: S3Session, bucket: str, keys: list[str], args: argparse.Namespace
) -> int:
    """The second half of a move to local files: the downloaded sources go, as a journaled
    delete job (run_jobs names every key the server refused)."""
    engine = make_engine(session)
    quiet = argparse.Namespace(**{**vars(args), "quiet": True, "no_progress": True})
    title = f"Delete the {len(keys):,} moved objects from s3://{bucket}"
    code, _ = run_jobs(
        engine,
        lambda: [engine.delete_chosen(bucket, [(k, None) for k in keys], title=title)],
        quiet,
    )
    return code


def _copy(
    session: S3Session,
    source: S3Path,
    target: S3Path,
    options: TransferOptions,
    args: argparse.Namespace,
) -> int:
    if source.is_prefix and not args.recursive:
        return exit_codes.usage(f"{source} is a prefix; add --recursive to copy what it holds")
    if args.recursive:
        source, target = source.as_prefix(), target.as_prefix()
        code = _check_bucket(session, source.bucket)
    else:
        code = _check_object(session, source, options)
    code = code or _check_bucket(session, target.bucket)
    if code:
        return code
    problem = _copy_problem(source, target)
    if problem:
        return exit_codes.usage(problem)
    if args.dryrun:
        return _print_dryrun(_copy_plan(session, source, target, args))
    names = name_filter_from_args(args)
    chosen: list[tuple[str, str, int]] = []
    if names is not None:
        start_at = len(source.key)
        chosen = [
            (entry.key, target.key + entry.key[start_at:], entry.size)
            for entry in _listed(session, source, names)
        ]
        if not chosen:
            return exit_codes.OK  # every key was excluded: nothing to do, as with the AWS CLI
    engine: TransferEngine = make_engine(
        session, options.connections, bookmark_id=bookmark_id_from_args(args)
    )

    def start() -> list[str]:
        if names is None:
            return [
                engine.copy(
                    source.bucket, source.key, target.bucket, target.key, options, args.move
                )
            ]
        return [
            engine.submit_copy_items(
                source.bucket, source.key, target.bucket, target.key, chosen, options, args.move
            )
        ]

    code, _ = run_jobs(engine, start, args)  # a copy onto itself is refused: exit 2
    return code


def _verb(args: argparse.Namespace, cp_verb: str) -> str:
    return "move" if args.move else cp_verb


def _print_dryrun(operations: Iterable[tuple[str, str, str]]) -> int:
    """`--dryrun`: each (verb, source, destination) as the AWS CLI prints it; nothing changes."""
    for verb, source, destination in operations:
        print(visible(f"(dryrun) {verb}: {source} to {destination}"))
    return exit_codes.OK


def _download_plan(
    session: S3Session,
    source: S3Path,
    local: Path,
    names: NameFilter | None,
    args: argparse.Namespace,
) -> Iterator[tuple[str, str, str]]:
    verb = _verb(args, "download")
    if not args.recursive:
        into = local.is_dir() or str(args.destination).endswith(("/", os.sep))
        yield verb, str(source), str(local / PurePosixPath(source.key).name if into else local)
        return
    for entry in _listed(session, source, names):
        yield verb, f"s3://{source.bucket}/{entry.key}", str(local / entry.key[len(source.key) :])


def _copy_plan(
    session: S3Session, source: S3Path, target: S3Path, args: argparse.Namespace
) -> Iterator[tuple[str, str, str]]:
    verb = _verb(args, "copy")
    if not args.recursive:
        key = target.key + PurePosixPath(source.key).name if target.is_prefix else target.key
        yield verb, str(source), f"s3://{target.bucket}/{key}"
        return
    for entry in _listed(session, source, name_filter_from_args(args)):
        relative = entry.key[len(source.key) :]
        yield (
            verb,
            f"s3://{source.bucket}/{entry.key}",
            f"s3://{target.bucket}/{target.key}{relative}",
        )


def _listed(session: S3Session, source: S3Path, names: NameFilter | None) -> Iterator[ObjectEntry]:
    """The keys under the prefix `source` a recursive transfer takes (folder markers carry no
    data and are left out)."""
    for page in session.list_prefix(source.bucket, source.key, delimiter=None):
        for entry in page.objects:
            relative = entry.key[len(source.key) :]
            if (
                relative
                and not relative.endswith("/")
                and (names is None or names.includes(relative))
            ):
                yield entry


def _copy_problem(source: S3Path, target: S3Path) -> str | None:
    if source.is_prefix:
        if source.bucket == target.bucket and target.key.startswith(source.key):
            return f"{target} is inside {source}: it would copy itself"
        return None
    key = target.key + PurePosixPath(source.key).name if target.is_prefix else target.key
    if (source.bucket, source.key) == (target.bucket, key):
        return f"{source} cannot be copied onto itself"
    return None


def _check_bucket(session: S3Session, bucket: str) -> int:
    try:
        session.head_bucket(bucket)
    except (ClientError, BotoCoreError) as exc:
        return fail_head(session, exc, "HeadBucket", bucket)
    return exit_codes.OK


def _check_bucket_for_upload(session: S3Session, bucket: str) -> int:
    """`_check_bucket`, letting through a bucket the keys may write to but not look at.

    A key allowed only s3:PutObject gets 403 from HeadBucket; the AWS CLI uploads with such a
    key, so Eider does too. A missing bucket and refused keys still fail here; a PUT the
    policy refuses fails on the PUT, with its own access-denied message.
    """
    try:
        session.head_bucket(bucket)
    except (ClientError, BotoCoreError) as exc:
        if is_bodiless_forbidden(exc):
            return credentials_failure(session, bucket)
        return fail_head(session, exc, "HeadBucket", bucket)
    return exit_codes.OK


def _check_object(session: S3Session, path: S3Path, options: TransferOptions) -> int:

    def head(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = session.call(
            path.bucket, lambda c: c.head_object(Bucket=path.bucket, Key=path.key, **extra)
        )
        return answer

    try:
        read_and_head(options, path.bucket, path.key, head)
    except (KeyFileError, RingLostKey) as exc:  # the key ring has gone since it was read
        exit_codes.say_error(str(exc))
        return exit_codes.CONNECTION
    except KeyNotInRing as exc:
        return exit_codes.fail(exc, "HeadObject", path.bucket, path.key)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code")
        if code in ("404", "NoSuchKey", "NotFound"):
            # HEAD has no body: tell a missing bucket from a missing key by asking for the bucket.
            return _check_bucket(session, path.bucket) or exit_codes.not_found(
                f"{path} does not exist"
            )
        return fail_head(session, exc, "HeadObject", path.bucket, path.key)
    except BotoCoreError as exc:
        return exit_codes.fail(exc, "HeadObject", path.bucket, path.key)
    return exit_codes.OK


def _local_files(local: Path, key: str) -> list[tuple[Path, str]]:
    """What an upload of `local` sends: each file with its key (the engine's own walk)."""
    return [(Path(item.local_path), item.key) for item in upload_plan.upload_items(local, "", key)]


def _keys(session: S3Session, source: S3Path) -> list[tuple[str, Callable[[Path], Path]]]:
    """The keys a move will delete once downloaded, with where each lands locally."""
    if not source.is_prefix:

        def single(local: Path) -> Path:
            return local / Path(source.key).name if local.is_dir() else local

        return [(source.key, single)]
    found = []
    for page in session.list_prefix(source.bucket, source.key, delimiter=None):
        for entry in page.objects:
            relative = entry.key[len(source.key) :]
            found.append((entry.key, lambda local, r=relative: local / r))
    return found
