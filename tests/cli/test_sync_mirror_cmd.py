"""`eider sync --direction mirror` against SeaweedFS: both ways, deletions from the second run
on, conflicts listed with their reason and both versions kept; the direction's usage errors."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.core import paths
from tests.fixtures.servers import RunningS3

PAST = time.time() - 3600
TODAY = datetime.datetime.now().astimezone().date().isoformat()


@pytest.fixture
def aws_env(seaweed: RunningS3, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    return ["--endpoint-url", seaweed.endpoint_url]


def _write(path: Path, data: bytes, when: float = PAST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (when, when))


def _remote(admin: Any, bucket: str) -> dict[str, bytes]:
    listed = admin.list_objects_v2(Bucket=bucket, Prefix="m/").get("Contents", [])
    return {
        o["Key"][2:]: admin.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed
    }


def _local(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_mirror_both_ways_then_deletions_and_a_conflict(
    aws_env: list[str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "f"
    _write(folder / "mine.txt", b"mine")
    _write(folder / "doc.txt", b"v1")
    seaweed_admin.put_object(Bucket=bucket, Key="m/theirs.txt", Body=b"theirs")
    remote = f"s3://{bucket}/m/"
    mirror = ["sync", str(folder), remote, "--direction", "mirror", *aws_env]

    assert main([*mirror, "--dryrun"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"(dryrun) upload: {folder / 'mine.txt'} to {remote}mine.txt (new file)" in out
    assert f"(dryrun) download: {remote}theirs.txt to {folder / 'theirs.txt'} (new object)" in out
    assert out[-1] == "(dryrun) 3 to transfer (12 bytes), 0 to delete, 0 unchanged"

    # the s3:// side first works as well: the two sides, in either order
    assert main(["sync", remote, str(folder), "--direction", "mirror", *aws_env]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 transferred, 0 deleted"
    assert _local(folder) == _remote(seaweed_admin, bucket)

    (folder / "mine.txt").unlink()
    seaweed_admin.put_object(Bucket=bucket, Key="m/doc.txt", Body=b"v2 on the server")
    _write(folder / "doc.txt", b"v2 here, later", time.time() + 60)
    assert main([*mirror, "--cost"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"delete: {remote}mine.txt (deleted locally since the last sync)" in out
    conflict = next(line for line in out if line.startswith("conflict: doc.txt"))
    assert "changed on both sides since the last sync" in conflict
    assert f"kept as 'doc (conflict {TODAY}).txt' on both sides" in conflict
    assert "0 to transfer (30 bytes), 1 to delete, 1 conflicts (both kept), 1 unchanged" in out
    assert any(line.startswith("estimated requests: LIST 2,") for line in out)
    assert out[-2] == "2 transferred, 1 deleted, 1 conflicts kept both"
    expected = {
        "doc.txt": b"v2 here, later",
        f"doc (conflict {TODAY}).txt": b"v2 on the server",
        "theirs.txt": b"theirs",
    }
    assert _local(folder) == expected
    assert _remote(seaweed_admin, bucket) == expected


def test_direction_usage_errors_exit_2(
    aws_env: list[str], bucket: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = f"s3://{bucket}/m/"
    assert main(["sync", str(tmp_path), remote, "--direction", "download", *aws_env]) == 2
    assert "needs the s3:// path first" in capsys.readouterr().err
    assert main(["sync", remote, str(tmp_path), "--direction", "upload", *aws_env]) == 2
    assert "needs the folder first" in capsys.readouterr().err
    args = ["sync", str(tmp_path), remote, "--direction", "mirror", "--delete", *aws_env]
    assert main(args) == 2
    assert "drop --delete" in capsys.readouterr().err
    missing = ["sync", remote, str(tmp_path / "none"), "--direction", "mirror", *aws_env]
    assert main(missing) == 4


def test_an_empty_two_way_run_records_the_equal_sides_and_a_dryrun_does_not(
    aws_env: list[str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "f"
    _write(folder / "a.txt", b"same")
    seaweed_admin.put_object(Bucket=bucket, Key="m/a.txt", Body=b"same")
    mirror = ["sync", str(folder), f"s3://{bucket}/m/", "--direction", "mirror", *aws_env]
    records = paths.state_dir() / "sync"
    assert main([*mirror, "--dryrun"]) == 0
    assert not records.exists() or not any(records.iterdir())
    assert main(mirror) == 0
    assert len(list(records.glob("*.json"))) == 1
    (folder / "a.txt").unlink()
    capsys.readouterr()
    assert main([*mirror, "--dryrun"]) == 0
    assert f"(dryrun) delete: s3://{bucket}/m/a.txt (deleted locally since the last sync)" in (
        capsys.readouterr().out.splitlines()
    )
