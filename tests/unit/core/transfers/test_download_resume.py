"""Downloads: resumed by Range into the partial file, verified before they replace the target."""

from __future__ import annotations

import hashlib
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers import checksums
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from tests.unit.core.transfers.conftest import SMALL, pause_after

OPTIONS = replace(SMALL, download_chunk_size=MIB)


def _record_gets(session: S3Session) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    session.client().meta.events.register(
        "before-parameter-build.s3.GetObject", lambda params, **_: calls.append(dict(params))
    )
    return calls


def _interrupted_download(
    make_engine: Callable[..., TransferEngine],
    session: S3Session,
    bucket: str,
    key: str,
    target: Path,
) -> tuple[TransferEngine, str, list[dict[str, Any]]]:
    """Start a download, pause it after 4 ranges, close the engine and load the job again,
    as a restart after a crash would."""
    gets = _record_gets(session)
    first = make_engine(connections=2)
    arm = pause_after(first, "GetObject", gets, 4)
    job = first.download(bucket, key, target, OPTIONS)
    arm(job)
    assert first.wait(job, 60).state is JobState.PAUSED
    first.close()
    assert not target.exists() and Path(f"{target}.eider-partial").exists()
    gets.clear()
    second = make_engine(connections=2)
    assert second.resume_unfinished() == [job]
    assert second.job(job).state is JobState.PAUSED
    return second, job, gets


def _first_finished_part(engine: TransferEngine, job: Any) -> Any:
    (item,) = engine.journal.items(job)
    done = engine.journal.parts(item)
    return done, done[min(done)]


def _damage(target: Path, offset: int) -> None:
    with open(f"{target}.eider-partial", "r+b") as handle:
        handle.seek(offset + 10)
        handle.write(b"\xff\x00corrupt\x00\xff")


