"""`eider sync` end to end against SeaweedFS: the plan and its output, the shared connection,
transfer and output options, the exit codes and Ctrl-C."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from tests.cli.conftest import add_seaweed_bookmark, eider_child, interrupt
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
    assert capsys.readouterr().out.splitlines()[-1] == "2 transferred, 0 deleted"

    # Only deletions to make: no transfer job, and -q prints nothing.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["sync", str(empty), target, "--delete", "-q", *aws_env]) == 0
    assert capsys.readouterr().out == ""
    assert seaweed_admin.list_objects_v2(Bucket=bucket).get("KeyCount") == 0


def test_sync_usage_errors_exit_2(
    aws_env: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_bytes(b"f")
    assert main(["sync", str(tmp_path), str(tmp_path), *aws_env]) == 2
    assert main(["sync", str(tmp_path), "s3://", *aws_env]) == 2
    assert main(["sync", str(tmp_path / "file"), "s3://b/p", *aws_env]) == 2
    assert main(["sync", str(tmp_path), "s3://b/p", "--connections", "0", *aws_env]) == 2
    assert main(["sync", str(tmp_path), "s3://b/p", "--endpoint-url", "ftp://h"]) == 2
    assert main(["sync", str(tmp_path), "s3://b/p", "--bookmark", "Nope", *aws_env]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 6 and all(line.startswith("eider: error: ") for line in err)
    # The plan decides what is copied: the conflict options of cp do not apply.
    with pytest.raises(SystemExit) as raised:
        main(["sync", str(tmp_path), "s3://b/p", "--if-exists", "skip"])
    assert raised.value.code == 2


def test_sync_missing_things_exit_4_and_credentials_exit_3(
    seaweed: RunningS3,
    bucket: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.aws here
    url = ["--endpoint-url", seaweed.endpoint_url]
    assert main(["sync", str(tmp_path), "s3://b/p", "--profile", "nobody", *url]) == 3
    assert "no AWS profile named 'nobody'" in capsys.readouterr().err

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    assert main(["sync", str(tmp_path / "missing"), f"s3://{bucket}/p", *url]) == 4
    assert "missing does not exist" in capsys.readouterr().err
    assert main(["sync", str(tmp_path), "s3://no-such-bucket-here/p", *url]) == 4
    assert main(["sync", "s3://no-such-bucket-here/p", str(tmp_path / "down"), *url]) == 4
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("no-such-bucket-here" in line for line in err)
    assert not (tmp_path / "down").exists()

    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    assert main(["sync", str(tmp_path), f"s3://{bucket}/p", *url]) == 3
    err = capsys.readouterr().err
    assert err.startswith("eider: error: ") and err.count("\n") == 1
    assert "not-the-secret" not in err and "Traceback" not in err


def test_sync_takes_a_bookmark_path_style_and_transfer_options(
    seaweed: RunningS3,
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_seaweed_bookmark(seaweed)
    folder = tmp_path / "opt"
    folder.mkdir()
    (folder / "o.txt").write_bytes(b"options")
    code = main(
        [
            "sync",
            str(folder),
            f"s3://{bucket}/opt/",
            "--bookmark",
            "Lab",
            "--path-style",
            "--storage-class",
            "STANDARD_IA",
            "--checksum",
            "crc32c",
            "--metadata",
            "team=birds",
            "--no-progress",
        ]
    )
    assert code == 0, capsys.readouterr().err
    head = seaweed_admin.head_object(Bucket=bucket, Key="opt/o.txt", ChecksumMode="ENABLED")
    assert head.get("StorageClass") == "STANDARD_IA"
    assert "ChecksumCRC32C" in head
    assert head["Metadata"].get("team") == "birds"
    assert capsys.readouterr().out.splitlines()[-1] == "1 transferred, 0 deleted"


def test_ctrl_c_pauses_the_sync_with_exit_130_and_deletes_nothing(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for n in range(3):
        (source / f"f{n}.bin").write_bytes(os.urandom(96 * 1024))
    seaweed_admin.put_object(Bucket=bucket, Key="slow/stale", Body=b"old")
    env = {
        "AWS_ACCESS_KEY_ID": seaweed.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed.secret_key,
        "AWS_ENDPOINT_URL": seaweed.endpoint_url,
    }
    target = f"s3://{bucket}/slow"
    slow = ["--delete", "--connections", "1", "--rate-limit", "48KiB"]
    with eider_child("sync", str(source), target, *slow, env=env) as child:
        deadline = time.monotonic() + 60
        while _keys(seaweed_admin, bucket) == ["slow/stale"] and time.monotonic() < deadline:
            time.sleep(0.05)
        err = interrupt(child)
    assert child.returncode == 130, err
    assert "eider jobs resume" in err and "Traceback" not in err
    keys = _keys(seaweed_admin, bucket)
    assert "slow/stale" in keys and len(keys) < 4  # stopped part-way; nothing deleted


def _keys(admin: Any, bucket: str) -> list[str]:
    listed = admin.list_objects_v2(Bucket=bucket)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def test_excluded_names_are_neither_sent_nor_deleted_both_ways(
    aws_env: list[str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = tmp_path / "src"
    for name in ("a.txt", "b.tmp", "logs/x.log", "logs/keep.log"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(name.encode())
    seaweed_admin.put_object(Bucket=bucket, Key="f/extra.txt", Body=b"extra")
    seaweed_admin.put_object(Bucket=bucket, Key="f/old.tmp", Body=b"excluded extra")
    rules = ["--exclude", "*.tmp", "--exclude", "logs/*", "--include", "logs/keep*"]
    up = ["sync", str(src), f"s3://{bucket}/f/", "--delete", *rules, *aws_env]

    assert main([*up, "--dryrun"]) == 0
    planned = [line.removeprefix("(dryrun) ") for line in capsys.readouterr().out.splitlines()]
    assert main(up) == 0
    done = capsys.readouterr().out.splitlines()
    assert planned[:-1] == done[: len(planned) - 1]  # the dry run lists what the sync does
    keys = sorted(o["Key"] for o in seaweed_admin.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == ["f/a.txt", "f/logs/keep.log", "f/old.tmp"]  # extra.txt deleted, old.tmp kept

    down = tmp_path / "down"
    down.mkdir()
    (down / "local.tmp").write_bytes(b"mine")
    (down / "stray.txt").write_bytes(b"stray")
    argv = ["sync", f"s3://{bucket}/f/", str(down), "--delete", "--exclude", "*.tmp", *aws_env]
    assert main(argv) == 0
    got = sorted(p.relative_to(down).as_posix() for p in down.rglob("*") if p.is_file())
    assert got == ["a.txt", "local.tmp", "logs/keep.log"]  # old.tmp not fetched, local.tmp kept


def test_dryrun_cost_prints_requests_bytes_and_price_and_a_run_prints_what_was_sent(
    aws_env: list[str], bucket: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(b"alpha")
    (src / "b.txt").write_bytes(b"bravo!")
    target = f"s3://{bucket}/c"
    assert main(["sync", str(src), target, "--dryrun", "--cost", *aws_env]) == 0
    out = capsys.readouterr().out
    assert "(dryrun) estimated requests: LIST 1, HEAD 0, GET 0, PUT 2, COPY 0, DELETE 0" in out
    assert "(dryrun) estimated bytes: 11 up, 0 down" in out
    assert "(dryrun) estimated price: $0.000015 (AWS S3 Standard (us-east-1))" in out

    code = main(["sync", str(src), target, "--cost", "--price-table", "none", *aws_env])
    assert code == 0
    out = capsys.readouterr().out
    assert "estimated price: unknown (no price table)" in out
    assert "sent requests: LIST 1, HEAD 0, GET 0, PUT 2, COPY 0, DELETE 0" in out
