"""Ownership claims: two Eider processes never run one job; a dead holder's job is taken over."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.claims import JobClaims
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.journal import Journal
from app.core.transfers.options import MIB
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import random_file
from tests.unit.core.transfers.test_resume import _journal_parts, _start_upload_driver, _wait_for


def test_a_claim_excludes_a_second_holder_even_in_one_process(tmp_path: Path) -> None:
    first, second = JobClaims(tmp_path / "claims"), JobClaims(tmp_path / "claims")
    assert first.claim("job1")
    assert not second.claim("job1")
    assert second.holder("job1") == os.getpid()
    assert first.holder("job1") is None  # its own claim is not "someone else's"
    first.release("job1")
    assert second.holder("job1") is None
    assert second.claim("job1")
    second.release("job1", finished=True)
    assert not (tmp_path / "claims" / "job1.lock").exists()


def test_a_job_run_by_another_process_is_left_alone_then_taken_over_after_a_kill(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    data = random_file(tmp_path / "big.bin", 37 * MIB + 1)
    monkeypatch.setenv("DRIVER_PART_DELAY", "1.0")  # the holder stays busy for a while
    driver = _start_upload_driver(
        seaweed, bucket, "big.bin", tmp_path / "big.bin", tmp_path / "sent.log"
    )
    sent_here: list[int] = []
    session.client().meta.events.register(
        "before-parameter-build.s3.UploadPart",
        lambda params, **_: sent_here.append(params["PartNumber"]),
    )
    watcher = Journal()
    try:
        _wait_for(lambda: _journal_parts(watcher)[0] is not None or driver.poll() is not None)
        assert driver.poll() is None, "the driver finished before the test looked"
        engine = make_engine()
        (job_id,) = engine.resume_unfinished(start=False)
        assert engine.claims.holder(job_id) == driver.pid
        engine.resume(job_id)
        snap = engine.wait(job_id, 30)
        assert snap.state is JobState.PAUSED
        assert snap.error is not None and str(driver.pid) in snap.error
        assert sent_here == [], "the second process sent parts of a job it does not hold"
        assert watcher.job(job_id) is not None
        assert watcher.job(job_id).state == "running", "the holder's journal row was left alone"

        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        assert driver.returncode == -signal.SIGKILL
        assert engine.claims.holder(job_id) is None, "the claim died with its holder"
        engine.resume(job_id)
        snap = engine.wait(job_id, 60)
        assert snap.state is JobState.DONE, snap.error
    finally:
        watcher.close()
        if driver.poll() is None:
            driver.kill()
            driver.wait(10)
    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == data
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
