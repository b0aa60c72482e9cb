"""`eider cp` / `mv` with a key allowed only s3:PutObject, as `aws s3 cp` works with one.

moto enforces IAM policies (`tests/fixtures/iam_moto.py`); the test runs its own server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import exit_codes
from tests.cli.conftest import run_eider
from tests.conftest import admin_client
from tests.fixtures.iam_moto import enforcing, key_allowed, set_auth_allowance
from tests.fixtures.servers import RunningS3, moto_server


@dataclass(frozen=True)
class IamMoto:
    server: RunningS3
    bucket: str
    upload_only: dict[str, str]  # the environment of a key allowed s3:PutObject only
    no_rights: dict[str, str]  # ... of a key allowed s3:GetObject only

    def keys(self) -> list[str]:
        set_auth_allowance(self.server, float("inf"))  # the admin key is not an IAM user
        listing = admin_client(self.server).list_objects_v2(Bucket=self.bucket)  # type: ignore[attr-defined]
        return sorted(o["Key"] for o in listing.get("Contents", []))


def _key_allowed(server: RunningS3, bucket: str, user: str, actions: list[str]) -> dict[str, str]:
    statement = {"Effect": "Allow", "Action": actions, "Resource": f"arn:aws:s3:::{bucket}/*"}
    key_id, secret = key_allowed(server, user, [statement])
    return {
        "AWS_ACCESS_KEY_ID": key_id,
        "AWS_SECRET_ACCESS_KEY": secret,
        "AWS_ENDPOINT_URL": server.endpoint_url,
        "AWS_REGION": "us-east-1",
    }


@pytest.fixture
def iam_moto() -> Iterator[IamMoto]:
    """A moto server enforcing IAM policies, with a fresh bucket and two restricted keys.

    moto keeps its state for the whole process, across servers: names are unique per test.
    """
    with moto_server() as server:
        bucket = f"upload-only-{uuid.uuid4().hex[:12]}"
        admin_client(server).create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
        setup = IamMoto(
            server,
            bucket,
            upload_only=_key_allowed(server, bucket, "uploader", ["s3:PutObject"]),
            no_rights=_key_allowed(server, bucket, "reader", ["s3:GetObject"]),
        )
        with enforcing(server):
            yield setup


def test_the_key_really_is_refused_a_look_at_the_bucket(iam_moto: IamMoto) -> None:
    result = run_eider("ls", f"s3://{iam_moto.bucket}/", env=iam_moto.upload_only)
    assert result.returncode == exit_codes.CONNECTION, result.stderr
    assert "Access denied" in result.stderr, result.stderr


def test_upload_only_key_can_cp_and_mv_a_file(iam_moto: IamMoto, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.txt").write_text("beta")
    bucket, env = iam_moto.bucket, iam_moto.upload_only

    copied = run_eider("cp", str(tmp_path / "a.txt"), f"s3://{bucket}/a.txt", env=env)
    moved = run_eider("mv", str(tmp_path / "b.txt"), f"s3://{bucket}/in/", env=env)

    assert copied.returncode == exit_codes.OK, copied.stderr
    assert moved.returncode == exit_codes.OK, moved.stderr
    assert (tmp_path / "a.txt").exists() and not (tmp_path / "b.txt").exists()
    assert iam_moto.keys() == ["a.txt", "in/b.txt"]


def test_upload_only_key_can_cp_a_folder(iam_moto: IamMoto, tmp_path: Path) -> None:
    for name in ("tree/c.txt", "tree/sub/d.txt", "tree/e.tmp"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    argv = ["cp", "-r", str(tmp_path / "tree"), f"s3://{iam_moto.bucket}/t/", "--exclude", "*.tmp"]

    result = run_eider(*argv, env=iam_moto.upload_only)

    assert result.returncode == exit_codes.OK, result.stderr
    assert iam_moto.keys() == ["t/c.txt", "t/sub/d.txt"]


def test_a_key_without_put_rights_still_gets_access_denied(
    iam_moto: IamMoto, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("alpha")
    target = f"s3://{iam_moto.bucket}/a.txt"

    result = run_eider("mv", str(tmp_path / "a.txt"), target, env=iam_moto.no_rights)

    assert result.returncode == exit_codes.PARTIAL, result.stderr  # the job failed
    assert "Access denied while uploading" in result.stderr, result.stderr
    assert "s3:PutObject" in result.stderr, result.stderr
    assert (tmp_path / "a.txt").exists()
    assert iam_moto.keys() == []
