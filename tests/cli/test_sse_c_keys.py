"""`--sse-c-key-file` when the keyring drops the key, and with the wrong key."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
from keyring.backends.null import Keyring as NullKeyring

from app.cli.main import main


def test_a_keyring_that_stores_nothing_is_named_before_any_upload(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "key.bin").write_bytes(os.urandom(32))
    (tmp_path / "f").write_bytes(b"f")
    keyring.set_keyring(NullKeyring())  # the autouse fixture restores the previous backend
    key_file = ["--sse-c-key-file", str(tmp_path / "key.bin")]
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f", *key_file]) == 3
    assert main(["stat", f"s3://{bucket}/f", *key_file]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("keyring did not keep the SSE-C key" in line for line in err)
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)


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
