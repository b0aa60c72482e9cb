"""`eider jobs list|resume|abort`: the transfer journal's unfinished jobs.

`list` reads the journal only. `resume` and `abort` need the connection the job was started
with (the same --bookmark / --endpoint-url / credentials), because the journal keeps no
secrets: a job is found again by its endpoint and access key id.

The journal is the one the GUI's transfer service uses. A job another Eider process runs
(a window, another `eider`) holds a claim: `list` names that process, and `resume` and
`abort` leave the job alone until the process stops or quits.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from app.cli import exit_codes
from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.job_runner import add_output_arguments, make_engine, run_jobs
from app.cli.progress_bar import human_size
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import parse_size
from app.core.cse import key_files
from app.core.cse.errors import CseKeyFileError
from app.core.errors import describe
from app.core.sse_c.errors import KeyFileError, RingLostKey
from app.core.sse_c.rings import ring_for
from app.core.transfers.claims import JobClaims, held_elsewhere_message
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import UNFINISHED, JobState
from app.core.transfers.journal import JobRecord, Journal
from app.core.transfers.journal_progress import journal_progress
from app.core.transfers.options import ServerSideEncryption, TransferOptions


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "jobs", help="list, resume or abort unfinished transfers", epilog=exit_codes.EPILOG
    )
    actions = parser.add_subparsers(dest="jobs_action", metavar="ACTION", required=True)

    lst = actions.add_parser("list", help="unfinished jobs in the journal")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=exit_codes.interruptible(_list))

    resume = actions.add_parser("resume", help="continue unfinished jobs (default: all)")
    resume.add_argument("jobs", nargs="*", metavar="JOB", help="job id or unique id prefix")
    resume.add_argument(
        "--connections", type=int, default=10, help="requests in flight at once (default 10)"
    )
    resume.add_argument(
        "--rate-limit",
        type=parse_size,
        metavar="BYTES",
        help="bytes per second for all the resumed jobs together, e.g. 5MiB; a job's own "
        "limit from its first run still holds",
    )
    resume.add_argument(
        "--cse-key-file",
        type=Path,
        metavar="FILE",
        help="the client-side key file of the jobs started with --cse-key-file, when it has "
        "moved (default: the file each job recorded); it must hold the job's key",
    )
    add_connection_arguments(resume)
    add_output_arguments(resume)
    resume.set_defaults(func=exit_codes.interruptible(_resume))

    abort = actions.add_parser(
        "abort", help="cancel a job: abort its multipart uploads, drop partial downloads"
    )
    abort.add_argument("jobs", nargs="+", metavar="JOB", help="job id or unique id prefix")
    abort.add_argument(
        "--keep-uploads", action="store_true", help="leave its multipart uploads on the server"
    )
    add_connection_arguments(abort)
    abort.set_defaults(func=exit_codes.interruptible(_abort))

    uploads = actions.add_parser(
        "uploads",
        help="multipart uploads left open on the server (stored and billed until aborted)",
    )
    uploads.add_argument("path", help="s3://bucket[/prefix]")
    uploads.add_argument(
        "--abort-orphans",
        action="store_true",
        help="abort those that no unfinished Eider job continues",
    )
    uploads.add_argument("--json", action="store_true")
    add_connection_arguments(uploads)
    uploads.set_defaults(func=exit_codes.interruptible(_uploads))


def _unfinished(journal: Journal) -> list[JobRecord]:
    return journal.jobs([s.value for s in UNFINISHED])


def _list(args: argparse.Namespace) -> int:
    journal = Journal()
    claims = JobClaims.beside(journal.path)
    try:
        rows = []
        for record in _unfinished(journal):
            progress = journal_progress(journal, record)
            done, total = progress.bytes_done, progress.bytes_total
            files_done, files = progress.files_done, progress.files_total
            rows.append(
                {
                    "id": record.id,
                    "kind": record.kind,
                    "state": record.state,
                    "title": record.spec.get("title", record.kind),
                    "endpoint": record.endpoint.split("|", 1)[0],
                    "bytes_done": done,
                    "bytes_total": total,
                    "files_done": files_done,
                    "files_total": files,
                    "error": record.error,
                    "updated": record.updated,
                    "bookmark_id": record.spec.get("bookmark_id"),
                    "running_in_pid": claims.holder(record.id),
                }
            )
    finally:
        journal.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return exit_codes.OK
    for row in rows:
        planned = f"{human_size(row['bytes_done'])}/{human_size(row['bytes_total'])}"
        if not row["files_total"]:
            planned = "not planned yet"
        print(f"{row['id'][:8]}  {row['state']:<7}  {planned:<22}  {row['title']}")
        if row["running_in_pid"] is not None:
            print(f"          {held_elsewhere_message(row['running_in_pid'])}")
        elif row["error"]:
            print(f"          {' '.join(str(row['error']).split())}")
    return exit_codes.OK


def _match(wanted: list[str], ids: list[str], journal_ids: dict[str, JobRecord]) -> list[str] | int:
    chosen: list[str] = []
    for prefix in wanted:
        found = [i for i in ids if i.startswith(prefix)]
        if len(found) > 1:
            return exit_codes.usage(f"'{prefix}' matches {len(found)} jobs; give more of the id")
        if not found:
            elsewhere = [r for i, r in journal_ids.items() if i.startswith(prefix)]
            if elsewhere:
                host = elsewhere[0].endpoint.split("|", 1)[0]
                return exit_codes.usage(
                    f"Job {prefix} belongs to another connection ({host} with other keys); "
                    "give the options it was started with"
                )
            return exit_codes.not_found(f"No unfinished job {prefix} in the journal")
        chosen.append(found[0])
    return chosen


def _load(
    args: argparse.Namespace, connections: int = 10, rate_limit: int | None = None
) -> tuple[TransferEngine, list[str]] | int:
    if connections < 1:
        return exit_codes.usage("--connections must be at least 1")
    try:
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    engine = make_engine(session, connections, rate_limit, saved_limits=rate_limit is None)
    ids = engine.resume_unfinished(start=False)
    every = {r.id: r for r in _unfinished(engine.journal)}
    chosen = _match(args.jobs, ids, every) if args.jobs else ids
    if isinstance(chosen, int):
        engine.close()
        return chosen
    held = [j for j in chosen if engine.claims.holder(j) is not None]
    for job_id in held:
        message = held_elsewhere_message(engine.claims.holder(job_id))
        print(f"eider: job {job_id[:8]} is left alone: {message}", file=sys.stderr)
    chosen = [j for j in chosen if j not in held]
    if held and not chosen:
        engine.close()
        return exit_codes.PARTIAL
    if not chosen and every:
        print(
            f"eider: {len(every)} unfinished job(s) belong to other connections; "
            "give the options they were started with",
            file=sys.stderr,
        )
    return engine, chosen


def _resume(args: argparse.Namespace) -> int:
    loaded = _load(args, args.connections, args.rate_limit)
    if isinstance(loaded, int):
        return loaded
    engine, chosen = loaded
    try:
        given = key_files.file_ref(args.cse_key_file) if args.cse_key_file else None
    except CseKeyFileError as exc:
        engine.close()
        return exit_codes.usage(str(exc))
    refused = _lost_key_rings(engine, chosen) | _lost_cse_keys(engine, chosen, given)
    chosen = [j for j in chosen if j not in refused]
    if refused and not chosen:
        engine.close()
        return exit_codes.PARTIAL
    if not chosen:
        engine.close()
        if not args.quiet:
            print("No unfinished jobs to resume.")
        return exit_codes.OK

    def start() -> list[str]:
        for job_id in chosen:
            engine.resume(job_id)
        return chosen

    code, _ = run_jobs(engine, start, args)
    return code


def _lost_key_rings(engine: TransferEngine, chosen: list[str]) -> set[str]:
    """Jobs whose SSE-C key file is gone or no longer holds the job's key: named, not run."""
    records = {r.id: r for r in _unfinished(engine.journal)}
    refused = set()
    for job_id in chosen:
        options = TransferOptions.from_json(records[job_id].options)
        if options.sse is not ServerSideEncryption.CUSTOMER:
            continue
        try:
            ring_for(options.sse_customer_key_ref or "")
        except (KeyFileError, RingLostKey) as exc:
            exit_codes.say_error(f"Job {job_id[:8]} is not resumed: {describe(exc)}")
            refused.add(job_id)
    return refused


