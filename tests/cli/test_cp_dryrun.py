"""`eider cp --dryrun` / `eider mv --dryrun` against SeaweedFS: each operation printed in the
AWS CLI's shape, nothing changed on the server or on disk, exit 0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main


def _state(admin: Any, bucket: str, root: Path) -> tuple[list[tuple[str, int]], list[str]]:
    listed = admin.list_objects_v2(Bucket=bucket).get("Contents", [])
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    return sorted((o["Key"], o["Size"]) for o in listed), files


def _dryrun(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main([*argv, "--dryrun"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


def test_dryrun_prints_every_operation_and_changes_nothing(
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"  # tmp_path also holds the test's Eider home (its log file)
    work.mkdir()
    monkeypatch.chdir(work)
    for name in ("src/a.txt", "src/sub/b.txt", "src/c.tmp"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(name)
    seaweed_admin.put_object(Bucket=bucket, Key="p/x.txt", Body=b"x")
    seaweed_admin.put_object(Bucket=bucket, Key="p/deep/y.txt", Body=b"yy")
    seaweed_admin.put_object(Bucket=bucket, Key="p/deep/", Body=b"")  # a folder marker
    before = _state(seaweed_admin, bucket, work)
    s3 = f"s3://{bucket}"

    assert _dryrun(["cp", "-r", "src", f"{s3}/up/", "--exclude", "*.tmp"], capsys) == [
        f"(dryrun) upload: src/a.txt to {s3}/up/a.txt",
        f"(dryrun) upload: src/sub/b.txt to {s3}/up/sub/b.txt",
    ]
    assert _dryrun(["mv", "src/a.txt", f"{s3}/up/"], capsys) == [
        f"(dryrun) move: src/a.txt to {s3}/up/a.txt"
    ]
    assert _dryrun(["cp", "-r", f"{s3}/p/", "down"], capsys) == [
        f"(dryrun) download: {s3}/p/deep/y.txt to down/deep/y.txt",
        f"(dryrun) download: {s3}/p/x.txt to down/x.txt",
    ]
    assert _dryrun(["mv", f"{s3}/p/x.txt", "new-folder/"], capsys) == [
        f"(dryrun) move: {s3}/p/x.txt to new-folder/x.txt"
    ]
    assert _dryrun(["cp", f"{s3}/p/x.txt", f"{s3}/q/"], capsys) == [
        f"(dryrun) copy: {s3}/p/x.txt to {s3}/q/x.txt"
    ]
    assert _dryrun(["mv", "-r", f"{s3}/p/", f"{s3}/q"], capsys) == [
        f"(dryrun) move: {s3}/p/deep/y.txt to {s3}/q/deep/y.txt",
        f"(dryrun) move: {s3}/p/x.txt to {s3}/q/x.txt",
    ]

    assert _state(seaweed_admin, bucket, work) == before


def test_dryrun_still_reports_what_would_fail(
    aws_env: dict[str, str], bucket: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "into"
    assert main(["cp", f"s3://{bucket}/missing.txt", f"{into}/", "--dryrun"]) == 4
    assert "does not exist" in capsys.readouterr().err
    assert not into.exists()
