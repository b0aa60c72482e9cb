"""Cancel, pause, conflicts and progress events."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import Conflict, Decision, EventType, JobEvent, JobState
from app.core.transfers.options import MIB, ConflictPolicy
from app.core.transfers.progress import PartState
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file


def _stop_after_parts(engine: TransferEngine, count: int, action: Callable[[str], None]) -> Any:
    """Like `pause_after`: the part that reaches the count waits until the job is named."""
    sent: list[int] = []
    holder: dict[str, str] = {}
    named = threading.Event()

    def hook(**_: Any) -> None:
        sent.append(1)
        if len(sent) >= count:
            named.wait(30)
            if "job" in holder:
                action(holder.pop("job"))

    def name(job_id: str) -> None:
        holder["job"] = job_id
        named.set()

    engine.session.client().meta.events.register("after-call.s3.UploadPart", hook)
    return name


@pytest.mark.parametrize("keep", [False, True])
def test_cancel_aborts_the_multipart_upload_unless_kept(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    keep: bool,
) -> None:
    random_file(tmp_path / "big.bin", 26 * MIB)
    engine = make_engine(connections=2)
    arm = _stop_after_parts(engine, 2, lambda j: engine.cancel(j, keep_uploads=keep))
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    arm(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.CANCELLED
    uploads = seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    assert [u["Key"] for u in uploads] == (["big.bin"] if keep else [])
    listed = seaweed_admin.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert listed == []


def test_cancel_of_a_paused_job_aborts_too(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    random_file(tmp_path / "big.bin", 16 * MIB)
    engine = make_engine(connections=2)
    arm = _stop_after_parts(engine, 1, engine.pause)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    arm(job)
    assert engine.wait(job, 60).state is JobState.PAUSED
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads")
    engine.cancel(job)
    assert engine.wait(job, 60).state is JobState.CANCELLED
    assert not seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads")


def test_progress_events_carry_bytes_rate_and_part_states(
    bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    random_file(tmp_path / "big.bin", 21 * MIB)
    events: list[JobEvent] = []
    engine = make_engine(connections=2)
    # Parts after the second wait until the sampler has reported a finished part at a
    # measured rate while the others are still to go (bounded: a missing report fails below).
    reported = threading.Event()

    def hold(params: dict[str, Any], **_: Any) -> None:
        if params["PartNumber"] > 2:
            reported.wait(30)

    def watch(event: JobEvent) -> None:
        events.append(event)
        progress = event.job.progress
        if (
            event.type is EventType.CHANGED
            and progress.items
            and progress.rate > 0
            and PartState.DONE in dict(progress.items[0].parts).values()
        ):
            reported.set()

    engine.session.client().meta.events.register("before-parameter-build.s3.UploadPart", hold)
    engine.subscribe(watch)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE
    assert reported.is_set(), "no progress report while parts were in flight"
    changed = [e for e in events if e.type is EventType.CHANGED and e.job.progress.items]
    assert changed, "the sampler reported progress while parts were in flight"
    done_values = [e.job.progress.bytes_done for e in events]
    assert done_values == sorted(done_values)
    assert any(e.job.progress.rate > 0 for e in changed)
    states = {s for e in changed for s in dict(e.job.progress.items[0].parts).values()}
    assert PartState.DONE in states
    assert events[-1].type is EventType.FINISHED
    assert events[-1].job.progress.bytes_done == 21 * MIB


def test_conflicts_skip_rename_compare_and_ask_for_all(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    tree = tmp_path / "tree"
    for name in ("a.txt", "b.txt", "c.txt"):
        random_file(tree / name, 1000)
    seaweed_admin.put_object(Bucket=bucket, Key="up/a.txt", Body=b"old a")
    seaweed_admin.put_object(Bucket=bucket, Key="up/b.txt", Body=(tree / "b.txt").read_bytes())

    asked: list[Conflict] = []

    def resolver(conflict: Conflict) -> Decision:
        asked.append(conflict)
        return Decision(ConflictPolicy.RENAME, apply_to_all=True)

    engine = make_engine(conflict_resolver=resolver)
    job = engine.upload(tree, bucket, "up/", replace(SMALL, conflict=ConflictPolicy.COMPARE))
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert snap.skipped == ("up/b.txt",)  # identical: skipped
    body = seaweed_admin.get_object(Bucket=bucket, Key="up/a.txt")["Body"].read()
    assert body == (tree / "a.txt").read_bytes()  # different: overwritten

    job = engine.upload(tree, bucket, "up/", replace(SMALL, conflict=ConflictPolicy.ASK))
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert len(asked) == 1, "apply-to-all answered the other two conflicts"
    keys = sorted(o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == [
        "up/a (1).txt",
        "up/a.txt",
        "up/b (1).txt",
        "up/b.txt",
        "up/c (1).txt",
        "up/c.txt",
    ]

    target = tmp_path / "down"
    target.mkdir()
    (target / "a.txt").write_bytes(b"local")
    job = engine.download(bucket, "up/a.txt", target, replace(SMALL, conflict=ConflictPolicy.SKIP))
    assert engine.wait(job, 60).skipped == (str(target / "a.txt"),)
    assert (target / "a.txt").read_bytes() == b"local"
    job = engine.download(
        bucket, "up/a.txt", target, replace(SMALL, conflict=ConflictPolicy.RENAME)
    )
    assert engine.wait(job, 60).state is JobState.DONE
    assert (target / "a (1).txt").read_bytes() == (tree / "a.txt").read_bytes()


def test_prefix_download_refuses_keys_that_escape_the_folder(
    moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    # moto's server, because SeaweedFS refuses to store a key with '..' segments at all.
    moto_admin.create_bucket(Bucket="escape-test")
    moto_admin.put_object(Bucket="escape-test", Key="p/ok.txt", Body=b"fine")
    moto_admin.put_object(Bucket="escape-test", Key="p/../../escape.txt", Body=b"evil")
    engine = TransferEngine(S3Session(connection_for(moto)))
    try:
        job = engine.download("escape-test", "p/", tmp_path / "out", SMALL)
        snap = engine.wait(job, 60)
    finally:
        engine.close()
    assert (tmp_path / "out" / "ok.txt").read_bytes() == b"fine"
    assert not list(tmp_path.rglob("escape.txt"))
    assert snap.state is JobState.FAILED
    (failure,) = snap.failures
    assert failure.key == "p/../../escape.txt" and "outside" in failure.message


def test_rate_limit_per_job_holds_the_pace(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    # A limit check, not a speed target: 5 MiB at 2 MiB/s cannot finish in under ~1.2 s
    # (a quarter second of burst, the last block's debt unpaid), however fast the machine.
    data = random_file(tmp_path / "f.bin", 5 * MIB)
    engine = make_engine()
    started = time.monotonic()
    job = engine.upload(tmp_path / "f.bin", bucket, "f.bin", replace(SMALL, rate_limit=2 * MIB))
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert time.monotonic() - started >= 1.2
    assert seaweed_admin.get_object(Bucket=bucket, Key="f.bin")["Body"].read() == data

    started = time.monotonic()
    options = replace(SMALL, rate_limit=2 * MIB, download_chunk_size=MIB)
    job = engine.download(bucket, "f.bin", tmp_path / "back.bin", options)
    assert engine.wait(job, 60).state is JobState.DONE
    assert time.monotonic() - started >= 1.2
    assert (tmp_path / "back.bin").read_bytes() == data


def test_unfinished_uploads_are_listed_with_their_owner_and_can_be_aborted(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    random_file(tmp_path / "big.bin", 16 * MIB)
    stranger = seaweed_admin.create_multipart_upload(Bucket=bucket, Key="someone-else.bin")
    seaweed_admin.upload_part(
        Bucket=bucket,
        Key="someone-else.bin",
        UploadId=stranger["UploadId"],
        PartNumber=1,
        Body=b"x" * 1000,
    )
    engine = make_engine(connections=1)
    arm = _stop_after_parts(engine, 1, engine.pause)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", SMALL)
    arm(job)
    assert engine.wait(job, 60).state is JobState.PAUSED

    found = {u.key: u for u in engine.unfinished_uploads(bucket)}
    assert set(found) == {"big.bin", "someone-else.bin"}
    assert found["big.bin"].job_id == job and found["big.bin"].bytes >= 5 * MIB
    orphan = found["someone-else.bin"]
    assert orphan.job_id is None and orphan.parts == 1 and orphan.bytes == 1000

    engine.abort_unfinished_upload(bucket, orphan.key, orphan.upload_id)
    left = [u["Key"] for u in seaweed_admin.list_multipart_uploads(Bucket=bucket)["Uploads"]]
    assert left == ["big.bin"]


def test_per_job_connection_limit(
    bucket: str, session: S3Session, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    random_file(tmp_path / "big.bin", 26 * MIB)
    in_flight = 0
    most = 0
    lock = threading.Lock()
    two_at_once = threading.Event()

    def started(**_: Any) -> None:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
            if in_flight == 2:
                two_at_once.set()
        # The first part waits for a second to start alongside it (bounded, so a limit of
        # one shows as `most == 1`): a third would then show as `most == 3`.
        two_at_once.wait(10)

    def ended(**_: Any) -> None:
        nonlocal in_flight
        with lock:
            in_flight -= 1

    session.client().meta.events.register("before-parameter-build.s3.UploadPart", started)
    session.client().meta.events.register("after-call.s3.UploadPart", ended)
    engine = make_engine(connections=8)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", replace(SMALL, connections=2))
    assert engine.wait(job, 60).state is JobState.DONE
    assert most == 2


def test_a_file_deleted_after_planning_fails_with_a_plain_message(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    tree = tmp_path / "tree"
    random_file(tree / "a.txt", 100)
    random_file(tree / "b.txt", 100)
    seaweed_admin.put_object(Bucket=bucket, Key="gone/b.txt", Body=b"older")

    def resolver(conflict: Conflict) -> Decision:
        # Asked between planning and sending: the moment a user's file can disappear.
        (tree / "b.txt").unlink()
        return Decision(ConflictPolicy.OVERWRITE)

    engine = make_engine(conflict_resolver=resolver)
    job = engine.upload(tree, bucket, "gone/", replace(SMALL, conflict=ConflictPolicy.ASK))
    snap = engine.wait(job, 60)
    assert snap.state is JobState.FAILED
    assert [f.local_path for f in snap.failures] == [str(tree / "b.txt")]
    message = snap.failures[0].message
    assert message.startswith(f"The local file or folder '{tree / 'b.txt'}' does not exist.")
    assert "Errno" not in message
    assert seaweed_admin.get_object(Bucket=bucket, Key="gone/b.txt")["Body"].read() == b"older"
    assert seaweed_admin.head_object(Bucket=bucket, Key="gone/a.txt")["ContentLength"] == 100