def _lost_cse_keys(engine: TransferEngine, chosen: list[str], given: str | None) -> set[str]:
    """Jobs whose client-side key file (the one given, else the one recorded) is gone or does
    not hold the job's key: named, not run."""
    records = {r.id: r for r in _unfinished(engine.journal)}
    given_file = key_files.file_of(given) if given else None
    refused = set()
    for job_id in chosen:
        ref = TransferOptions.from_json(records[job_id].options).cse_key_ref or ""
        recorded = key_files.file_of(ref)
        if recorded is None:
            continue
        try:
            if given_file is not None and given_file[0] != recorded[0]:
                raise CseKeyFileError(
                    f"The client-side key file {given_file[1]} does not hold the key this job "
                    f"was started with (fingerprint {recorded[0]})"
                )
            key_files.key_for(ref)
        except CseKeyFileError as exc:
            exit_codes.say_error(f"Job {job_id[:8]} is not resumed: {describe(exc)}")
            refused.add(job_id)
    return refused


def _abort(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    engine, chosen = loaded
    code = exit_codes.OK
    try:
        for job_id in chosen:
            engine.cancel(job_id, keep_uploads=args.keep_uploads)
            snap = engine.wait(job_id)
            if snap.state is JobState.CANCELLED:
                print(f"aborted: {job_id[:8]} {snap.title}")
            else:
                exit_codes.say_error(
                    f"Job {job_id[:8]} could not be aborted: {snap.error or snap.state}"
                )
                code = exit_codes.PARTIAL
    except (ClientError, BotoCoreError) as exc:
        code = exit_codes.fail(exc, "AbortMultipartUpload")
    finally:
        engine.close()
    return code


def _uploads(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS) as exc:
        return setup_failure(exc)
    engine = make_engine(session, 4)
    code = exit_codes.OK
    try:
        found = engine.unfinished_uploads(path.bucket, path.key)
        rows = [
            {
                "key": u.key,
                "upload_id": u.upload_id,
                "initiated": u.initiated.isoformat(),
                "age_seconds": int((datetime.now(UTC) - u.initiated).total_seconds()),
                "parts": u.parts,
                "bytes": u.bytes,
                "job": u.job_id,
            }
            for u in found
        ]
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            for row in rows:
                owner = f"job {row['job'][:8]}" if row["job"] else "orphan"
                print(
                    f"{row['initiated'][:19]}  {row['parts']:>5} parts  "
                    f"{human_size(row['bytes']):>10}  {owner:<12}  {row['key']}"
                )
        if args.abort_orphans:
            for u in found:
                if u.job_id is None:
                    engine.abort_unfinished_upload(u.bucket, u.key, u.upload_id)
                    if not args.json:
                        print(f"aborted: s3://{u.bucket}/{u.key} ({u.upload_id[:12]})")
    except (ClientError, BotoCoreError) as exc:
        code = exit_codes.fail(exc, "ListMultipartUploads", path.bucket)
    finally:
        engine.close()
    return code
