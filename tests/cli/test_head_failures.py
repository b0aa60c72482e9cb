"""A HEAD answered 403 has no reason in it: the commands ask the server which failure it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main


@pytest.mark.parametrize(
    "args",
    [
        ["cp", "{tmp}/f", "s3://{bucket}/new"],  # HeadBucket before an upload
        ["cp", "s3://{bucket}/f", "{tmp}/down"],  # HeadObject before a download
        ["stat", "s3://{bucket}/f"],
        ["rm", "s3://{bucket}/f"],
    ],
)
def test_a_wrong_secret_is_named_not_called_a_missing_permission(
    capsys, aws_env, monkeypatch, seaweed_admin, bucket: str, tmp_path: Path, args: list[str]
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="f", Body=b"f")
    (tmp_path / "f").write_bytes(b"f")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    assert main([a.format(tmp=tmp_path, bucket=bucket) for a in args]) == 3
    err = capsys.readouterr().err
    assert err.startswith("eider: error: ") and err.count("\n") == 1
    assert "secret access key does not match" in err
    assert "Access denied" not in err and "not-the-secret" not in err
    assert seaweed_admin.get_object(Bucket=bucket, Key="f")["Body"].read() == b"f"


def test_a_real_refusal_is_still_reported_as_access_denied(
    capsys, aws_env, seaweed_admin, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="f", Body=b"f")
    assert main(["stat", f"s3://{bucket}/f", "--no-sign-request"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("eider: error: Access denied")
    assert "secret" not in err
