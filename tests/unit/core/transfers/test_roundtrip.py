from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import EventType, JobEvent, JobState
from app.core.transfers.options import MIB
from tests.unit.core.transfers.conftest import SMALL, random_file


@pytest.mark.parametrize(
    "size",
    [0, 1, 1 * MIB + 7, 6 * MIB - 1, 6 * MIB, 17 * MIB + 3],
    ids=["empty", "one-byte", "small", "below-threshold", "at-threshold", "multipart"],
)
def test_upload_then_download_is_byte_identical(
    make_engine: Callable[..., TransferEngine],
    seaweed_admin: object,
    bucket: str,
    tmp_path: Path,
    size: int,
) -> None:
    data = random_file(tmp_path / "src.bin", size)
    engine = make_engine()
    job = engine.upload(tmp_path / "src.bin", bucket, "dir/obj.bin", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    stored = seaweed_admin.get_object(Bucket=bucket, Key="dir/obj.bin")  # type: ignore[attr-defined]
    assert stored["Body"].read() == data
    multipart = size >= 6 * MIB
    assert ("-" in stored["ETag"]) is multipart

    job = engine.download(bucket, "dir/obj.bin", tmp_path / "back.bin", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data
    assert not (tmp_path / "back.bin.eider-partial").exists()
    assert snap.progress.bytes_done == snap.progress.bytes_total == size


def test_folder_tree_round_trip_with_events(
    make_engine: Callable[..., TransferEngine], bucket: str, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    files = {
        "a.txt": random_file(tree / "a.txt", 100),
        "sub/b.bin": random_file(tree / "sub" / "b.bin", 7 * MIB),
        "sub/deeper/c": random_file(tree / "sub" / "deeper" / "c", 3000),
    }
    events: list[JobEvent] = []
    engine = make_engine()
    engine.subscribe(events.append)
    job = engine.upload(tree, bucket, "up", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    assert snap.progress.files_done == 3
    assert events[0].type is EventType.ADDED
    assert events[-1].type is EventType.FINISHED and events[-1].job.state is JobState.DONE

    job = engine.download(bucket, "up/", tmp_path / "back", SMALL)
    snap = engine.wait(job, 60)
    assert snap.state is JobState.DONE, snap.error
    for name, data in files.items():
        assert (tmp_path / "back" / name).read_bytes() == data


def test_folder_upload_keys_are_nfc_whatever_the_file_system_spelling(
    seaweed_admin: object, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    nfd = unicodedata.normalize("NFD", "Ångström.txt")
    random_file(tmp_path / "tree" / nfd, 10)
    engine = make_engine()
    assert (
        engine.wait(engine.upload(tmp_path / "tree", bucket, "", SMALL), 60).state is JobState.DONE
    )
    listed = seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]  # type: ignore[attr-defined]
    assert [o["Key"] for o in listed] == [unicodedata.normalize("NFC", "Ångström.txt")]
