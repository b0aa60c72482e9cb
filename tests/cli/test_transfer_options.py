"""Every engine option the CLI offers reaches the server, and bad values are refused up front."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.transfers import checksums
from app.core.transfers.integrity import CRC_META
from app.core.transfers.journal import Journal


def _tags(admin: object, bucket: str, key: str) -> dict[str, str]:
    tag_set = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]  # type: ignore[attr-defined]
    return {t["Key"]: t["Value"] for t in tag_set}


@pytest.mark.parametrize("size", [2000, 11 * 1024 * 1024], ids=["single", "multipart"])
def test_tags_sha256_and_no_mtime_reach_the_object(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path, size: int
) -> None:
    data = os.urandom(size)
    (tmp_path / "f.bin").write_bytes(data)
    common = ["--multipart-threshold", "5MiB", "--part-size", "5MiB", "-q"]
    code = main(
        [
            "cp",
            str(tmp_path / "f.bin"),
            f"s3://{bucket}/tagged",
            "--tag",
            "team=storage",
            "--tag",
            "note=a b&c=d",
            "--store-sha256",
            "--no-preserve-mtime",
            *common,
        ]
    )
    assert code == 0
    assert _tags(seaweed_admin, bucket, "tagged") == {"team": "storage", "note": "a b&c=d"}
    meta = seaweed_admin.head_object(Bucket=bucket, Key="tagged")["Metadata"]
    # An endpoint Eider does not know keeps no checksum: Eider's own CRC goes along.
    assert meta == {
        "eider-sha256": hashlib.sha256(data).hexdigest(),
        CRC_META: checksums.checksum_b64("CRC64NVME", data),
    }

    # The default keeps the file's time, as the README promises: the switch above did something.
    assert main(["cp", str(tmp_path / "f.bin"), f"s3://{bucket}/plain", *common]) == 0
    meta = seaweed_admin.head_object(Bucket=bucket, Key="plain")["Metadata"]
    assert set(meta) == {"mtime", CRC_META}
    assert _tags(seaweed_admin, bucket, "plain") == {}


def test_download_restores_the_stored_time_unless_told_not_to(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    seaweed_admin.put_object(
        Bucket=bucket, Key="old.txt", Body=b"old", Metadata={"mtime": "1600000000.5"}
    )
    assert main(["cp", f"s3://{bucket}/old.txt", str(tmp_path / "kept.txt"), "-q"]) == 0
    assert (tmp_path / "kept.txt").stat().st_mtime == pytest.approx(1_600_000_000.5)
    argv = ["cp", f"s3://{bucket}/old.txt", str(tmp_path / "now.txt"), "--no-preserve-mtime"]
    assert main([*argv, "-q"]) == 0
    assert (tmp_path / "now.txt").stat().st_mtime > 1_700_000_000


def test_acl_and_sse_kms_reach_the_object(moto, moto_admin, monkeypatch, tmp_path: Path) -> None:
    # SeaweedFS ignores canned ACLs and answers SSE-KMS with HTTP 500; moto stores both.
    moto_admin.create_bucket(Bucket="cli-options")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.endpoint_url)
    (tmp_path / "f.txt").write_bytes(b"acl")
    upload = ["cp", str(tmp_path / "f.txt"), "-q"]
    assert main([*upload, "s3://cli-options/public", "--acl", "public-read"]) == 0
    grants = moto_admin.get_object_acl(Bucket="cli-options", Key="public")["Grants"]
    assert {(g["Grantee"].get("URI", "").rsplit("/", 1)[-1], g["Permission"]) for g in grants} >= {
        ("AllUsers", "READ")
    }

    key_id = "arn:aws:kms:us-east-1:123456789012:key/eider-test"
    sse = ["--sse", "aws:kms", "--sse-kms-key-id", key_id]
    assert main([*upload, "s3://cli-options/kms", *sse]) == 0
    head = moto_admin.head_object(Bucket="cli-options", Key="kms")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert head["SSEKMSKeyId"] == key_id


@pytest.mark.parametrize(
    ("option", "says"),
    [
        (["--metadata", "city=Zürich"], "printable ASCII"),
        (["--metadata", "note=two\nlines"], "printable ASCII"),
        (["--metadata", "bad name=x"], "metadata name 'bad name'"),
        (["--metadata", f"big={'x' * 3000}"], "at most 2048"),
        (["--cache-control", "max-age=1\r\nX-Evil: 1"], "cache control"),
        ([arg for i in range(11) for arg in ("--tag", f"t{i}=v")], "at most 10"),
        (["--tag", "=v"], "is not KEY=VALUE"),
    ],
)
def test_values_s3_cannot_carry_are_usage_errors_before_any_job(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path, option: list[str], says: str
) -> None:
    (tmp_path / "f.txt").write_bytes(b"f")
    argv = ["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/f.txt", *option]
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse refuses what it can parse alone
        code = int(exit_.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and "bug in Eider" not in err
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)
    journal = Journal()
    try:
        assert journal.jobs() == []  # nothing to "resume" that could never succeed
    finally:
        journal.close()


def test_unknown_acl_and_help_texts(capsys) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["cp", "a", "s3://b/k", "--acl", "bogus"])
    assert refused.value.code == 2
    assert "invalid choice: 'bogus'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["cp", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # as argparse wraps it
    for option in ("--tag", "--store-sha256", "--no-preserve-mtime", "--metadata"):
        assert option in out
    assert "0: no limit" in out
