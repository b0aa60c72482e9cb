"""The job queue: no thread per waiting job, and a conflict question that stalls only its job."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.core.transfers.engine import TransferEngine
from app.core.transfers.job_queue import JobQueue
from app.core.transfers.jobs import Conflict, Decision, EventType, JobEvent, JobState
from app.core.transfers.options import ConflictPolicy
from tests.unit.core.transfers.conftest import SMALL, random_file


def _job_threads(engine: TransferEngine) -> list[threading.Thread]:
    """Threads of the engine's jobs that are not done (a finished job's thread may still be
    exiting while the next job's starts)."""
    unfinished = {j.id[:8] for j in engine.jobs() if j.state is not JobState.DONE}
    return [t for t in threading.enumerate() if t.name.removeprefix("eider-job-") in unfinished]


def test_waiting_jobs_hold_no_thread_and_start_as_slots_free(
    bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    for n in range(12):
        random_file(tmp_path / f"f{n}.bin", 64 * 1024)
    engine = make_engine(max_running_jobs=2)
    gate = threading.Event()
    most_threads = [0]

    held = threading.Event()

    def hold(**_: Any) -> None:  # every PutObject waits until the gate opens
        most_threads[0] = max(most_threads[0], len(_job_threads(engine)))
        held.set()
        gate.wait(30)

    engine.session.client().meta.events.register("before-send.s3.PutObject", hold)
    jobs = [engine.upload(tmp_path / f"f{n}.bin", bucket, f"f{n}.bin", SMALL) for n in range(12)]
    assert held.wait(30)
    assert len(_job_threads(engine)) <= 2
    states = [engine.job(j).state for j in jobs]
    assert states.count(JobState.QUEUED) == 10
    gate.set()
    for job in jobs:
        assert engine.wait(job, 60).state is JobState.DONE
    assert most_threads[0] <= 2


def test_a_queued_job_pauses_and_cancels_at_once(
    bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    for n in range(3):
        random_file(tmp_path / f"f{n}.bin", 1024)
    engine = make_engine(max_running_jobs=1)
    gate = threading.Event()

    def hold(**_: Any) -> None:  # a before-send handler returning a value would answer
        gate.wait(30)

    engine.session.client().meta.events.register("before-send.s3.PutObject", hold)
    first, second, third = (
        engine.upload(tmp_path / f"f{n}.bin", bucket, f"f{n}.bin", SMALL) for n in range(3)
    )
    engine.pause(second)
    assert engine.wait(second, 5).state is JobState.PAUSED
    engine.cancel(third)
    assert engine.wait(third, 10).state is JobState.CANCELLED
    gate.set()
    assert engine.wait(first, 30).state is JobState.DONE
    engine.resume(second)
    assert engine.wait(second, 30).state is JobState.DONE


def test_the_queue_starts_in_order_and_follows_a_changed_limit() -> None:
    queue = JobQueue(1)
    started: list[str] = []
    for name in "abc":
        queue.submit(name, lambda n=name: started.append(n))
    assert started == ["a"]
    assert queue.withdraw("b")
    queue.set_max_running(2)
    assert started == ["a", "c"]
    queue.done("a")
    queue.done("c")
    assert queue.running() == set()
    assert queue.waiting() == []


def test_a_conflict_question_waits_while_two_other_jobs_finish(
    bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path, seaweed_admin: Any
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="taken.txt", Body=b"old")
    random_file(tmp_path / "taken.txt", 1000)
    random_file(tmp_path / "one.bin", 7 * 1024 * 1024)  # multipart: progress on the way
    random_file(tmp_path / "two.bin", 3000)
    asked, answer = threading.Event(), threading.Event()

    def resolver(conflict: Conflict) -> Decision:
        asked.set()
        assert answer.wait(60), "the test never answered"
        return Decision(ConflictPolicy.OVERWRITE)

    events: list[JobEvent] = []
    engine = make_engine(conflict_resolver=resolver, max_running_jobs=3)
    engine.subscribe(events.append)
    ask = replace(SMALL, conflict=ConflictPolicy.ASK)
    waiting = engine.upload(tmp_path / "taken.txt", bucket, "taken.txt", ask)
    assert asked.wait(30)
    one = engine.upload(tmp_path / "one.bin", bucket, "one.bin", ask)
    two = engine.upload(tmp_path / "two.bin", bucket, "two.bin", ask)
    assert engine.wait(one, 60).state is JobState.DONE
    assert engine.wait(two, 60).state is JobState.DONE
    finished = {e.job.id for e in events if e.type is EventType.FINISHED}
    assert {one, two} <= finished, "the other jobs' events were delivered during the question"
    assert engine.job(waiting).state is JobState.RUNNING
    answer.set()
    assert engine.wait(waiting, 60).state is JobState.DONE
    body = seaweed_admin.get_object(Bucket=bucket, Key="taken.txt")["Body"].read()
    assert body == (tmp_path / "taken.txt").read_bytes()
