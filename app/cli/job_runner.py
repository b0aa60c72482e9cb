"""Run engine jobs in the foreground: a progress bar, Ctrl-C pauses, the outcome as exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.progress_bar import ProgressBar, human_duration, human_size
from app.core.preferences.loading import load_transfer_limits
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobSnapshot, JobState
from app.core.transfers.limits import LimitKeeper

_POLL = 0.1
_MAX_FAILURES_SHOWN = 20


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    group.add_argument("--no-progress", action="store_true", help="no progress bar")


def progress_wanted(args: argparse.Namespace) -> bool:
    return not args.quiet and not args.no_progress and sys.stdout.isatty()


def make_engine(
    session: S3Session,
    connections: int = 10,
    rate_limit: int | None = None,
    bookmark_id: str | None = None,
    saved_limits: bool = True,
) -> TransferEngine:
    """`rate_limit` caps every job of the engine together (bytes per second; 0/None: none).
    Jobs record `bookmark_id` (the --bookmark given), so a window can resume them too.
    With `saved_limits`, the saved transfer limits hold too: jobs at once, and the upload and
    download bandwidth (the schedule's rates in force as the command starts)."""
    limits = load_transfer_limits()
    shared = LimitKeeper(limits).bandwidth if saved_limits else None
    return TransferEngine(
        session,
        connections=connections,
        rate_limit=rate_limit or None,
        bookmark_id=bookmark_id,
        max_running_jobs=limits.max_running_jobs,
        shared_bandwidth=shared,
    )


def run_jobs(
    engine: TransferEngine,
    start: Callable[[], list[str]],
    args: argparse.Namespace,
    close: bool = True,
) -> tuple[int, list[JobSnapshot]]:
    """Start jobs with `start` (subscribed first, so no event is missed) and wait for them.

    Returns the exit code and the final snapshots. Ctrl-C pauses every job; the journal keeps
    them for `eider jobs resume`. The engine is closed on return (after finished jobs only
    when `close`: the caller has more for it, and closes it itself).
    """
    bar = ProgressBar(sys.stdout, progress_wanted(args))
    unsubscribe = engine.subscribe(bar.on_event)
    began = time.monotonic()
    job_ids: list[str] = []
    try:
        try:
            job_ids = start()
        except (ValueError, OSError, ClientError, BotoCoreError) as exc:
            # Refused before any transfer: a copy onto itself, an unreadable SSE-C key, ...
            engine.close()
            if isinstance(exc, ValueError):
                return exit_codes.usage(str(exc)), []
            return exit_codes.fail(exc), []
        for job_id in job_ids:
            # Poll rather than engine.wait(): a Ctrl-C that interrupts Thread.join() can leave
            # the thread looking finished to every later join (CPython), and close() would
            # then return before the job has recorded that it paused.
            while engine.job(job_id).state in (JobState.QUEUED, JobState.RUNNING):
                time.sleep(_POLL)
                bar.redraw()
        bar.finish()
    except KeyboardInterrupt:
        bar.finish()
        return _interrupted(engine, job_ids), [engine.job(j) for j in job_ids]
    finally:
        unsubscribe()
    snapshots = [engine.job(j) for j in job_ids]
    if close:
        engine.close()
    code = _report(snapshots, args, time.monotonic() - began)
    return code, snapshots


def _interrupted(engine: TransferEngine, job_ids: list[str]) -> int:
    print(
        "eider: stopping after the requests in flight (Ctrl-C again to quit now)", file=sys.stderr
    )
    try:
        for job_id in job_ids:
            engine.pause(job_id)
        # Requests in flight finish and are kept; the job then records itself as paused (a
        # job the engine's close() had to stop would be left queued, for the next start).
        for job_id in job_ids:
            while engine.job(job_id).state in (JobState.QUEUED, JobState.RUNNING):
                time.sleep(_POLL)
        engine.close()
    except KeyboardInterrupt:
        # The journal survives a kill; what was sent is kept and the job stays resumable.
        print("eider: quit; continue later with: eider jobs resume", file=sys.stderr)
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(exit_codes.INTERRUPTED)
    for job_id in job_ids:
        state = engine.job(job_id).state
        if state in (JobState.PAUSED, JobState.QUEUED, JobState.FAILED):
            print(
                f"eider: interrupted; job {job_id[:8]} is paused. "
                f"Continue it with: eider jobs resume {job_id[:8]}",
                file=sys.stderr,
            )
    return exit_codes.INTERRUPTED


def _report(snapshots: list[JobSnapshot], args: argparse.Namespace, elapsed: float) -> int:
    code = exit_codes.OK
    for snap in snapshots:
        if snap.state is JobState.DONE:
            if not args.quiet:
                _summary(snap, elapsed)
                for note in snap.notes:  # how it was checked, when worth saying (MD5)
                    print(f"  {note}")
            continue
        code = exit_codes.PARTIAL
        for failure in snap.failures[:_MAX_FAILURES_SHOWN]:
            where = failure.local_path or f"s3://{failure.bucket}/{failure.key}"
            exit_codes.say_error(f"{where}: {failure.message}")
        if len(snap.failures) > _MAX_FAILURES_SHOWN:
            exit_codes.say_error(f"... and {len(snap.failures) - _MAX_FAILURES_SHOWN} more")
        if not snap.failures and snap.error:
            exit_codes.say_error(snap.error)
        if snap.state in (JobState.FAILED, JobState.PAUSED):
            print(
                f"eider: the job's finished work is kept; retry with: "
                f"eider jobs resume {snap.id[:8]}",
                file=sys.stderr,
            )
    return code


def _summary(snap: JobSnapshot, elapsed: float) -> None:
    p = snap.progress
    rate = human_size(p.bytes_done / elapsed) + "/s" if elapsed > 0 else ""
    skipped = f", {p.files_skipped} skipped" if p.files_skipped else ""
    print(
        f"{snap.title}: {p.files_done} file(s), {human_size(p.bytes_done)}{skipped} "
        f"in {human_duration(elapsed)} ({rate})"
    )
