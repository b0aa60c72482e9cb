"""`eider sync` end to end against SeaweedFS, with keys from the AWS_* environment."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from tests.fixtures.servers import RunningS3


@pytest.fixture
def aws_env(seaweed: RunningS3, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    return ["--endpoint-url", seaweed.endpoint_url]


def test_sync_up_dryrun_then_real_then_down(
    aws_env: list[str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_bytes(b"alpha")
    (src / "sub" / "b.txt").write_bytes(b"beta")
    past = time.time() - 3600
    for path in (src / "a.txt", src / "sub" / "b.txt"):
        os.utime(path, (past, past))
    seaweed_admin.put_object(Bucket=bucket, Key="m/stale", Body=b"old")
    target = f"s3://{bucket}/m"

    assert main(["sync", str(src), target, "--dryrun", "--delete", *aws_env]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"(dryrun) upload: {src / 'a.txt'} to s3://{bucket}/m/a.txt (new file)" in out
    assert f"(dryrun) delete: s3://{bucket}/m/stale (not in the local folder)" in out
    assert "stale" in {
        o["Key"][2:] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"]
    }

    assert main(["sync", str(src), target, "--delete", *aws_env]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 transferred, 1 deleted"
    keys = sorted(o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == ["m/a.txt", "m/sub/b.txt"]

    assert main(["sync", str(src), target, "--dryrun", "--delete", *aws_env]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "(dryrun) 0 to transfer (0 bytes), 0 to delete, 2 unchanged"
    ]

    dst = tmp_path / "dst"
    assert main(["sync", target, str(dst), "--compare", "checksum", *aws_env]) == 0
    assert (dst / "sub" / "b.txt").read_bytes() == b"beta"
    assert int((dst / "a.txt").stat().st_mtime) == int(past)


def test_sync_usage_errors(aws_env: list[str], tmp_path: Path) -> None:
    assert main(["sync", str(tmp_path), str(tmp_path), *aws_env]) == 2
    assert main(["sync", str(tmp_path), "s3://", *aws_env]) == 2
    assert main(["sync", str(tmp_path / "missing"), "s3://b/p", *aws_env]) == 1


def test_sync_reports_missing_credentials_and_buckets(
    seaweed: RunningS3,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.aws here
    url = ["--endpoint-url", seaweed.endpoint_url]
    assert main(["sync", str(tmp_path), "s3://b/p", "--profile", "nobody", *url]) == 2
    assert "no AWS profile named 'nobody'" in capsys.readouterr().err
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    assert main(["sync", str(tmp_path), "s3://no-such-bucket-here/p", *url]) == 1
    assert "no-such-bucket-here" in capsys.readouterr().err
