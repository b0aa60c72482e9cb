"""The small-file path: whole-file reads, the download folder resolved once per job."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.s3.small_object_requests import SmallObjectRequests
from app.core.transfers import digests
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.upload import _read_whole
from app.core.transfers.worker_context import SourceChanged
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file


@pytest.mark.parametrize("size", [0, 1, 70_000])
def test_a_whole_read_returns_exactly_the_expected_bytes(tmp_path: Path, size: int) -> None:
    data = random_file(tmp_path / "f.bin", size)
    assert _read_whole(str(tmp_path / "f.bin"), size) == data


@pytest.mark.parametrize("expected", [9, 11], ids=["grew", "shrank"])
def test_a_file_of_another_size_than_planned_is_a_changed_source(
    tmp_path: Path, expected: int
) -> None:
    random_file(tmp_path / "f.bin", 10)
    with pytest.raises(SourceChanged):
        _read_whole(str(tmp_path / "f.bin"), expected)


def test_a_symlinked_subfolder_is_refused_with_the_folder_resolved_once(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    # The folder's own resolution is kept for the job; each file's path is still resolved
    # when its turn comes (just before its partial file is created).
    for name in ("a/1.bin", "b/2.bin"):
        seaweed_admin.put_object(Bucket=bucket, Key=name, Body=b"data")
    folder, outside = tmp_path / "dst", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "b").symlink_to(outside, target_is_directory=True)
    engine = make_engine()

    snap = engine.wait(engine.download(bucket, "", folder, SMALL), 60)

    assert snap.state is JobState.FAILED
    assert [f.key for f in snap.failures] == ["b/2.bin"]
    assert "outside the download folder" in snap.failures[0].message
    assert (folder / "a" / "1.bin").read_bytes() == b"data"
    assert list(outside.iterdir()) == []


class _FlippedBody:
    """A GET body whose first byte arrives changed, as a bad link or disk would deliver it."""

    def __init__(self, body: Any) -> None:
        self._body = body
        self._first = True

    def read(self, size: int = -1) -> bytes:
        block = self._body.read(size)
        if self._first and block:
            self._first = False
            block = bytes([block[0] ^ 0xFF]) + block[1:]
        return block  # type: ignore[no-any-return]

    def close(self) -> None:
        self._body.close()


def test_a_corrupted_small_object_is_caught_by_its_crc_without_md5(
    moto: RunningS3,
    moto_admin: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # moto keeps the CRC an upload sent (SeaweedFS does not return one). No server corrupts a
    # body on demand: the GET's body is wrapped to flip one byte (stub).
    bucket = f"crc-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="f.bin", Body=b"x" * 70_000, ChecksumAlgorithm="CRC32")
    seen: list[dict[str, Any]] = []
    original = SmallObjectRequests.get_object

    def corrupting(self: SmallObjectRequests, client: Any, **args: Any) -> dict[str, Any]:
        response = original(self, client, **args)
        seen.append({k: v for k, v in response.items() if k != "Body"})
        response["Body"] = _FlippedBody(response["Body"])
        return response

    monkeypatch.setattr(SmallObjectRequests, "get_object", corrupting)
    md5_made: list[bool] = []
    real_md5 = digests.hashlib.md5
    monkeypatch.setattr(
        digests.hashlib, "md5", lambda *a, **k: md5_made.append(True) or real_md5(*a, **k)
    )
    engine = TransferEngine(S3Session(connection_for(moto)), sample_interval=0.05)
    try:
        snap = engine.wait(engine.download(bucket, "f.bin", tmp_path / "f.bin", SMALL), 120)
    finally:
        engine.close()

    assert seen and all(r.get("ChecksumCRC32") for r in seen)  # the check is by CRC
    assert snap.state is JobState.FAILED
    assert "ChecksumCRC32" in snap.failures[0].message
    assert md5_made == []  # the CRC alone checked the bytes
    assert not (tmp_path / "f.bin").exists()


@pytest.mark.parametrize("size", [4, 3 * 1024 * 1024], ids=["single-get", "ranged"])
def test_a_symlink_planted_at_the_partial_name_is_not_written_through(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    size: int,
) -> None:
    # The folders above a target are checked before the download; the partial file's own name
    # beside the target is opened without following a link.
    seaweed_admin.put_object(Bucket=bucket, Key="a/f.bin", Body=b"x" * size)
    folder, outside = tmp_path / "dst", tmp_path / "outside.bin"
    (folder / "a").mkdir(parents=True)
    outside.write_bytes(b"untouched")
    (folder / "a" / "f.bin.eider-partial").symlink_to(outside)
    engine = make_engine()

    snap = engine.wait(engine.download(bucket, "", folder, SMALL), 60)

    assert snap.state is JobState.FAILED
    assert [f.key for f in snap.failures] == ["a/f.bin"]
    assert "is a symbolic link" in snap.failures[0].message
    assert outside.read_bytes() == b"untouched"
    assert not (folder / "a" / "f.bin").exists()
