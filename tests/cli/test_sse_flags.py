"""`--sse AES256|aws:kms` and `--sse-kms-key-id` on cp, mv and sync (SSE-S3 on SeaweedFS,
SSE-KMS on moto, which stores the key id; SeaweedFS answers SSE-KMS with HTTP 500)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main

KEY_ID = "arn:aws:kms:us-east-1:123456789012:key/eider-flags"


def test_sse_s3_on_cp_mv_and_sync(aws_env, seaweed_admin, bucket: str, tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(b"f")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "t.txt").write_bytes(b"t")
    sse = ["--sse", "AES256", "-q"]
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/cp.txt", *sse]) == 0
    assert main(["mv", f"s3://{bucket}/cp.txt", f"s3://{bucket}/mv.txt", *sse]) == 0
    assert main(["sync", str(tmp_path / "tree"), f"s3://{bucket}/sync/", *sse]) == 0
    for key in ("mv.txt", "sync/t.txt"):
        head = seaweed_admin.head_object(Bucket=bucket, Key=key)
        assert head["ServerSideEncryption"] == "AES256", key


def test_sse_kms_with_a_key_on_mv_and_sync(moto, moto_admin, monkeypatch, tmp_path: Path) -> None:
    moto_admin.create_bucket(Bucket="cli-sse-flags")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.endpoint_url)
    moto_admin.put_object(Bucket="cli-sse-flags", Key="plain", Body=b"p")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "t.txt").write_bytes(b"t")
    sse = ["--sse", "aws:kms", "--sse-kms-key-id", KEY_ID, "-q"]
    assert main(["mv", "s3://cli-sse-flags/plain", "s3://cli-sse-flags/moved", *sse]) == 0
    assert main(["sync", str(tmp_path / "tree"), "s3://cli-sse-flags/s/", *sse]) == 0
    for key in ("moved", "s/t.txt"):
        head = moto_admin.head_object(Bucket="cli-sse-flags", Key=key)
        assert head["ServerSideEncryption"] == "aws:kms" and head["SSEKMSKeyId"] == KEY_ID


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--sse-kms-key-id", KEY_ID], "--sse-kms-key-id needs --sse aws:kms"),
        (["--sse", "AES256", "--sse-kms-key-id", KEY_ID], "--sse-kms-key-id needs --sse aws:kms"),
        (["--sse", "AES256", "--sse-c-key-file", "ring.txt"], "cannot be combined with --sse"),
    ],
)
def test_contradictory_encryption_flags_are_usage_errors(
    capsys, aws_env, bucket: str, tmp_path: Path, extra: list[str], says: str
) -> None:
    (tmp_path / "f.txt").write_bytes(b"f")
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/f.txt", *extra]) == 2
    assert says in capsys.readouterr().err
