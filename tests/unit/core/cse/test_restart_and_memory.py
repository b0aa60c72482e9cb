"""What cannot resume under client-side encryption starts over cleanly, and large objects
stream through a bounded amount of memory."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.cse.key_store import store_local_key
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from tests.unit.core.transfers.conftest import SMALL, pause_after, random_file


def _count_part_sends(session: S3Session) -> list[int]:
    sent: list[int] = []

    def log(params: dict[str, Any], **_: Any) -> None:
        sent.append(params["PartNumber"])

    session.client().meta.events.register("provide-client-params.s3.UploadPart", log)
    return sent


def _absent(admin: Any, bucket: str, key: str) -> bool:
    try:
        admin.head_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        return exc.response["Error"]["Code"] in ("404", "NoSuchKey")
    return False


@pytest.mark.parametrize("how", ["pause", "restart"])
def test_an_interrupted_upload_starts_over_and_leaves_nothing_half_done(
    how: str,
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    data = random_file(tmp_path / "big.bin", 22 * MIB)  # five parts
    engine = make_engine()
    sent = _count_part_sends(session)
    name_job = pause_after(engine, "UploadPart", sent, 2)
    job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", options)
    name_job(job)
    assert engine.wait(job, 60).state is JobState.PAUSED
    assert len(seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])) == 1
    assert _absent(seaweed_admin, bucket, "big.bin")  # nothing under the final key meanwhile

    sent.clear()
    if how == "pause":
        engine.resume(job)
    else:  # a new run finds the job in the journal
        engine.close()
        engine = make_engine()
        engine.resume_unfinished()  # a paused job comes back paused, as the user left it
        engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert sent == [1, 2, 3, 4, 5], "the GCM stream cannot resume: every part goes again, in order"
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []

    back = tmp_path / "back.bin"
    snap = engine.wait(engine.download(bucket, "big.bin", back, options), 60)
    assert snap.state is JobState.DONE, snap.error
    assert back.read_bytes() == data


def test_a_64_mib_object_streams_through_bounded_memory(
    bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    data = random_file(tmp_path / "big.bin", 64 * MIB)
    engine = make_engine()
    # A small round trip first: botocore's models (about 12 MiB of Python objects) load with
    # the first client and request, and are not what this test measures.
    random_file(tmp_path / "small.bin", 1000)
    engine.wait(engine.upload(tmp_path / "small.bin", bucket, "small.bin", options), 60)
    engine.wait(engine.download(bucket, "small.bin", tmp_path / "small.back", options), 60)
    tracemalloc.start()
    try:
        job = engine.upload(tmp_path / "big.bin", bucket, "big.bin", options)
        snap = engine.wait(job, 120)
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        job = engine.download(bucket, "big.bin", tmp_path / "back.bin", options)
        down = engine.wait(job, 120)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert snap.state is JobState.DONE, snap.error
    assert down.state is JobState.DONE, down.error
    assert (tmp_path / "back.bin").read_bytes() == data
    # 5 MiB parts, one in flight: the plaintext part, its ciphertext and botocore's hold on
    # it; downloads hold a few 1 MiB reads. 64 MiB would mean the object went through whole.
    assert upload_peak < 16 * MIB, f"upload peak {upload_peak / MIB:.1f} MiB"
    assert download_peak < 8 * MIB, f"download peak {download_peak / MIB:.1f} MiB"
