"""`eider rekey s3://bucket[/prefix] --sse-c-key-file FILE [--dryrun]`: rotate SSE-C keys.

A survey says which key each object is under; the objects under older keys are then copied
onto themselves under the first key, as one engine job: progress as for `cp`, and Ctrl-C
pauses it for `eider jobs resume` (which reads the key file again)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, bookmark_id_from_args, open_session
from app.cli.job_runner import add_output_arguments, make_engine, progress_wanted, run_jobs
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError, parse_size
from app.core.errors import describe
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_ring import KeyRing
from app.core.sse_c.rekey import PLAIN, Survey, submit_rekey, survey
from app.core.sse_c.rings import file_ref, ring_for
from app.core.transfers.options import TransferOptions


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
    parser.add_argument(
        "--connections", type=int, default=10, help="requests in flight at once (default 10)"
    )
    parser.add_argument(
        "--multipart-threshold",
        type=parse_size,
        help="multipart copy from this size (default 100MiB; S3 copies at most 5GiB at once)",
    )
    parser.add_argument("--part-size", type=parse_size, help="multipart part size (default 10MiB)")
    add_output_arguments(parser)
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        ref = _ring_ref(args.sse_c_key_file)
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    if args.connections < 1:
        return exit_codes.usage("--connections must be at least 1")
    ring = ring_for(ref)
    showing = progress_wanted(args)
    try:
        sizes = TransferOptions(
            connections=args.connections,
            **{
                name: getattr(args, name)
                for name in ("multipart_threshold", "part_size")
                if getattr(args, name) is not None
            },
        )
    except ValueError as exc:
        return exit_codes.usage(str(exc))

    def progress(seen: int, key: str) -> None:
        if showing:
            print(f"\rLooked at {seen} object(s): {key[-50:]:<50}", end="", file=sys.stdout)

    def words(exc: BaseException, key: str) -> str:
        return str(describe(exc, "HeadObject", path.bucket, key))

    try:
        found = survey(session, ring, path.bucket, path.key, progress=progress, describe=words)
    except (ClientError, BotoCoreError) as exc:
        return exit_codes.fail(exc, "ListObjectsV2", path.bucket)
    finally:
        if showing:
            print()
    if not args.quiet or args.dryrun:
        _print_survey(found, ring)
    code = exit_codes.OK
    if not args.dryrun and found.to_rotate:
        engine = make_engine(session, args.connections, bookmark_id=bookmark_id_from_args(args))

        def start() -> list[str]:
            job = submit_rekey(engine, found, ring, ref, path.bucket, path.key, sizes)
            return [job] if job else []

        code, snapshots = run_jobs(engine, start, args)
        if not args.quiet and snapshots:
            done = snapshots[0].progress.files_done
            print(f"Re-encrypted with the current key: {done} object(s)")
    _print_problems(found)
    if found.unreadable or found.failed:
        return max(code, exit_codes.PARTIAL)
    return code


def _ring_ref(path: Path) -> str:
    try:
        return file_ref(path)
    except KeyFileError as exc:
        raise TransferArgsError(str(exc)) from None


def _print_survey(found: Survey, ring: KeyRing) -> None:
    for position, key in enumerate(ring.keys, start=1):
        name = fingerprint(key)
        role = "current" if position == 1 else "older"
        print(f"key {position} ({role}, {name}): {found.by_key.get(name, 0)} object(s)")
    if found.by_key.get(PLAIN):
        print(f"without SSE-C: {found.by_key[PLAIN]} object(s), left as they are")


def _print_problems(found: Survey) -> None:
    if found.unreadable:
        print(f"No key of this ring opens {len(found.unreadable)} object(s):")
        for key in found.unreadable:
            print(f"  {key}")
    for key, why in found.failed:
        exit_codes.say_error(f"{key}: {why}")
