"""`eider jobs resume` of client-side encrypted jobs started with --cse-key-file: the journal
names the key file and its key's fingerprint (never the key); the resume reads the file again,
or the one given with --cse-key-file, and refuses in words a file without the job's key. No
keyring backend plays any part (the fail backend)."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.main import main
from app.core.cse.key_files import file_ref, fingerprint, forget_loaded_keys
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import TransferOptions
from tests.fixtures.plaintext_scan import files_holding

MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def no_keyring_backend() -> None:
    keyring.set_keyring(FailKeyring())  # the autouse keyring fixture restores the previous one
    forget_loaded_keys()


def _paused_upload(source: Path, bucket: str, key_file: Path) -> TransferEngine:
    parser = argparse.ArgumentParser()
    add_connection_arguments(parser)
    engine = TransferEngine(open_session(parser.parse_args([])), rate_limit=1)
    options = TransferOptions(
        cse_key_ref=file_ref(key_file), multipart_threshold=5 * MIB, part_size=5 * MIB
    )
    job = engine.upload(source, bucket, source.name, options=options)
    engine.pause(job)
    deadline = time.monotonic() + 60
    while engine.job(job).state is not JobState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.job(job).state is JobState.PAUSED
    engine.close()
    forget_loaded_keys()  # as in a new process
    return engine


def test_resume_reads_the_recorded_key_file_again(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    key = os.urandom(32)
    key_file = tmp_path / "cse.key"
    key_file.write_text(key.hex() + "\n")
    data = os.urandom(6 * MIB)
    (tmp_path / "big.bin").write_bytes(data)
    _paused_upload(tmp_path / "big.bin", bucket, key_file)
    stored = b"".join(
        p.read_bytes() for p in Path(os.environ["EIDER_HOME"]).rglob("*") if p.is_file()
    )
    assert str(key_file).encode() in stored and fingerprint(key).encode() in stored
    assert key not in stored and files_holding(key.hex()) == []

    assert main(["jobs", "resume", "-q"]) == 0, capsys.readouterr().err
    head = seaweed_admin.head_object(Bucket=bucket, Key="big.bin")
    assert "x-amz-3" in head["Metadata"] or "x-amz-key-v2" in head["Metadata"]
    raw = seaweed_admin.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert raw[:4096] != data[:4096]
    back = tmp_path / "back.bin"
    assert (
        main(["cp", f"s3://{bucket}/big.bin", str(back), "-q", "--cse-key-file", str(key_file)])
        == 0
    )
    assert back.read_bytes() == data


def test_resume_refuses_a_key_file_without_the_jobs_key_and_takes_a_moved_one(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
) -> None:
    key = os.urandom(32)
    key_file = tmp_path / "cse.key"
    key_file.write_text(key.hex() + "\n")
    data = os.urandom(6 * MIB)
    (tmp_path / "big.bin").write_bytes(data)
    _paused_upload(tmp_path / "big.bin", bucket, key_file)

    key_file.write_text(os.urandom(32).hex() + "\n")  # the recorded file now holds another key
    assert main(["jobs", "resume"]) == 1
    err = capsys.readouterr().err
    assert "is not resumed" in err
    assert f"{key_file} no longer holds the key the job was started with" in err
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)

    other = tmp_path / "other.key"  # a file given on the command line must hold the key too
    other.write_bytes(os.urandom(32))
    assert main(["jobs", "resume", "--cse-key-file", str(other)]) == 1
    err = capsys.readouterr().err
    assert f"{other} does not hold the key this job was started with" in err
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)

    missing = ["jobs", "resume", "--cse-key-file", str(tmp_path / "gone.key")]
    assert main(missing) == 2
    assert "gone.key cannot be read" in capsys.readouterr().err

    moved = tmp_path / "moved.key"  # the key, kept elsewhere now
    moved.write_text(key.hex() + "\n")
    forget_loaded_keys()
    assert main(["jobs", "resume", "-q", "--cse-key-file", str(moved)]) == 0
    capsys.readouterr()
    back = tmp_path / "back.bin"
    assert (
        main(["cp", f"s3://{bucket}/big.bin", str(back), "-q", "--cse-key-file", str(moved)]) == 0
    )
    assert back.read_bytes() == data
