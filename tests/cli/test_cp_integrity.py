"""`eider cp` checks with the connection's integrity policy and says when a check was MD5."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.core.transfers.integrity import CRC_META, md5_note


def test_cp_keeps_a_crc_and_says_when_only_md5_could_check(
    aws_env: dict[str, str],
    seaweed_admin: Any,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = os.urandom(300_000)
    local = tmp_path / "up.bin"
    local.write_bytes(data)
    # An endpoint Eider does not know: Content-MD5 on the upload, and Eider's CRC in metadata.
    assert main(["cp", str(local), f"s3://{bucket}/ours.bin"]) == 0
    assert CRC_META in seaweed_admin.head_object(Bucket=bucket, Key="ours.bin")["Metadata"]
    capsys.readouterr()
    assert main(["cp", f"s3://{bucket}/ours.bin", str(tmp_path / "ours.bin")]) == 0
    assert "MD5" not in capsys.readouterr().out  # checked by the CRC

    seaweed_admin.put_object(Bucket=bucket, Key="foreign.bin", Body=data)
    assert main(["cp", f"s3://{bucket}/foreign.bin", str(tmp_path / "foreign.bin")]) == 0
    assert md5_note() in capsys.readouterr().out
    assert (tmp_path / "foreign.bin").read_bytes() == data
