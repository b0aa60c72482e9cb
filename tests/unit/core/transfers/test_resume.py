"""Crash and resume: a real upload process killed with SIGKILL, then resumed in-process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobEvent, JobState
from app.core.transfers.journal import Journal
from app.core.transfers.options import MIB
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, pause_after, random_file

ROOT = Path(__file__).resolve().parents[4]
PARTS = 8  # a 38 MiB file in 5 MiB parts


def _wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


def _journal_parts(journal: Journal) -> tuple[str | None, set[int]]:
    for job in journal.jobs():
        for item in journal.items(job.id):
            return item.upload_id, set(journal.parts(item))
    return None, set()


def _count_part_sends(session: S3Session) -> list[int]:
    sent: list[int] = []

    def log(params: dict[str, Any], **_: Any) -> None:
        sent.append(params["PartNumber"])

    session.client().meta.events.register("before-parameter-build.s3.UploadPart", log)
    return sent


def _start_upload_driver(
    seaweed: RunningS3,
    bucket: str,
    key: str,
    source: Path,
    sent_log: Path,
    hold_after: int | None = None,
) -> subprocess.Popen[bytes]:
    """An engine in a child process uploading `source`, logging each part it sends; with
    `hold_after`, it sends that many requests and holds the rest until killed."""
    hold = {} if hold_after is None else {"DRIVER_HOLD_AFTER": str(hold_after)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.unit.core.transfers.upload_driver",
            seaweed.host,
            str(seaweed.port),
            seaweed.access_key,
            seaweed.secret_key,
            bucket,
            key,
            str(source),
            str(sent_log),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **hold},
    )


@pytest.mark.parametrize("kill_after_parts", [0, 2, 6])
def test_killed_upload_resumes_without_resending_finished_parts(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    kill_after_parts: int,
) -> None:
    data = random_file(tmp_path / "big.bin", 37 * MIB + 12345)
    sent_log = tmp_path / "sent.log"
    driver = _start_upload_driver(
        seaweed, bucket, "big.bin", tmp_path / "big.bin", sent_log, hold_after=kill_after_parts
    )
    watcher = Journal()
    try:
        _wait_for(
            lambda: (
                (
                    (state := _journal_parts(watcher))[0] is not None
                    and len(state[1]) >= kill_after_parts
                )
                or driver.poll() is not None
            )
        )
        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        assert driver.returncode == -signal.SIGKILL, "the driver finished before the kill"
        upload_id, journaled = _journal_parts(watcher)
    finally:
        watcher.close()
        if driver.poll() is None:
            driver.kill()
    assert upload_id and len(journaled) < PARTS
    sent_before = [int(n) for n in sent_log.read_text().split()] if sent_log.exists() else []
    in_flight = set(sent_before) - journaled
    assert len(in_flight) <= 2  # two connections

    resent = _count_part_sends(session)
    engine = make_engine()
    (job_id,) = engine.resume_unfinished()
    snap = engine.wait(job_id, 60)
    assert snap.state is JobState.DONE, snap.error

    assert not set(resent) & journaled, "a part the journal had finished was sent again"
    assert set(resent) | set(journaled) | in_flight >= set(range(1, PARTS + 1))
    assert len(resent) == len(set(resent))
    assert set(resent) <= set(range(1, PARTS + 1)) - journaled
    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == data
    uploads = seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    assert uploads == [], "the resumed upload must reuse the first upload id, not start another"


def test_changed_source_restarts_instead_of_mixing_versions(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    source = tmp_path / "big.bin"
    random_file(source, 16 * MIB)
    engine = make_engine()
    sent = _count_part_sends(session)
    pause_after_two = pause_after(engine, "UploadPart", sent, 2)
    job = engine.upload(source, bucket, "big.bin", SMALL)
    pause_after_two(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.PAUSED
    (item,) = engine.journal.items(job)
    first_upload = item.upload_id
    assert first_upload and engine.journal.parts(item)

    new = random_file(source, 16 * MIB + 5)  # same path, new content, new size and mtime
    sent.clear()
    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert sorted(sent) == [1, 2, 3, 4], "every part of the new version was sent"
    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == new
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_upload_id_lost_before_the_journal_is_found_with_list_multipart_uploads(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = random_file(tmp_path / "big.bin", 11 * MIB)
    creates: list[str] = []

    def crash_after_create(**_: Any) -> None:
        # Stands in for a kill between the server's answer and the journal write: the server
        # made the upload, the engine never learnt its id.
        creates.append("create")
        raise RuntimeError("simulated crash after CreateMultipartUpload")

    client = session.client()
    client.meta.events.register("after-call.s3.CreateMultipartUpload", crash_after_create)
    engine = make_engine()
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    assert engine.wait(job, 60).state is JobState.FAILED
    (item,) = engine.journal.items(job)
    assert item.upload_id is None and item.upload_started is not None
    orphans = seaweed_admin.list_multipart_uploads(Bucket=bucket)["Uploads"]
    assert len(orphans) == 1

    client.meta.events.unregister("after-call.s3.CreateMultipartUpload", crash_after_create)
    client.meta.events.register(
        "after-call.s3.CreateMultipartUpload", lambda **_: creates.append("create")
    )
    engine.retry(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert creates == ["create"], "the orphan was continued, not a second upload started"
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_a_new_job_for_the_same_file_continues_the_unfinished_upload(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = random_file(tmp_path / "big.bin", 21 * MIB)
    engine = make_engine(connections=1)
    sent = _count_part_sends(session)
    arm = pause_after(engine, "UploadPart", sent, 2)
    first = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    arm(first)
    assert engine.wait(first, 60).state is JobState.PAUSED
    done_first = set(sent)

    sent.clear()
    second = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    snap = engine.wait(second, 60)
    assert snap.state is JobState.DONE, snap.error
    assert not set(sent) & done_first and set(sent) | done_first == {1, 2, 3, 4, 5}
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    (old_item,) = engine.journal.items(first)
    assert old_item.state == "superseded" and old_item.upload_id is None


def test_jobs_interrupted_by_quitting_continue_on_the_next_start(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = random_file(tmp_path / "big.bin", 21 * MIB)
    two_parts = threading.Event()
    sent = _count_part_sends(session)
    session.client().meta.events.register(
        "after-call.s3.UploadPart", lambda **_: two_parts.set() if len(sent) >= 2 else None
    )
    first = make_engine(connections=1)
    job = first.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    assert two_parts.wait(60)
    first.close()
    assert first.job(job).state is JobState.PAUSED
    before = set(sent)

    sent.clear()
    second = make_engine(connections=1)
    assert second.resume_unfinished() == [job]
    snap = second.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert not set(sent) & before
    assert seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data


def test_two_jobs_for_one_key_never_run_two_multipart_uploads_at_once(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    # Two different files to one key: without the per-key claim, each job would find the
    # other's upload in the journal as "an older version" and abort it under its feet.
    one = random_file(tmp_path / "one.bin", 16 * MIB)
    two = random_file(tmp_path / "two.bin", 16 * MIB)
    open_at_create: list[int] = []

    def count_open_uploads(**_: Any) -> None:
        uploads = seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
        open_at_create.append(len(uploads))

    session.client().meta.events.register(
        "before-call.s3.CreateMultipartUpload", count_open_uploads
    )
    # The two jobs overlap for certain: the first job's parts wait until both jobs run.
    running: set[str] = set()
    both_running = threading.Event()

    def watch(event: JobEvent) -> None:
        if event.job.state is JobState.RUNNING:
            running.add(event.job.id)
            if len(running) == 2:
                both_running.set()

    session.client().meta.events.register(
        "before-parameter-build.s3.UploadPart", lambda **_: both_running.wait(30)
    )
    engine = make_engine()
    engine.subscribe(watch)
    first = engine.upload(tmp_path / "one.bin", bucket, "same.bin", SMALL)
    second = engine.upload(tmp_path / "two.bin", bucket, "same.bin", SMALL)
    assert engine.wait(first, 60).state is JobState.DONE, engine.job(first).error
    assert engine.wait(second, 60).state is JobState.DONE, engine.job(second).error
    assert both_running.is_set(), "the two jobs never ran at the same time"
    assert len(open_at_create) == 2 and open_at_create == [0, 0]
    assert seaweed_admin.get_object(Bucket=bucket, Key="same.bin")["Body"].read() in (one, two)


def test_killed_tree_upload_journals_as_done_only_what_the_server_holds(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    # Small files are marked done in batches (one commit for many): a crash may lose the mark
    # of a file that was sent (it is sent again), never mark one that was not.
    tree = tmp_path / "tree"
    files = {
        f"d{n % 3}/f{n:03d}.bin": random_file(tree / f"d{n % 3}/f{n:03d}.bin", 3000 + n)
        for n in range(60)
    }
    driver = _start_upload_driver(
        seaweed, bucket, "up/", tree, tmp_path / "sent.log", hold_after=20
    )
    watcher = Journal()

    def done_keys() -> set[str]:
        return {
            item.key
            for job in watcher.jobs()
            for item in watcher.items(job.id)
            if item.state == "done"
        }

    try:
        _wait_for(lambda: len(done_keys()) >= 10 or driver.poll() is not None)
        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        assert driver.returncode == -signal.SIGKILL, "the driver finished before the kill"
        recorded = done_keys()
    finally:
        watcher.close()
        if driver.poll() is None:
            driver.kill()
    assert 10 <= len(recorded) < len(files)

    for key in recorded:
        body = seaweed_admin.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert body == files[key.removeprefix("up/")], f"{key} is journaled done but differs"

    engine = make_engine()
    (job_id,) = engine.resume_unfinished()
    snap = engine.wait(job_id, 120)
    assert snap.state is JobState.DONE, snap.error
    for name, data in files.items():
        assert seaweed_admin.get_object(Bucket=bucket, Key=f"up/{name}")["Body"].read() == data
