"""A job reports its files as verifying between the last byte and the end of the integrity check.

On SeaweedFS the checks take milliseconds, too short to observe. Each test wraps the function
that compares the digests with the server's ETag or checksum so that it first waits on an
Event: the transfer itself is real, only the comparison is held open, and then runs as usual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.transfers import download, upload
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobSnapshot, JobState
from app.core.transfers.options import MIB
from app.core.transfers.progress import Progress
from app.core.transfers.retry import IntegrityError
from tests.unit.core.transfers.conftest import SMALL, random_file


def _held(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> tuple[Any, Any]:
    """Make `module.name` wait for the returned release Event; the other Event says it is held."""
    entered, release = threading.Event(), threading.Event()
    original = getattr(module, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(30), "the test never released the check"
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return entered, release


def _until(engine: TransferEngine, job_id: str, test: Callable[[JobSnapshot], bool]) -> JobSnapshot:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        snap = engine.job(job_id)
        if test(snap):
            return snap
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} never got there: {engine.job(job_id)}")


def _verifying(snap: JobSnapshot) -> bool:
    return snap.progress.files_verifying == 1


def _check_held_then_done(
    engine: TransferEngine, job_id: str, entered: threading.Event, release: threading.Event
) -> None:
    assert entered.wait(30)
    snap = _until(engine, job_id, _verifying)
    assert snap.state is JobState.RUNNING
    assert snap.progress.bytes_done == snap.progress.bytes_total > 0
    assert [item.verifying for item in snap.progress.items] == [True]
    assert snap.progress.files_done == 0
    release.set()
    done = engine.wait(job_id, 60)
    assert done.state is JobState.DONE, done.error
    assert done.progress.files_verifying == 0
    assert done.progress.files_done == 1


def test_ranged_download_is_verifying_while_its_digest_is_compared(
    make_engine: Callable[..., TransferEngine],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = random_file(tmp_path / "src.bin", 3 * MIB + 5)  # one PUT: a plain MD5 ETag
    seaweed_admin.put_object(Bucket=bucket, Key="obj.bin", Body=data)
    entered, release = _held(monkeypatch, download, "_check")
    engine = make_engine()
    job = engine.download(bucket, "obj.bin", tmp_path / "back.bin", SMALL)
    _check_held_then_done(engine, job, entered, release)
    assert (tmp_path / "back.bin").read_bytes() == data


def test_multipart_upload_is_verifying_while_its_completion_is_checked(
    make_engine: Callable[..., TransferEngine],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = random_file(tmp_path / "src.bin", 7 * MIB)
    entered, release = _held(monkeypatch, upload, "_check_completed")
    engine = make_engine()
    job = engine.upload(tmp_path / "src.bin", bucket, "obj.bin", SMALL)
    _check_held_then_done(engine, job, entered, release)
    stored = seaweed_admin.get_object(Bucket=bucket, Key="obj.bin")
    assert stored["Body"].read() == data


def test_the_verifying_mark_goes_when_the_check_raises() -> None:
    progress = Progress()
    progress.add_total(10)
    progress.start_item(1, "/tmp/a", "bucket", "a", 10)
    progress.add_bytes(1, 10)
    with pytest.raises(IntegrityError), progress.verifying(1):
        sample = progress.sample(force=True)
        assert sample is not None and sample.files_verifying == 1
        assert [item.verifying for item in sample.items] == [True]
        raise IntegrityError("the digests differ")
    after = progress.sample(force=True)
    assert after is not None and after.files_verifying == 0
    assert [item.verifying for item in after.items] == [False]
