"""`--exclude` / `--include` on recursive `cp`, `mv` and `rm`, against SeaweedFS: the rules of
`sync` (app.core.transfers.name_filter), checked on what the server and the disk hold after."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from tests.cli.conftest import eider_child, run_eider

NAMES = ("a.txt", "b.tmp", "logs/x.log", "logs/keep.log")
RULES = ["--exclude", "*.tmp", "--exclude", "logs/*", "--include", "logs/keep*"]
KEPT = ["a.txt", "logs/keep.log"]  # what RULES let through


def _keys(admin: Any, bucket: str, prefix: str = "") -> list[str]:
    listed = admin.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(o["Key"][len(prefix) :] for o in listed.get("Contents", []))


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _local_tree(root: Path) -> Path:
    for name in NAMES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(name.encode())
    return root


def _remote_tree(admin: Any, bucket: str, prefix: str) -> None:
    for name in NAMES:
        admin.put_object(Bucket=bucket, Key=prefix + name, Body=name.encode())


def test_cp_and_mv_upload_only_the_names_the_rules_let_through(
    aws_env: dict[str, str], seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    src = _local_tree(tmp_path / "src")
    assert main(["cp", "-r", str(src), f"s3://{bucket}/cp/", *RULES]) == 0
    assert _keys(seaweed_admin, bucket, "cp/") == KEPT
    assert _files(src) == sorted(NAMES)

    assert main(["mv", "-r", str(src), f"s3://{bucket}/mv/", *RULES]) == 0
    assert _keys(seaweed_admin, bucket, "mv/") == KEPT
    assert _files(src) == ["b.tmp", "logs/x.log"]  # the excluded files stay where they were
    assert seaweed_admin.get_object(Bucket=bucket, Key="mv/logs/keep.log")["Body"].read() == (
        b"logs/keep.log"
    )


def test_cp_and_mv_download_only_the_names_the_rules_let_through(
    aws_env: dict[str, str], seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    _remote_tree(seaweed_admin, bucket, "p/")
    assert main(["cp", "-r", f"s3://{bucket}/p/", str(tmp_path / "cp"), *RULES]) == 0
    assert _files(tmp_path / "cp") == KEPT
    assert (tmp_path / "cp" / "logs" / "keep.log").read_bytes() == b"logs/keep.log"
    assert _keys(seaweed_admin, bucket, "p/") == sorted(NAMES)

    assert main(["mv", "-r", f"s3://{bucket}/p/", str(tmp_path / "mv"), *RULES]) == 0
    assert _files(tmp_path / "mv") == KEPT
    assert _keys(seaweed_admin, bucket, "p/") == ["b.tmp", "logs/x.log"]


def test_cp_and_mv_on_the_server_take_only_the_names_the_rules_let_through(
    aws_env: dict[str, str], seaweed_admin: Any, bucket: str
) -> None:
    _remote_tree(seaweed_admin, bucket, "p/")
    assert main(["cp", "-r", f"s3://{bucket}/p/", f"s3://{bucket}/cp/", *RULES]) == 0
    assert _keys(seaweed_admin, bucket, "cp/") == KEPT
    assert _keys(seaweed_admin, bucket, "p/") == sorted(NAMES)

    assert main(["mv", "-r", f"s3://{bucket}/p/", f"s3://{bucket}/mv", *RULES]) == 0
    assert _keys(seaweed_admin, bucket, "mv/") == KEPT
    assert _keys(seaweed_admin, bucket, "p/") == ["b.tmp", "logs/x.log"]
    body = seaweed_admin.get_object(Bucket=bucket, Key="mv/logs/keep.log")["Body"].read()
    assert body == b"logs/keep.log"


def test_rm_deletes_only_the_names_the_rules_let_through(
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _remote_tree(seaweed_admin, bucket, "p/")
    seaweed_admin.put_object(Bucket=bucket, Key="other.tmp", Body=b"outside the prefix")

    assert main(["rm", "-r", f"s3://{bucket}/p/", "--dryrun", *RULES]) == 0
    planned = capsys.readouterr().out.splitlines()
    assert planned == [f"(dryrun) delete: s3://{bucket}/p/{name}" for name in KEPT]
    assert _keys(seaweed_admin, bucket, "p/") == sorted(NAMES)

    assert main(["rm", "-r", f"s3://{bucket}/p/", *RULES]) == 0
    assert _keys(seaweed_admin, bucket) == ["other.tmp", "p/b.tmp", "p/logs/x.log"]


def test_everything_excluded_changes_nothing_and_succeeds(
    aws_env: dict[str, str], seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    src = _local_tree(tmp_path / "src")
    _remote_tree(seaweed_admin, bucket, "p/")
    none = ["--exclude", "*"]
    assert main(["mv", "-r", str(src), f"s3://{bucket}/up/", *none]) == 0
    assert main(["mv", "-r", f"s3://{bucket}/p/", str(tmp_path / "down"), *none]) == 0
    assert main(["rm", "-r", f"s3://{bucket}/p/", *none]) == 0
    assert main(["mv", "-r", f"s3://{bucket}/p/", f"s3://{bucket}/q/", *none]) == 0
    assert _files(src) == sorted(NAMES)
    assert _keys(seaweed_admin, bucket) == [f"p/{name}" for name in sorted(NAMES)]
    assert not (tmp_path / "down").exists() or _files(tmp_path / "down") == []


@pytest.mark.parametrize(
    "argv",
    [
        ["cp", "{tmp}/f", "s3://{bucket}/f", "--exclude", "*"],
        ["rm", "s3://{bucket}/f", "--include", "*"],
        ["cp", "s3://{bucket}/a", "s3://{bucket}/b", "--exclude", "*.tmp"],
    ],
)
def test_rules_where_they_cannot_apply_are_refused(
    aws_env: dict[str, str],
    bucket: str,
    tmp_path: Path,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "f").write_bytes(b"f")
    assert main([a.format(tmp=tmp_path, bucket=bucket) for a in argv]) == 2
    assert "--exclude and --include" in capsys.readouterr().err


def test_a_killed_filtered_upload_resumes_without_the_excluded_files(
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    isolated_environment: Path,
) -> None:
    part = 5 * 1024 * 1024
    src = tmp_path / "src"
    src.mkdir()
    data = os.urandom(4 * part + 123)
    (src / "big.bin").write_bytes(data)
    (src / "skip.tmp").write_bytes(b"excluded")
    env = {**aws_env, "EIDER_HOME": str(isolated_environment)}
    slow = ["--part-size", "5MiB", "--multipart-threshold", "5MiB", "--connections", "1"]
    argv = ["cp", "-r", str(src), f"s3://{bucket}/t/", "--exclude", "*.tmp", *slow]

    with eider_child(*argv, "--rate-limit", "6MiB", env=env) as child:
        deadline = time.monotonic() + 60
        while not _parts(seaweed_admin, bucket, "t/big.bin") and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _keys(seaweed_admin, bucket) == []  # killed mid-way: nothing finished yet

    listed = run_eider("jobs", "list", "--json", env=env)
    jobs = json.loads(listed.stdout)
    assert len(jobs) == 1, listed.stderr
    resumed = run_eider("jobs", "resume", str(jobs[0]["id"])[:8], env=env)

    assert resumed.returncode == 0, resumed.stderr
    assert _keys(seaweed_admin, bucket) == ["t/big.bin"]
    assert seaweed_admin.get_object(Bucket=bucket, Key="t/big.bin")["Body"].read() == data


def _parts(admin: Any, bucket: str, key: str) -> list[object]:
    for upload in admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        if upload["Key"] == key:
            return admin.list_parts(Bucket=bucket, Key=key, UploadId=upload["UploadId"]).get(
                "Parts", []
            )
    return []
