"""The small-file path: whole-file reads, the download folder resolved once per job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.runtime import SourceChanged
from app.core.transfers.upload import _read_whole
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
