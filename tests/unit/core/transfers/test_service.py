"""The transfer service: one journal for every window, restart, bookmarks, shared limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import JobNotFound, endpoint_id
from app.core.transfers.jobs import EventType, JobEvent, JobKind, JobState
from app.core.transfers.journal import Journal
from app.core.transfers.limits import TransferLimits
from app.core.transfers.options import MIB
from app.core.transfers.service import BOOKMARK_GONE, BookmarkGone, TransferService
from app.core.transfers.slots import ResizableSlots
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file


class Sessions:
    """The service's `session_for` over one server, with the bookmarks a test says exist;
    counts the UploadPart requests each session sends (by part number)."""

    def __init__(self, server: RunningS3, bookmarks: set[str]) -> None:
        self.server = server
        self.bookmarks = bookmarks
        self.parts_sent: list[int] = []

    def __call__(self, bookmark_id: str) -> S3Session:
        if bookmark_id not in self.bookmarks:
            raise BookmarkGone(bookmark_id)
        session = S3Session(connection_for(self.server))
        events = session.client().meta.events
        events.register(
            "before-parameter-build.s3.UploadPart",
            lambda params, **_: self.parts_sent.append(params["PartNumber"]),
        )
        return session

    def exists(self, bookmark_id: str) -> bool:
        return bookmark_id in self.bookmarks


@pytest.fixture
def services() -> Iterator[Callable[..., TransferService]]:
    made: list[TransferService] = []

    def make(sessions: Sessions, **kwargs: Any) -> TransferService:
        service = TransferService(
            sessions, bookmark_exists=sessions.exists, sample_interval=0.05, **kwargs
        )
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


def test_quit_after_some_parts_then_a_new_service_lists_and_resumes_the_upload(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    services: Callable[..., TransferService],
) -> None:
    data = random_file(tmp_path / "big.bin", 31 * MIB + 77)  # 7 parts of 5 MiB
    first_run = Sessions(seaweed, {"bm"})
    service = services(first_run)
    some_parts = threading.Event()
    engine = service.engine_for("bm")
    engine.session.client().meta.events.register(
        "after-call.s3.UploadPart",
        lambda **_: some_parts.set() if len(first_run.parts_sent) >= 3 else None,
    )
    job_id = engine.upload(tmp_path / "big.bin", bucket, "big.bin", replace(SMALL, connections=2))
    assert service.job(job_id).where is not None
    assert service.job(job_id).where.bookmark_id == "bm"
    assert some_parts.wait(60)
    service.close()  # as quitting does: the job pauses, resumable
    journal = Journal()
    try:
        (item,) = journal.items(job_id)
        completed = set(journal.parts(item))
    finally:
        journal.close()
    assert 3 <= len(completed) < 7, "the quit came after several parts and before the end"

    second_run = Sessions(seaweed, {"bm"})
    service = services(second_run)
    (listed,) = service.jobs()
    assert (listed.id, listed.interrupted, listed.state) == (job_id, True, JobState.QUEUED)
    assert listed.progress.bytes_done == sum(5 * MIB for _ in completed)
    service.resume(job_id)
    snapshot = service.wait(job_id, 60)
    assert snapshot.state is JobState.DONE, snapshot.error
    assert not snapshot.interrupted
    assert second_run.parts_sent, "the second run sent the parts that were missing"
    assert not set(second_run.parts_sent) & completed, "a completed part was sent twice"
    assert set(second_run.parts_sent) | completed == set(range(1, 8))
    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == data
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def _journal_job(server: RunningS3, bookmark_id: str, local: Path, bucket: str, key: str) -> str:
    """A queued upload as an earlier run (of a window on `bookmark_id`) leaves it."""
    journal = Journal()
    try:
        job_id = f"job{time.monotonic_ns()}"
        spec = {
            "local": str(local),
            "bucket": bucket,
            "key": key,
            "title": f"Upload {local.name}",
            "bookmark_id": bookmark_id,
        }
        endpoint = endpoint_id(S3Session(connection_for(server)))
        journal.create_job(job_id, "upload", endpoint, spec, SMALL.to_json())
    finally:
        journal.close()
    return job_id


def test_a_job_whose_bookmark_is_gone_says_so_and_can_be_pointed_elsewhere_or_removed(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    services: Callable[..., TransferService],
) -> None:
    random_file(tmp_path / "a.txt", 100)
    random_file(tmp_path / "b.txt", 100)
    moved = _journal_job(seaweed, "removed", tmp_path / "a.txt", bucket, "a.txt")
    dropped = _journal_job(seaweed, "removed", tmp_path / "b.txt", bucket, "b.txt")
    service = services(Sessions(seaweed, {"other"}))
    events: list[JobEvent] = []
    service.subscribe(events.append)
    listed = {s.id: s for s in service.jobs()}
    assert listed[moved].error == BOOKMARK_GONE
    assert listed[moved].kind is JobKind.UPLOAD and listed[moved].interrupted
    with pytest.raises(BookmarkGone):
        service.resume(moved)

    service.retarget(moved, "other")
    assert service.job(moved).error is None
    assert service.job(moved).where.bookmark_id == "other"
    service.resume(moved)
    assert service.wait(moved, 60).state is JobState.DONE
    assert seaweed_admin.head_object(Bucket=bucket, Key="a.txt")["ContentLength"] == 100

    service.forget(dropped)
    assert dropped not in {s.id for s in service.jobs()}
    assert (EventType.REMOVED, dropped) in {(e.type, e.job.id) for e in events}
    journal = Journal()
    try:
        assert journal.job(dropped) is None
    finally:
        journal.close()


def test_jobs_of_two_bookmarks_share_the_running_limit(
    seaweed: RunningS3, bucket: str, tmp_path: Path, services: Callable[..., TransferService]
) -> None:
    for n in range(6):
        random_file(tmp_path / f"f{n}.bin", 1000)
    service = services(Sessions(seaweed, {"one", "two"}), limits=TransferLimits(max_running_jobs=1))
    gate = threading.Event()
    running_at_once: list[int] = []
    engines = [service.engine_for("one"), service.engine_for("two")]

    def hold(**_: Any) -> None:  # a before-send handler returning a value would answer
        running_at_once.append(sum(s.state is JobState.RUNNING for s in service.jobs()))
        gate.wait(30)

    for engine in engines:
        engine.session.client().meta.events.register("before-send.s3.PutObject", hold)
    jobs = [
        engines[n % 2].upload(tmp_path / f"f{n}.bin", bucket, f"f{n}.bin", SMALL) for n in range(6)
    ]
    deadline = time.monotonic() + 30
    while not running_at_once and time.monotonic() < deadline:
        time.sleep(0.02)
    waiting = [service.job(j).state for j in jobs].count(JobState.QUEUED)
    assert waiting == 5, "one job runs, the other five (of both bookmarks) wait"
    gate.set()
    for job in jobs:
        assert service.wait(job, 60).state is JobState.DONE
    assert running_at_once and max(running_at_once) == 1
    assert {service.job(j).where.bookmark_id for j in jobs} == {"one", "two"}


def test_a_lifted_upload_limit_reaches_the_running_job_within_a_second(
    seaweed: RunningS3, bucket: str, tmp_path: Path, services: Callable[..., TransferService]
) -> None:
    random_file(tmp_path / "slow.bin", 8 * MIB)  # two parts
    limits = TransferLimits(upload_rate=256 * 1024)  # 32 s for the whole file
    service = services(Sessions(seaweed, {"bm"}), limits=limits)
    assert service.bandwidth_in_force() == (256 * 1024, None)
    heard: list[tuple[float | None, float | None]] = []
    service.subscribe_limits(heard.append)
    job = service.engine_for("bm").upload(tmp_path / "slow.bin", bucket, "slow.bin", SMALL)
    deadline = time.monotonic() + 30
    while service.job(job).state is not JobState.RUNNING and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the first part is waiting for bandwidth
    assert service.job(job).progress.bytes_done < 8 * MIB
    service.set_limits(TransferLimits())
    lifted = time.monotonic()
    assert service.wait(job, 30).state is JobState.DONE
    assert time.monotonic() - lifted < 5, "the running job kept the old limit"
    assert service.bandwidth_in_force() == (None, None)
    assert heard == [(None, None)]


def test_an_idle_engine_closes_and_its_jobs_stay_listed_and_resumable(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    services: Callable[..., TransferService],
) -> None:
    random_file(tmp_path / "done.txt", 10)
    random_file(tmp_path / "later.txt", 10)
    service = services(
        Sessions(seaweed, {"bm"}),
        idle_close_after=0.3,
        tick=0.05,
        limits=TransferLimits(max_running_jobs=1),
    )
    engine = service.engine_for("bm")
    gate = threading.Event()

    def hold(**_: Any) -> None:  # a before-send handler returning a value would answer
        gate.wait(30)

    engine.session.client().meta.events.register("before-send.s3.PutObject", hold)
    done = engine.upload(tmp_path / "done.txt", bucket, "done.txt", SMALL)
    later = engine.upload(tmp_path / "later.txt", bucket, "later.txt", SMALL)  # waits
    service.pause(later)
    assert service.wait(later, 5).state is JobState.PAUSED
    gate.set()
    assert service.wait(done, 30).state is JobState.DONE
    deadline = time.monotonic() + 10
    while service.open_engines() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert service.open_engines() == [], "the idle engine was closed"
    listed = {s.id: s.state for s in service.jobs()}
    assert listed == {done: JobState.DONE, later: JobState.PAUSED}
    service.resume(later)  # makes the engine again
    assert service.open_engines() == ["bm"]
    assert service.wait(later, 30).state is JobState.DONE
    assert seaweed_admin.head_object(Bucket=bucket, Key="later.txt")["ContentLength"] == 10
    service.forget(done)
    assert done not in {s.id for s in service.jobs()}


def test_resizable_slots_follow_a_new_limit() -> None:
    slots = ResizableSlots(1)
    slots.acquire()
    got = threading.Event()
    threading.Thread(target=lambda: (slots.acquire(), got.set()), daemon=True).start()
    assert not got.wait(0.2)
    slots.set_limit(2)
    assert got.wait(5)
    assert slots.in_use == 2


def test_resume_interrupted_starts_the_jobs_whose_bookmark_exists(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    services: Callable[..., TransferService],
) -> None:
    random_file(tmp_path / "kept.txt", 10)
    random_file(tmp_path / "orphan.txt", 10)
    kept = _journal_job(seaweed, "bm", tmp_path / "kept.txt", bucket, "kept.txt")
    orphan = _journal_job(seaweed, "removed", tmp_path / "orphan.txt", bucket, "orphan.txt")
    service = services(Sessions(seaweed, {"bm"}))
    assert service.resume_interrupted() == [kept]
    assert service.wait(kept, 30).state is JobState.DONE
    assert service.job(orphan).error == BOOKMARK_GONE
    assert service.job(orphan).state is JobState.QUEUED
    assert seaweed_admin.head_object(Bucket=bucket, Key="kept.txt")["ContentLength"] == 10


def test_a_listed_job_another_process_finished_meanwhile_leaves_the_list_on_resume(
    seaweed: RunningS3, bucket: str, tmp_path: Path, services: Callable[..., TransferService]
) -> None:
    random_file(tmp_path / "gone.txt", 10)
    job_id = _journal_job(seaweed, "bm", tmp_path / "gone.txt", bucket, "gone.txt")
    service = services(Sessions(seaweed, {"bm"}))
    events: list[JobEvent] = []
    service.subscribe(events.append)
    assert [s.id for s in service.jobs()] == [job_id]
    journal = Journal()  # as `eider jobs` finishing it in another process would
    try:
        journal.delete_job(job_id)
    finally:
        journal.close()
    with pytest.raises(JobNotFound):
        service.resume(job_id)
    assert service.jobs() == []
    assert [(e.type, e.job.id) for e in events] == [(EventType.REMOVED, job_id)]
