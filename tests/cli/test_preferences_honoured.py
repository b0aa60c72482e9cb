"""The command line runs under the Preferences (with a --bookmark's overrides) and its flags win.

Each test saves Preferences as the window would, runs `eider` in-process against SeaweedFS
(moto for ACLs, which SeaweedFS does not report back) and reads the result with boto3.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from app.cli.main import main
from app.core.bookmarks import BookmarkStore
from app.core.preferences.sections import (
    ConnectionPreferences,
    Encryption,
    Preferences,
    S3Defaults,
    TransferPreferencesSection,
)
from app.core.settings import SettingsStore
from app.core.transfers.limits import TransferLimits
from app.core.transfers.options import MIB, ChecksumAlgorithm, ConflictPolicy
from tests.cli.conftest import add_seaweed_bookmark
from tests.conftest import admin_client
from tests.fixtures.fault_proxy import fault_proxy_to

SMALL_PARTS = TransferPreferencesSection(multipart_threshold=5 * MIB, part_size=5 * MIB)


def prefer(**sections: object) -> None:
    store = SettingsStore()
    store.set_preferences(replace(Preferences(), **sections))
    store.flush()


def parts_of(admin: object, bucket: str, key: str) -> int:
    """How many parts the object was sent in, from its ETag ("md5-N" for N parts)."""
    etag = admin.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')  # type: ignore[attr-defined]
    _md5, dash, count = etag.partition("-")
    return int(count) if dash else 1


@pytest.fixture
def twelve_mib(tmp_path: Path) -> Path:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(12 * MIB))
    return path


def test_part_size_and_threshold_come_from_the_preferences(
    aws_env, seaweed_admin, bucket: str, twelve_mib: Path
) -> None:
    prefer(transfers=SMALL_PARTS)
    assert main(["cp", str(twelve_mib), f"s3://{bucket}/prefs", "-q"]) == 0
    assert parts_of(seaweed_admin, bucket, "prefs") == 3  # 5 + 5 + 2 MiB
    flags = ["--part-size", "6MiB"]
    assert main(["cp", str(twelve_mib), f"s3://{bucket}/flag", *flags, "-q"]) == 0
    assert parts_of(seaweed_admin, bucket, "flag") == 2  # the flag wins
    prefer(transfers=replace(SMALL_PARTS, multipart=False))
    assert main(["cp", str(twelve_mib), f"s3://{bucket}/whole", "-q"]) == 0
    head = seaweed_admin.head_object(Bucket=bucket, Key="whole")
    assert "-" not in head["ETag"]  # one PUT: multipart is off


def test_a_bookmark_override_beats_the_preferences(
    seaweed, seaweed_admin, bucket: str, twelve_mib: Path
) -> None:
    add_seaweed_bookmark(seaweed)
    store = BookmarkStore()
    lab = store.get("Lab")
    store.update(lab.with_changes(overrides={"transfers": {"part_size": 8 * MIB}}))
    prefer(transfers=SMALL_PARTS)
    assert main(["cp", str(twelve_mib), f"s3://{bucket}/b", "--bookmark", "Lab", "-q"]) == 0
    assert parts_of(seaweed_admin, bucket, "b") == 2  # 8 + 4 MiB


def test_s3_defaults_reach_a_real_upload(aws_env, seaweed_admin, bucket: str, tmp_path) -> None:
    (tmp_path / "f.txt").write_bytes(b"defaults")
    prefer(
        s3=S3Defaults(
            storage_class="STANDARD_IA", encryption=Encryption.S3, metadata={"team": "storage"}
        )
    )
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/f.txt", "-q"]) == 0
    head = seaweed_admin.head_object(Bucket=bucket, Key="f.txt")
    assert head.get("StorageClass") == "STANDARD_IA"
    assert head.get("ServerSideEncryption") == "AES256"
    assert head["Metadata"]["team"] == "storage"
    flags = ["--storage-class", "STANDARD", "--metadata", "team=web"]
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/g.txt", *flags, "-q"]) == 0
    head = seaweed_admin.head_object(Bucket=bucket, Key="g.txt")
    assert head.get("StorageClass", "STANDARD") == "STANDARD"
    assert head["Metadata"]["team"] == "web"


def test_the_default_acl_reaches_a_real_upload(moto, monkeypatch, tmp_path) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": moto.access_key,
        "AWS_SECRET_ACCESS_KEY": moto.secret_key,
        "AWS_ENDPOINT_URL": moto.endpoint_url,
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    admin = admin_client(moto)
    bucket = f"acl-{uuid.uuid4().hex[:8]}"
    admin.create_bucket(Bucket=bucket)
    (tmp_path / "f.txt").write_bytes(b"acl")
    prefer(s3=S3Defaults(acl="public-read"))
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/public", "-q"]) == 0
    prefer()
    assert main(["cp", str(tmp_path / "f.txt"), f"s3://{bucket}/private", "-q"]) == 0

    def readers(key: str) -> list[str]:
        grants = admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        return [g["Grantee"].get("URI", "") for g in grants if g["Permission"] == "READ"]

    assert any(uri.endswith("/global/AllUsers") for uri in readers("public"))
    assert readers("private") == []


def test_conflict_action_and_timestamps_come_from_the_preferences(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    local = tmp_path / "c.txt"
    local.write_bytes(b"first")
    os.utime(local, (1_600_000_000, 1_600_000_000))
    prefer(transfers=TransferPreferencesSection(preserve_timestamps=False))
    assert main(["cp", str(local), f"s3://{bucket}/c.txt", "-q"]) == 0
    assert "mtime" not in seaweed_admin.head_object(Bucket=bucket, Key="c.txt")["Metadata"]

    local.write_bytes(b"second")
    prefer(transfers=TransferPreferencesSection(conflict=ConflictPolicy.SKIP))
    assert main(["cp", str(local), f"s3://{bucket}/c.txt"]) == 0
    assert "1 skipped" in capsys.readouterr().out
    assert seaweed_admin.get_object(Bucket=bucket, Key="c.txt")["Body"].read() == b"first"
    assert main(["cp", str(local), f"s3://{bucket}/c.txt", "--if-exists", "overwrite", "-q"]) == 0
    body = seaweed_admin.get_object(Bucket=bucket, Key="c.txt")["Body"].read()
    assert body == b"second"
    stored = seaweed_admin.head_object(Bucket=bucket, Key="c.txt")["Metadata"]["mtime"]
    assert float(stored) == pytest.approx(local.stat().st_mtime)  # preserved by default again


def test_presign_expiry_comes_from_the_preferences(capsys, aws_env, bucket: str) -> None:
    prefer(s3=S3Defaults(presign_expiry_seconds=600))
    assert main(["presign", f"s3://{bucket}/k"]) == 0
    url = capsys.readouterr().out.strip()
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["600"]
    assert main(["presign", f"s3://{bucket}/k", "--expires", "60"]) == 0
    url = capsys.readouterr().out.strip()
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["60"]


def test_the_proxy_preference_and_the_proxy_flag(seaweed, aws_env, bucket: str) -> None:
    with (
        fault_proxy_to(seaweed.host, seaweed.port) as preferred,
        fault_proxy_to(seaweed.host, seaweed.port) as flagged,
    ):
        prefer(connection=ConnectionPreferences(proxy=preferred.endpoint_url))
        assert main(["ls", f"s3://{bucket}/"]) == 0
        assert preferred.stats.connections >= 1
        used = preferred.stats.connections
        assert main(["ls", f"s3://{bucket}/", "--proxy", flagged.endpoint_url]) == 0
        assert flagged.stats.connections >= 1
        assert preferred.stats.connections == used  # the flag won


def test_checksum_and_multipart_copy_threshold_come_from_the_preferences(
    aws_env, seaweed_admin, bucket: str, twelve_mib: Path
) -> None:
    prefer(
        transfers=TransferPreferencesSection(
            checksum=ChecksumAlgorithm.CRC32C, multipart_copy_threshold=5 * MIB
        )
    )
    assert main(["cp", str(twelve_mib), f"s3://{bucket}/src", "-q"]) == 0
    head = seaweed_admin.head_object(Bucket=bucket, Key="src", ChecksumMode="ENABLED")
    assert "ChecksumCRC32C" in head  # the preferred checksum was sent and kept
    assert parts_of(seaweed_admin, bucket, "src") == 1  # under the upload threshold: one PUT
    assert main(["cp", f"s3://{bucket}/src", f"s3://{bucket}/copy", "-q"]) == 0
    assert parts_of(seaweed_admin, bucket, "copy") == 2  # copied in parts: 10 + 2 MiB
    prefer()
    assert main(["cp", f"s3://{bucket}/src", f"s3://{bucket}/whole", "-q"]) == 0
    assert parts_of(seaweed_admin, bucket, "whole") == 1  # the default: one CopyObject


def test_the_saved_bandwidth_limit_holds_unless_rate_limit_is_given(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    size, rate = 768 * 1024, 64 * 1024
    paced_s = size / rate  # 12 s at the saved limit; unlimited, well under 1 s on an idle machine
    local = tmp_path / "slow.bin"
    local.write_bytes(os.urandom(size))
    store = SettingsStore()
    store.set_transfer_limits(TransferLimits(upload_rate=rate))  # as the window saves it
    store.flush()
    began = time.monotonic()
    assert main(["cp", str(local), f"s3://{bucket}/slow", "-q"]) == 0
    # The limiter lets the last chunk through without waiting for its debt (up to a part's
    # read size), so the floor is half the pace: measured 8.7 s of 12.
    assert time.monotonic() - began >= paced_s / 2
    began = time.monotonic()
    assert main(["cp", str(local), f"s3://{bucket}/fast", "--rate-limit", "0", "-q"]) == 0
    # The flag (no limit) wins: compared with the pace, not with the first run, since a loaded
    # machine adds seconds of fixed cost to both.
    assert time.monotonic() - began < paced_s / 2
