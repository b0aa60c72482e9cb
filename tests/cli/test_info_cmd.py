"""`eider info` against moto's server and SeaweedFS: text, JSON (format 1), failures."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from app.cli.main import main
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.credentials.spec import CredentialKind
from tests.fixtures.servers import RunningS3

SECTION_KEYS = {"status", "value", "error"}
OBJECT_GENERAL = {
    "bucket",
    "key",
    "size",
    "last_modified",
    "etag",
    "etag_is_md5",
    "parts_count",
    "checksums",
    "checksum_type",
    "version_id",
    "content_type",
    "storage_class",
    "encryption",
    "sse_algorithm",
    "kms_key_id",
    "bucket_key_enabled",
    "sse_customer_algorithm",
    "owner",
    "retention",
    "legal_hold",
    "restore",
}
BUCKET_SECTIONS = {
    "versioning",
    "encryption",
    "object_lock",
    "lifecycle",
    "policy",
    "cors",
    "website",
    "public_access_block",
    "logging",
    "tags",
    "requester_pays",
    "acceleration",
    "acl",
    "object_ownership",
}


def _env(server: RunningS3, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", server.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", server.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", server.endpoint_url)
    monkeypatch.setenv("AWS_REGION", "us-east-1")


@pytest.fixture
def on_moto(moto: RunningS3, moto_admin: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    _env(moto, monkeypatch)
    name = f"cli-info-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=name)
    return name


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["info", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_object_json_has_every_field(capsys, on_moto: str, moto_admin: Any) -> None:
    moto_admin.put_object(
        Bucket=on_moto, Key="a b.txt", Body=b"hello", Metadata={"k": "v"}, Tagging="t=1"
    )

    report = _json(capsys, f"s3://{on_moto}/a b.txt")

    assert set(report) == {
        "format",
        "type",
        "bucket",
        "key",
        "general",
        "metadata",
        "acl",
        "acls_disabled",
        "object_ownership",
        "tags",
    }
    assert report["acls_disabled"] is False
    assert (report["format"], report["type"], report["key"]) == (1, "object", "a b.txt")
    assert set(report["general"]) == OBJECT_GENERAL
    assert report["general"]["size"] == 5 and report["general"]["etag_is_md5"] is True
    assert report["general"]["retention"] is None and report["general"]["restore"] is None
    assert report["metadata"]["user"] == {"k": "v"}
    assert set(report["tags"]) == SECTION_KEYS
    assert report["tags"] == {"status": "set", "value": [{"key": "t", "value": "1"}], "error": None}
    grant = report["acl"]["value"]["grants"][0]
    assert grant["permission"] == "FULL_CONTROL" and grant["grantee"]["kind"] == "CanonicalUser"


def test_bucket_json_sections_and_a_read_only_lifecycle_rule(
    capsys, on_moto: str, moto_admin: Any
) -> None:
    legacy = {"ID": "legacy", "Status": "Enabled", "Prefix": "old/", "Expiration": {"Days": 9}}
    moto_admin.put_bucket_lifecycle_configuration(
        Bucket=on_moto, LifecycleConfiguration={"Rules": [legacy]}
    )
    moto_admin.put_bucket_tagging(Bucket=on_moto, Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})

    report = _json(capsys, f"s3://{on_moto}")

    assert (
        set(report)
        == {
            "format",
            "type",
            "bucket",
            "key",
            "general",
            "acls_disabled",
        }
        | BUCKET_SECTIONS
    )
    assert (report["format"], report["type"], report["key"]) == (1, "bucket", None)
    assert all(set(report[name]) == SECTION_KEYS for name in BUCKET_SECTIONS)
    assert set(report["general"]) == {
        "name",
        "region",
        "created",
        "path_url",
        "virtual_host_url",
    }
    assert report["general"]["region"]["value"] == "us-east-1"
    rules = report["lifecycle"]["value"]["rules"]
    assert rules == [{"id": "legacy", "read_only": True, "rule": legacy}]
    assert report["tags"]["value"] == [{"key": "a", "value": "b"}]
    assert report["policy"] == {"status": "none", "value": None, "error": None}
    assert report["versioning"]["value"] == {"status": None, "mfa_delete": None}


def test_text_output_for_people(capsys, on_moto: str, moto_admin: Any) -> None:
    moto_admin.put_object(Bucket=on_moto, Key="k", Body=b"hello", Tagging="team=ops")
    moto_admin.put_bucket_cors(
        Bucket=on_moto,
        CORSConfiguration={"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]},
    )

    assert main(["info", f"s3://{on_moto}/k"]) == 0
    out = capsys.readouterr().out
    assert f"Object s3://{on_moto}/k" in out
    assert "5d41402abc4b2a76b9719d911017c592 (MD5 of the content)" in out
    assert "  team = ops" in out

    assert main(["info", f"s3://{on_moto}"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"Bucket {on_moto}" in out
    assert "  Rule 1: GET from *" in out
    assert "Lifecycle: none set" in out
    assert any(line.split() == ["Region", "us-east-1"] for line in out)


def test_seaweed_reports_what_it_lacks_as_not_supported(
    capsys, seaweed: RunningS3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(seaweed, monkeypatch)

    report = _json(capsys, f"s3://{bucket}")
    assert report["public_access_block"] == {"status": "unsupported", "value": None, "error": None}
    assert [n for n in BUCKET_SECTIONS if report[n]["status"] == "error"] == []

    assert main(["info", f"s3://{bucket}"]) == 0
    assert "Public access block: not supported by this server" in capsys.readouterr().out


def test_missing_things_and_folders_fail_with_exit_codes(capsys, on_moto: str) -> None:
    assert main(["info", f"s3://{on_moto}/nothing"]) == 4
    assert main(["info", f"s3://{on_moto}/folder/"]) == 2
    assert main(["info", "s3://cli-info-no-such-bucket"]) == 4
    assert main(["info", f"s3://{on_moto}", "--version-id", "v"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(line.startswith("eider: error: ") for line in err)
    assert "does not exist" in err[0] and "is a folder" in err[1]


def test_acls_disabled_by_object_ownership_are_said(capsys, on_moto: str, moto_admin: Any) -> None:
    moto_admin.put_object(Bucket=on_moto, Key="k", Body=b"x")
    moto_admin.put_bucket_ownership_controls(
        Bucket=on_moto, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )
    report = _json(capsys, f"s3://{on_moto}/k")
    assert report["acls_disabled"] is True
    assert report["object_ownership"]["value"] == "BucketOwnerEnforced"
    assert main(["info", f"s3://{on_moto}"]) == 0
    assert "ACLs are disabled by the bucket's object ownership" in capsys.readouterr().out


def test_a_bookmarks_profile_rules_features_out(capsys, seaweed: RunningS3, bucket: str) -> None:
    BookmarkStore().add(
        Bookmark(
            nickname="Weed",
            profile="seaweedfs",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
            credential_kind=CredentialKind.STATIC,
        ),
        secret_key=seaweed.secret_key,
    )
    report = _json(capsys, f"s3://{bucket}", "--bookmark", "Weed")
    # SeaweedFS answers these as "none set"; its profile says they are missing.
    for name in ("website", "logging", "acceleration", "requester_pays"):
        assert report[name]["status"] == "unsupported", name
    assert report["cors"]["status"] == "none"