def test_interrupted_download_resumes_with_range_requests(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = os.urandom(12 * MIB + 99)
    seaweed_admin.put_object(Bucket=bucket, Key="one-piece.bin", Body=data)
    target = tmp_path / "out.bin"
    engine, job, gets = _interrupted_download(make_engine, session, bucket, "one-piece.bin", target)
    done_before = {
        p.number for i in engine.journal.items(job) for p in engine.journal.parts(i).values()
    }
    assert 2 <= len(done_before) < 13  # ranges in flight at the pause stop mid-body

    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data
    assert gets and all(g.get("Range", "").startswith("bytes=") for g in gets)
    starts = {int(g["Range"][6:].split("-")[0]) // MIB + 1 for g in gets}
    assert not starts & done_before, "a finished range was fetched again"
    assert starts | done_before == set(range(1, 14))
    assert all(g.get("IfMatch") for g in gets), "resumed ranges must be pinned to the same object"


def test_corrupted_partial_file_is_caught_and_fetched_again(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = os.urandom(12 * MIB)
    seaweed_admin.put_object(Bucket=bucket, Key="one-piece.bin", Body=data)
    target = tmp_path / "out.bin"
    engine, job, gets = _interrupted_download(make_engine, session, bucket, "one-piece.bin", target)
    # Corruption: flip bytes inside a range the journal already counts as done, as a disk
    # error or a write lost in a power cut would leave it.
    _done, victim = _first_finished_part(engine, job)
    _damage(target, victim.offset)

    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data
    fetched = {g["Range"] for g in gets}
    assert f"bytes={victim.offset}-{victim.offset + victim.size - 1}" in fetched


def test_wrong_stored_checksum_is_reported_not_accepted(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data = os.urandom(3 * MIB)
    wrong = hashlib.sha256(b"something else").hexdigest()
    # Injected: the object's metadata claims a SHA-256 its bytes do not have.
    seaweed_admin.put_object(
        Bucket=bucket, Key="lying.bin", Body=data, Metadata={"eider-sha256": wrong}
    )
    engine = make_engine()
    for size_class, chunk in (("single GET", 8 * MIB), ("ranged", MIB)):
        target = tmp_path / f"{size_class}.bin"
        job = engine.download(
            bucket, "lying.bin", target, replace(OPTIONS, download_chunk_size=chunk)
        )
        snap = engine.wait(job, 60)
        assert snap.state is JobState.FAILED, size_class
        assert "SHA-256" in (snap.error or "") and wrong in (snap.error or "")
        assert not target.exists()


def test_multipart_object_downloads_by_part_and_checks_the_etag(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    src = tmp_path / "src.bin"
    data = os.urandom(16 * MIB + 1)
    src.write_bytes(data)
    engine = make_engine()
    assert engine.wait(engine.upload(src, bucket, "mp.bin", SMALL), 60).state is JobState.DONE
    gets = _record_gets(session)
    job = engine.download(bucket, "mp.bin", tmp_path / "back.bin", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data
    assert sorted(g["PartNumber"] for g in gets) == [1, 2, 3, 4]


def _interrupted_multipart_download(
    make_engine: Callable[..., TransferEngine],
    session: S3Session,
    bucket: str,
    tmp_path: Path,
) -> tuple[bytes, Path, TransferEngine, str, list[dict[str, Any]]]:
    """A 6-part object (5 MiB parts) whose download stopped with some parts finished."""
    src = tmp_path / "src.bin"
    data = os.urandom(27 * MIB + 5)
    src.write_bytes(data)
    uploader = make_engine()
    assert uploader.wait(uploader.upload(src, bucket, "mp.bin", SMALL), 60).state is JobState.DONE
    target = tmp_path / "back.bin"
    engine, job, gets = _interrupted_download(make_engine, session, bucket, "mp.bin", target)
    (item,) = engine.journal.items(job)
    assert item.extra["units"]["mode"] == "parts"
    assert 1 <= len(engine.journal.parts(item)) < 6
    return data, target, engine, job, gets


def test_damaged_part_of_a_resumed_multipart_download_is_fetched_again(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data, target, engine, job, gets = _interrupted_multipart_download(
        make_engine, session, bucket, tmp_path
    )
    done, victim = _first_finished_part(engine, job)
    # The journal counts the part as finished, but its bytes on disk are not what arrived (a
    # write lost in a power cut, or the file touched while Eider was stopped). The multipart
    # ETag is computed from the journal's part MD5s, so only re-reading the bytes can see it.
    _damage(target, victim.offset)

    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data
    fetched = {g["PartNumber"] for g in gets}
    missing = {n for n in range(1, 7) if n not in done}
    assert fetched == missing | {victim.number}, "only the damaged part is fetched again"


def test_refetched_part_that_disagrees_with_its_first_download_restarts_the_file(
    seaweed_admin: Any,
    bucket: str,
    session: S3Session,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    data, target, engine, job, gets = _interrupted_multipart_download(
        make_engine, session, bucket, tmp_path
    )
    (item,) = engine.journal.items(job)
    done = engine.journal.parts(item)
    victim = done[min(done)]
    # Injected: the MD5 recorded for a finished part is not the part's, as if its first
    # download had been hashed over bad bytes. The bytes on disk then disagree with it, the
    # part is fetched again, and the refetch disagrees too: neither fetch can be trusted over
    # the other, so the whole file is downloaded again and checked against the ETag.
    engine.journal.record_part(item, victim.number, victim.offset, victim.size, "0" * 32)

    engine.resume(job)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert target.read_bytes() == data
    numbers = [g["PartNumber"] for g in gets]
    assert numbers.count(victim.number) >= 2, "the part, then the whole file once more"
    assert set(done) <= set(numbers), "the finished parts come again only with the whole file"


def _count_hashing(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Each hash object Eider creates and each CRC it computes, by name, from any thread.

    A spy: the real functions run. Calls made by botocore or the test are not counted."""
    calls: Counter[str] = Counter()

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if str(sys._getframe(1).f_globals.get("__name__", "")).startswith("app."):
                calls[name] += 1
            return real(*args, **kwargs)

        return call

    for name in ("md5", "sha1", "sha256", "new"):
        monkeypatch.setattr(hashlib, name, counted(name, getattr(hashlib, name)))
    monkeypatch.setattr(zlib, "crc32", counted("crc32", zlib.crc32))
    monkeypatch.setattr(checksums, "crc32c", counted("crc32c", checksums.crc32c))
    monkeypatch.setattr(checksums, "crc64nvme", counted("crc64nvme", checksums.crc64nvme))
    return calls


def test_multipart_download_without_verification_hashes_nothing(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src = tmp_path / "src.bin"
    data = os.urandom(11 * MIB)
    src.write_bytes(data)
    engine = make_engine()
    assert engine.wait(engine.upload(src, bucket, "mp.bin", SMALL), 60).state is JobState.DONE
    recorded: list[tuple[int, str | None]] = []
    record_part = engine.journal.record_part

    def spy(
        item: Any,
        number: int,
        offset: int,
        size: int,
        etag: str | None = None,
        checksum: str | None = None,
    ) -> None:
        recorded.append((number, etag or checksum))
        record_part(item, number, offset, size, etag, checksum)

    monkeypatch.setattr(engine.journal, "record_part", spy)
    hashing = _count_hashing(monkeypatch)
    verified = engine.download(bucket, "mp.bin", tmp_path / "checked.bin", SMALL)
    assert engine.wait(verified, 60).state is JobState.DONE
    assert sum(hashing.values()) > 0, "the count sees a verified download hash"
    hashing.clear()
    recorded.clear()

    job = engine.download(
        bucket, "mp.bin", tmp_path / "back.bin", replace(SMALL, verify_download=False)
    )
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data
    assert sorted(recorded) == [(1, None), (2, None), (3, None)], "no checksum per part"
    assert hashing == Counter(), f"hashed while not verifying: {hashing}"
