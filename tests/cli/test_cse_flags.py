"""`--cse-key-file` and `--cse-kms-key-id` on cp, mv and sync, with no keyring backend."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import boto3
import keyring
import pytest
from keyring.backends.null import Keyring as NullKeyring
from s3_encryption import S3EncryptionClient, S3EncryptionClientConfig
from s3_encryption.materials.kms_keyring import KmsKeyring

from app.cli.main import main
from tests.conftest import admin_client
from tests.fixtures.plaintext_scan import files_holding
from tests.fixtures.servers import RunningS3


@pytest.fixture(autouse=True)
def no_keyring_backend() -> None:
    keyring.set_keyring(NullKeyring())  # counts as no keyring; the autouse fixture restores it


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "cse.key"
    path.write_text(os.urandom(32).hex() + "\n")
    return path


def test_cp_up_and_down_with_a_key_file(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    key_file: Path,
    tmp_path: Path,
) -> None:
    data = os.urandom(7 * 1024 * 1024)
    (tmp_path / "f").write_bytes(data)
    flags = ["--cse-key-file", str(key_file)]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "-q", *flags]) == 0
    stored = seaweed_admin.get_object(Bucket=bucket, Key="f")
    assert stored["Metadata"]["x-amz-c"] == "115"
    assert stored["Body"].read()[:4096] != data[:4096]
    assert main(["cp", f"s3://{bucket}/f", str(tmp_path / "back"), "-q", *flags]) == 0
    assert (tmp_path / "back").read_bytes() == data
    assert files_holding(key_file.read_text().strip()) == []


def test_the_wrong_key_file_is_refused_in_words_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    bucket: str,
    key_file: Path,
    tmp_path: Path,
) -> None:
    (tmp_path / "f").write_bytes(b"secret")
    (tmp_path / "wrong.key").write_bytes(os.urandom(32))
    assert (
        main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "-q", "--cse-key-file", str(key_file)])
        == 0
    )
    capsys.readouterr()
    argv = [
        "cp",
        f"s3://{bucket}/f",
        str(tmp_path / "back"),
        "--cse-key-file",
        str(tmp_path / "wrong.key"),
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "not encrypted with this client-side key" in err
    assert not (tmp_path / "back").exists()


def test_mv_and_sync_encrypt_and_a_second_sync_finds_nothing_to_do(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    key_file: Path,
    tmp_path: Path,
) -> None:
    flags = ["--cse-key-file", str(key_file)]
    (tmp_path / "moved").write_bytes(b"moved away")
    assert main(["mv", str(tmp_path / "moved"), f"s3://{bucket}/moved", "-q", *flags]) == 0
    assert not (tmp_path / "moved").exists()
    assert "x-amz-3" in seaweed_admin.head_object(Bucket=bucket, Key="moved")["Metadata"]

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(b"alpha")
    (src / "b.txt").write_bytes(os.urandom(6000))
    past = time.time() - 3600
    for path in src.iterdir():
        os.utime(path, (past, past))
    assert main(["sync", str(src), f"s3://{bucket}/m", *flags]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 transferred, 0 deleted"
    for name in ("a.txt", "b.txt"):
        assert "x-amz-3" in seaweed_admin.head_object(Bucket=bucket, Key=f"m/{name}")["Metadata"]
    assert main(["sync", str(src), f"s3://{bucket}/m", "--dryrun", *flags]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "(dryrun) 0 to transfer (0 bytes), 0 to delete, 2 unchanged"
    ]
    dst = tmp_path / "dst"
    assert main(["sync", f"s3://{bucket}/m", str(dst), *flags]) == 0
    assert (dst / "a.txt").read_bytes() == b"alpha"
    assert (dst / "b.txt").read_bytes() == (src / "b.txt").read_bytes()


def test_both_kinds_of_key_or_a_copy_within_s3_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
    aws_env: dict[str, str],
    bucket: str,
    key_file: Path,
    tmp_path: Path,
) -> None:
    (tmp_path / "f").write_bytes(b"x")
    both = ["--cse-key-file", str(key_file), "--cse-kms-key-id", "alias/k"]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", *both]) == 2
    assert "exclude each other" in capsys.readouterr().err
    copy = ["cp", f"s3://{bucket}/a", f"s3://{bucket}/b", "--cse-key-file", str(key_file)]
    assert main(copy) == 2
    assert "a copy within S3 keeps" in capsys.readouterr().err


def test_cp_with_a_kms_key_is_read_by_the_official_client(
    capsys: pytest.CaptureFixture[str],
    moto: RunningS3,
    moto_admin: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": moto.access_key,
        "AWS_SECRET_ACCESS_KEY": moto.secret_key,
        "AWS_ENDPOINT_URL": moto.endpoint_url,
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    kms = boto3.client("kms", endpoint_url=moto.endpoint_url, region_name="us-east-1")
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    bucket = f"cse-cli-{os.getpid()}-{int(time.time() * 1000) % 100000}"
    moto_admin.create_bucket(Bucket=bucket)
    data = os.urandom(9 * 1024 * 1024)
    (tmp_path / "f").write_bytes(data)
    flags = ["--cse-kms-key-id", key_id, "--multipart-threshold", "6MiB", "--part-size", "5MiB"]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "-q", *flags]) == 0
    official = S3EncryptionClient(
        admin_client(moto), S3EncryptionClientConfig(keyring=KmsKeyring(kms, key_id))
    )
    assert official.get_object(Bucket=bucket, Key="f")["Body"].read() == data
    assert main(["cp", f"s3://{bucket}/f", str(tmp_path / "back"), "-q", *flags]) == 0
    assert (tmp_path / "back").read_bytes() == data
