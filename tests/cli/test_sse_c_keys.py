"""`--sse-c-key-file` with no usable keyring (the null backend), when a keyring drops the
key, and with the wrong key."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import keyring
from keyring.backends.null import Keyring as NullKeyring

from app.cli.main import main
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.plaintext_scan import files_holding


def test_with_the_null_backend_the_key_is_kept_for_the_run_only(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    key = os.urandom(32)
    (tmp_path / "key.bin").write_bytes(key)
    (tmp_path / "f").write_bytes(b"f")
    keyring.set_keyring(NullKeyring())  # counts as no keyring; the fixture restores it
    key_file = ["--sse-c-key-file", str(tmp_path / "key.bin")]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "-q", *key_file]) == 0
    assert main(["stat", f"s3://{bucket}/f", *key_file]) == 0
    head = seaweed_admin.head_object(
        Bucket=bucket, Key="f", SSECustomerAlgorithm="AES256", SSECustomerKey=key
    )
    assert head["SSECustomerAlgorithm"] == "AES256"  # stored encrypted with that key
    assert files_holding(base64.b64encode(key).decode()) == []


def test_the_key_file_never_goes_to_the_keyring(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The file is the key ring for the run: nothing of it is written to the keyring."""
    key = os.urandom(32)
    (tmp_path / "key.bin").write_bytes(key)
    (tmp_path / "f").write_bytes(b"f")
    key_file = ["--sse-c-key-file", str(tmp_path / "key.bin")]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "-q", *key_file]) == 0
    head = seaweed_admin.head_object(
        Bucket=bucket, Key="f", SSECustomerAlgorithm="AES256", SSECustomerKey=key
    )
    assert head["SSECustomerAlgorithm"] == "AES256"
    assert not [name for _, name in memory_keyring.store if "sse-c" in name]


def test_the_wrong_key_is_refused_and_nothing_is_written(
    capsys, aws_env, bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "right.key").write_bytes(os.urandom(32))
    (tmp_path / "wrong.key").write_bytes(os.urandom(32))
    (tmp_path / "f").write_bytes(b"secret")
    upload = ["cp", str(tmp_path / "f"), f"s3://{bucket}/enc", "-q"]
    assert main([*upload, "--sse-c-key-file", str(tmp_path / "right.key")]) == 0
    capsys.readouterr()
    argv = ["cp", f"s3://{bucket}/enc", str(tmp_path / "back")]
    code = main([*argv, "--sse-c-key-file", str(tmp_path / "wrong.key")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("eider: error: ") and err.count("\n") == 1
    assert "is not the one it was encrypted with" in err
    assert not (tmp_path / "back").exists()
