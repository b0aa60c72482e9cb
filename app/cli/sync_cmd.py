"""`eider sync SRC DST`: mirror a folder and an s3:// prefix, in the habits of `aws s3 sync`.

`--direction mirror` syncs both ways (`app.core.transfers.sync_mirror`): SRC and DST are then
just the two sides, in either order.

The connection, transfer and output options and the exit codes are those of `eider cp`. A
sync with planning problems (keys that cannot be compared or written) exits 1, like a partial
transfer.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import (
    add_connection_arguments,
    bookmark_id_from_args,
    open_session,
)
from app.cli.job_runner import add_output_arguments, make_engine, run_jobs
from app.cli.name_filter_args import add_name_filter_arguments
from app.cli.preferences_args import preferences_for_args
from app.cli.s3_paths import is_s3, parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import add_transfer_arguments, options_from_args
from app.core.s3.session import S3Session
from app.core.s3.transcript import counts_between
from app.core.transfers.engine import TransferEngine
from app.core.transfers.name_filter import NameFilter
from app.core.transfers.options import TransferOptions
from app.core.transfers.request_prices import DEFAULT_PRICE_TABLE, PRICE_TABLES
from app.core.transfers.sync import (
    CompareMode,
    Direction,
    SyncError,
    SyncOptions,
    SyncPlan,
    SyncResult,
    plan_sync,
    record_in_step,
    run_sync,
)
from app.core.transfers.sync_cost import cost_of_operations, estimate

_POLL = 0.1


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "sync",
        help="mirror a local folder and an s3:// prefix (either direction, or both ways)",
        description="Copy what is new or changed from SRC to DST; one of them is s3://bucket/"
        "prefix, the other a local folder. Nothing in DST is deleted without --delete. With "
        "--direction mirror, changes and deletions on either side since the last two-way run "
        "reach the other; a file changed on both sides keeps both versions, the older renamed "
        "'name (conflict YYYY-MM-DD).ext'.",
        epilog=exit_codes.EPILOG,
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
        "--direction",
        choices=[d.value for d in Direction],
        help="upload or download (default: from the order of SRC and DST), or mirror: both "
        "ways, deletions included, judged against the record of the last two-way run (the "
        "first run only copies)",
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
    parser.add_argument(
        "--cost",
        action="store_true",
        help="print the requests (LIST, HEAD, GET, PUT/part, COPY, DELETE), the bytes each way "
        "and a price estimate of the plan; after a run, the requests actually sent",
    )
    parser.add_argument(
        "--price-table",
        choices=sorted(PRICE_TABLES),
        help="prices for --cost (default: the table in Preferences, which starts as "
        f"{DEFAULT_PRICE_TABLE}; 'none' prints the price as unknown)",
    )
    add_name_filter_arguments(parser)
    add_transfer_arguments(parser, conflicts=False)
    add_connection_arguments(parser)
    add_output_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    src, dst = args.source, args.destination
    if is_s3(src) == is_s3(dst):
        return exit_codes.usage("One of SRC and DST must be an s3:// path, the other a folder")
    given = Direction.UPLOAD if is_s3(dst) else Direction.DOWNLOAD
    direction = Direction(args.direction) if args.direction else given
    if direction is not Direction.MIRROR and direction is not given:
        return exit_codes.usage(
            f"--direction {direction.value} needs the "
            + ("folder first" if direction is Direction.UPLOAD else "s3:// path first")
        )
    if direction is Direction.MIRROR and args.delete:
        return exit_codes.usage("--direction mirror deletes by itself; drop --delete")
    folder = Path(src if given is Direction.UPLOAD else dst)
    if folder.exists() and not folder.is_dir():
        return exit_codes.usage(f"{folder} is a file; a sync needs a folder")
    if direction is not Direction.DOWNLOAD and not folder.exists():
        return exit_codes.not_found(f"{folder} does not exist")
    try:
        remote = parse_s3(dst if given is Direction.UPLOAD else src)
        transfer_options = options_from_args(args)
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    options = SyncOptions(
        delete=args.delete,
        compare=CompareMode(args.compare),
        exact_timestamps=args.exact_timestamps,
        names=NameFilter(tuple(args.name_rules)),
    )
    counts_before = session.transcript.counts()
    try:
        plan = plan_sync(
            session, direction, folder, remote.bucket, remote.key, options, transfer_options
        )
    except SyncError as exc:
        exit_codes.say_error(str(exc))
        return exit_codes.PARTIAL
    except (ClientError, BotoCoreError) as exc:
        return exit_codes.fail(exc, "ListObjectsV2", remote.bucket, remote.key)
    mark = "(dryrun) " if args.dryrun else ""
    _print_plan(plan, mark, args.quiet)
    prices = (
        PRICE_TABLES[args.price_table]
        if args.price_table
        else preferences_for_args(args).prices.table()
    )
    if args.cost:
        for line in estimate(plan, prices, transfer_options).lines():
            print(f"{mark}estimated {line}")
    if args.dryrun or plan.empty:
        if not args.dryrun:
            record_in_step(session, plan, transfer_options)
        return exit_codes.PARTIAL if plan.problems else exit_codes.OK
    code = _execute(session, plan, transfer_options, args)
    if args.cost:
        sent = counts_between(counts_before, session.transcript.counts())
        print(f"sent requests: {cost_of_operations(sent, prices).request_text()}")
    return exit_codes.PARTIAL if code == exit_codes.OK and plan.problems else code


def _print_plan(plan: SyncPlan, mark: str, quiet: bool) -> None:
    for line in plan.lines():
        if line.startswith("problem: "):
            print(f"{mark}{line}", file=sys.stderr)
        elif not quiet:
            print(f"{mark}{line}")
    if not quiet:
        print(
            f"{mark}{len(plan.transfers)} to transfer ({plan.transfer_bytes} bytes), "
            f"{len(plan.deletions)} to delete, "
            + (f"{len(plan.conflicts)} conflicts (both kept), " if plan.conflicts else "")
            + f"{plan.unchanged} unchanged"
            + (f", {plan.extras_kept} only in the destination (kept)" if plan.extras_kept else "")
            + (f", {len(plan.problems)} problems" if plan.problems else "")
        )


def _execute(
    session: S3Session, plan: SyncPlan, transfer_options: TransferOptions, args: argparse.Namespace
) -> int:
    engine = make_engine(
        session,
        transfer_options.connections,
        bookmark_id=bookmark_id_from_args(args),
        saved_limits=args.rate_limit is None,  # --rate-limit (0 too) replaces the saved one
    )
    background = _BackgroundSync(engine, plan, transfer_options)
    # run_jobs draws the progress, turns Ctrl-C into a pause (exit 130) and reports the
    # transfer job's failures; the deletions that follow a finished job are a job of the same
    # engine, so it stays open until they end.
    code, _ = run_jobs(engine, background.start, args, close=False)
    if code == exit_codes.INTERRUPTED or background.refused:
        return code  # paused, so run_sync deletes nothing; or refused, and run_jobs said why
    try:
        result = background.result()
    except (ClientError, BotoCoreError) as exc:
        return exit_codes.fail(exc, "DeleteObjects", plan.bucket, plan.prefix)
    finally:
        engine.close()
    if code == exit_codes.OK:  # otherwise run_jobs has named the failed transfers
        for failure in result.failures:
            exit_codes.say_error(f"{failure.name}: {failure.message}")
    if result.deletions_skipped:
        exit_codes.say_error("Nothing was deleted because a transfer failed.")
    if not args.quiet:
        deleted = result.remote_deleted + len(result.local_deleted)
        kept = f", {result.conflicts_kept} conflicts kept both" if result.conflicts_kept else ""
        print(f"{result.transferred} transferred, {deleted} deleted{kept}")
    return exit_codes.OK if result.ok else max(code, exit_codes.PARTIAL)


class _BackgroundSync:
    """`run_sync` on a thread of its own, so that the command's thread is free to follow the
    job through `run_jobs` (which polls, and never blocks where Ctrl-C could not reach it)."""

    def __init__(
        self, engine: TransferEngine, plan: SyncPlan, transfer_options: TransferOptions
    ) -> None:
        self._engine, self._plan, self._options = engine, plan, transfer_options
        self._job_id: str | None = None
        self._settled = threading.Event()  # the job exists, or run_sync ended without one
        self._result: SyncResult | None = None
        self._error: Exception | None = None
        self.refused = False  # run_sync failed before a job started (run_jobs reports it)
        self._thread = threading.Thread(target=self._work, name="eider-sync", daemon=True)

    def _work(self) -> None:
        try:
            self._result = run_sync(self._engine, self._plan, self._options, self._job_started)
        except Exception as exc:  # handed to the command's thread, which reports it
            self._error = exc
        finally:
            self._settled.set()

    def _job_started(self, job_id: str) -> None:
        self._job_id = job_id
        self._settled.set()

    def start(self) -> list[str]:
        """Start the sync and return its transfer job (none when it only deletes)."""
        self._thread.start()
        while not self._settled.wait(_POLL):
            pass
        if self._job_id is None:
            self.refused = self._error is not None
            self._raise_error()
            return []
        return [self._job_id]

    def result(self) -> SyncResult:
        while self._thread.is_alive():
            self._thread.join(_POLL)
        self._raise_error()
        assert self._result is not None
        return self._result

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error
