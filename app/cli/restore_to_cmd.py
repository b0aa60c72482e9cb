"""`eider restore-to s3://bucket[/prefix] --at ISO8601 [--dryrun]`: bring a folder or a whole
versioned bucket back to the state it had at a moment.

The plan (`app.core.s3.point_in_time`) is printed first, one line per change; with --dryrun
nothing else happens. Otherwise the plan runs as a transfer-engine job: journaled, so an
interrupted restore continues with `eider jobs resume`, running exactly the printed steps."""

from __future__ import annotations

import argparse

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, bookmark_id_from_args, open_session
from app.cli.head_failures import fail_head
from app.cli.job_runner import add_output_arguments, make_engine, run_jobs
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.core.s3.point_in_time import NotVersioned, RestorePlan, parse_moment, plan_restore_to


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "restore-to",
        help="restore a folder or a versioned bucket to its state at a moment",
        description=(
            "Make everything under s3://bucket/prefix as it was at --at: older versions are "
            "copied back on top, delete markers placed since are removed, and objects created "
            "since get a delete marker. No object version is deleted (only delete markers "
            "placed since). Prints the plan first."
        ),
        epilog=exit_codes.EPILOG,
    )
    parser.add_argument("path", help="s3://bucket for the whole bucket, s3://bucket/prefix")
    parser.add_argument(
        "--at",
        required=True,
        metavar="ISO8601",
        help="the moment, e.g. 2026-12-07T14:30:00Z (without a zone: UTC)",
    )
    parser.add_argument("--dryrun", action="store_true", help="print the plan, change nothing")
    add_output_arguments(parser)
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _run(args: argparse.Namespace) -> int:
    try:
        moment = parse_moment(args.at)
    except ValueError as exc:
        return exit_codes.usage(str(exc))
    try:
        path = parse_s3(args.path).as_prefix()
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    try:
        plan = plan_restore_to(session, path.bucket, path.key, moment)
    except NotVersioned as exc:
        return exit_codes.usage(str(exc))
    except (ClientError, BotoCoreError) as exc:
        return fail_head(session, exc, "ListObjectVersions", path.bucket, path.key)
    if not args.quiet or args.dryrun:
        print_plan(plan, args.dryrun)
    if args.dryrun or not plan.steps:
        return exit_codes.OK
    engine = make_engine(session, bookmark_id=bookmark_id_from_args(args))
    code, _snapshots = run_jobs(engine, lambda: [engine.restore_to(plan)], args)
    return code


def print_plan(plan: RestorePlan, dryrun: bool) -> None:
    tag = "(dryrun) " if dryrun else ""
    for step in plan.steps:
        print(f"{tag}{step.describe()}")
    print(
        f"{tag}s3://{plan.bucket}/{plan.prefix} at {plan.moment.isoformat()}: "
        f"{len(plan.restored)} restored, {len(plan.markers_removed)} delete markers removed, "
        f"{len(plan.markers_added)} delete markers added; "
        f"{plan.keys_seen - len({s.key for s in plan.steps})} of {plan.keys_seen} keys unchanged"
    )
