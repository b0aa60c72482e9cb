"""The staging folder of drags out: final names appear only complete; old folders go."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.core.transfers import drag_staging


def test_a_folder_appears_under_its_name_only_when_published(tmp_path: Path) -> None:
    folder = drag_staging.new_staging_folder(tmp_path)
    work = drag_staging.download_path(folder, "photos/2026/", "b")
    assert work.parent.name == drag_staging.WORK
    (work / "deep").mkdir(parents=True)
    (work / "deep" / "a.jpg").write_bytes(b"jpeg")
    final = drag_staging.final_path(folder, "photos/2026/", "b")
    assert final == folder / "2026" and not final.exists()
    assert drag_staging.publish(folder, "photos/2026/", "b") == final
    assert (final / "deep" / "a.jpg").read_bytes() == b"jpeg"
    assert not work.exists()


def test_a_file_downloads_straight_to_its_final_name_and_odd_names_stay_inside(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "x"
    assert drag_staging.download_path(folder, "a/b/c.txt") == folder / "c.txt"
    assert drag_staging.final_path(folder, "..", "bucket") == folder / "_"
    assert drag_staging.final_path(folder, "", "bucket") == folder / "bucket"


def test_a_failed_folder_leaves_no_work_behind(tmp_path: Path) -> None:
    folder = drag_staging.new_staging_folder(tmp_path)
    work = drag_staging.download_path(folder, "half/")
    work.mkdir(parents=True)
    (work / "part.bin").write_bytes(b"x")
    drag_staging.discard_work(folder, "half/")
    assert not work.exists() and not (folder / "half").exists()


def test_sweep_removes_only_old_staging_folders(tmp_path: Path) -> None:
    old = drag_staging.new_staging_folder(tmp_path)
    new = drag_staging.new_staging_folder(tmp_path)
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert drag_staging.sweep(tmp_path) == 1
    assert not old.exists() and new.exists()
