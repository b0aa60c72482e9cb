"""`eider jobs`: an `eider cp` killed with SIGKILL (or stopped with Ctrl-C) mid-upload is listed
and finished by `eider jobs resume`; `eider jobs abort` drops a job and its multipart upload."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.main import main
from app.core.transfers.download import partial_path
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.journal import default_path as journal_path
from tests.cli.conftest import ROOT, run_eider

PART = 5 * 1024 * 1024


def _start_slow_upload(
    source: Path, target: str, env: dict[str, str], rate: str = "6MiB"
) -> subprocess.Popen[str]:
    child_env = {**os.environ, **env, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "cp",
            str(source),
            target,
            "--part-size",
            "5MiB",
            "--multipart-threshold",
            "5MiB",
            "--connections",
            "1",
            "--rate-limit",
            rate,
        ],
        cwd=ROOT,
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_parts(admin: object, bucket: str, key: str, at_least: int) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        uploads = admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])  # type: ignore[attr-defined]
        for upload in uploads:
            if upload["Key"] != key:
                continue
            parts = admin.list_parts(  # type: ignore[attr-defined]
                Bucket=bucket, Key=key, UploadId=upload["UploadId"]
            ).get("Parts", [])
            if len(parts) >= at_least:
                return upload["UploadId"]
        time.sleep(0.05)
    raise AssertionError(f"no upload of {key} reached {at_least} parts")


def _jobs(env: dict[str, str]) -> list[dict[str, object]]:
    listed = run_eider("jobs", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


def test_sigkilled_upload_resumes_byte_identical(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    data = os.urandom(6 * PART + 12345)  # seven parts
    source = tmp_path / "big.bin"
    source.write_bytes(data)
    env = {**aws_env, "EIDER_HOME": str(isolated_environment)}

    child = _start_slow_upload(source, f"s3://{bucket}/big.bin", env)
    try:
        upload_id = _wait_for_parts(seaweed_admin, bucket, "big.bin", 3)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    jobs = _jobs(env)
    assert len(jobs) == 1
    assert jobs[0]["kind"] == "upload" and jobs[0]["state"] == "running"
    # The part the server had just stored when the kill came may not be journaled yet (that is
    # the one in flight, sent again on resume); the ones before it are.
    assert 2 * PART <= int(jobs[0]["bytes_done"]) < len(data)  # type: ignore[call-overload]

    resumed = run_eider("jobs", "resume", str(jobs[0]["id"])[:8], env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert "\r" not in resumed.stdout  # piped: no progress bar

    body = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert body == data
    # The resumed job continued the same multipart upload instead of starting another.
    assert seaweed_admin.head_object(Bucket=bucket, Key="big.bin")["ETag"].strip('"').endswith("-7")
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert upload_id
    assert _jobs(env) == []


def test_ctrl_c_pauses_with_exit_130_and_abort_drops_the_upload(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(6 * PART))
    env = {**aws_env, "EIDER_HOME": str(isolated_environment)}

    child = _start_slow_upload(source, f"s3://{bucket}/paused.bin", env)
    try:
        _wait_for_parts(seaweed_admin, bucket, "paused.bin", 1)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, err
    assert "eider jobs resume" in err and "Traceback" not in err

    jobs = _jobs(env)
    assert [j["state"] for j in jobs] == ["paused"]
    assert len(seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])) == 1

    # The paused job's upload is its own, not an orphan: --abort-orphans leaves it.
    listed = run_eider("jobs", "uploads", f"s3://{bucket}", "--abort-orphans", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert [r["job"] for r in json.loads(listed.stdout)] == [jobs[0]["id"]]
    assert len(seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])) == 1

    # Another connection's options do not find the job: it is refused, not guessed at.
    wrong = run_eider("jobs", "abort", str(jobs[0]["id"]), env={**env, "AWS_ACCESS_KEY_ID": "x"})
    assert wrong.returncode == 2, wrong.stderr

    aborted = run_eider("jobs", "abort", str(jobs[0]["id"]), env=env)
    assert aborted.returncode == 0, aborted.stderr
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert _jobs(env) == []
    assert run_eider("jobs", "resume", "0123abcd", env=env).returncode == 4


def test_uploads_lists_and_aborts_orphans_only(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    orphan = seaweed_admin.create_multipart_upload(Bucket=bucket, Key="lost/part.bin")
    seaweed_admin.upload_part(
        Bucket=bucket,
        Key="lost/part.bin",
        UploadId=orphan["UploadId"],
        PartNumber=1,
        Body=b"x" * 1000,
    )
    assert main(["jobs", "uploads", f"s3://{bucket}", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["parts"], r["bytes"], r["job"]) for r in rows] == [
        ("lost/part.bin", 1, 1000, None)
    ]
    assert main(["jobs", "uploads", f"s3://{bucket}/lost/", "--abort-orphans"]) == 0
    assert "aborted: " in capsys.readouterr().out
    assert seaweed_admin.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_sigkilled_download_resumes_from_its_partial_file(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    data = os.urandom(4 * PART)
    seaweed_admin.put_object(Bucket=bucket, Key="down.bin", Body=data)
    target = tmp_path / "down.bin"
    partial = Path(partial_path(str(target)))
    env = {**aws_env, "EIDER_HOME": str(isolated_environment)}
    child_env = {**os.environ, **env, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "cp",
            f"s3://{bucket}/down.bin",
            str(target),
            "--connections",
            "1",
            "--rate-limit",
            "6MiB",
        ],
        cwd=ROOT,
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _journaled_ranges() < 1:
            assert time.monotonic() < deadline, "the download never got going"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert not target.exists()  # only a verified download replaces the target
    assert partial.exists()

    jobs = _jobs(env)
    assert [j["kind"] for j in jobs] == ["download"]
    resumed = run_eider("jobs", "resume", env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert target.read_bytes() == data
    assert not partial.exists()
    assert _jobs(env) == []


def _journaled_ranges() -> int:
    """Finished parts/ranges in the journal, read without writing to it."""
    path = journal_path()
    if not path.exists():
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return int(db.execute("SELECT COUNT(*) FROM parts").fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not there yet
        return 0
    finally:
        db.close()


def test_resume_rate_limit_caps_the_resumed_jobs(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    data = os.urandom(2 * 1024 * 1024)
    (tmp_path / "slow.bin").write_bytes(data)
    parser = argparse.ArgumentParser()
    add_connection_arguments(parser)
    # The session `eider cp` would open, so that `eider jobs resume` finds the job as its own;
    # at one byte per second the job is still at its start when it is paused.
    engine = TransferEngine(open_session(parser.parse_args([])), rate_limit=1)
    job = engine.upload(tmp_path / "slow.bin", bucket, "slow.bin")
    engine.pause(job)
    deadline = time.monotonic() + 60
    while engine.job(job).state is not JobState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.job(job).state is JobState.PAUSED
    engine.close()

    assert main(["jobs", "resume", "--connections", "0"]) == 2
    started = time.monotonic()
    assert main(["jobs", "resume", job[:8], "--rate-limit", "512KiB", "-q"]) == 0
    # A limit check, not a speed target: 2 MiB at 512 KiB/s cannot take under ~3 s (a quarter
    # second of burst, the last slice's debt unpaid), however fast the machine.
    assert time.monotonic() - started >= 2.5
    assert seaweed_admin.get_object(Bucket=bucket, Key="slow.bin")["Body"].read() == data
    assert "--connections must be at least 1" in capsys.readouterr().err


def test_a_job_another_process_runs_is_listed_as_such_and_not_resumed(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(3 * PART))
    env = {**aws_env, "EIDER_HOME": str(isolated_environment)}
    # ~30 s at this rate: longer than three eider runs take on a loaded machine (at 1 MiB/s the
    # upload once ended before "resume" ran); the child is killed below, so no test waits it out.
    child = _start_slow_upload(source, f"s3://{bucket}/big.bin", env, rate="512KiB")
    try:
        _wait_for_parts(seaweed_admin, bucket, "big.bin", 1)
        (job,) = _jobs(env)
        assert job["running_in_pid"] == child.pid
        listed = run_eider("jobs", "list", env=env)
        assert f"running in Eider process {child.pid}" in listed.stdout
        resumed = run_eider("jobs", "resume", str(job["id"])[:8], env=env)
        assert resumed.returncode == 1
        assert "is left alone" in resumed.stderr
        assert child.poll() is None, "the holder kept running"
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    (job,) = _jobs(env)
    assert job["running_in_pid"] is None, "the claim died with its holder"
