"""`eider profile ...`: the JSON of `inspect` is a documented interface."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.profiles import user_profiles_dir
from app.core.profiles.catalogue import SHIPPED_DIR
from tests.fixtures.profile_files import MINIMAL_BODY, write_profile

SEAWEED_PROFILE = SHIPPED_DIR / "SeaweedFS.cyberduckprofile"
INSPECT_FIELDS = {
    "format",
    "file",
    "protocol",
    "vendor",
    "description",
    "scheme",
    "host",
    "host_required",
    "port",
    "region",
    "regions",
    "addressing_style",
    "signature_version",
    "credential_kind",
    "credentials",
    "storage_classes",
    "default_storage_class",
    "checksum_header",
    "checksum_policy",
    "endpoint_url",
    "login_fields",
    "help",
    "icon",
    "unsupported_authorization",
    "properties",
    "properties_not_applied",
    "unknown_keys",
    "notes",
    "integrity",
}


def _inspect(capsys: pytest.CaptureFixture[str], target: str) -> dict[str, object]:
    assert main(["profile", "inspect", target]) == 0
    return json.loads(capsys.readouterr().out)


def test_inspect_a_provider_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_profile(
        tmp_path,
        MINIMAL_BODY
        + """<key>Default Hostname</key><string>s3.example.net</string>
        <key>Default Port</key><integer>8443</integer>
        <key>Regions</key><array><string>eu-1</string><string>eu-2</string></array>
        <key>Unknown Thing</key><string>kept</string>
        <key>Properties</key><array>
          <string>s3.bucket.virtualhost.disable=true</string>
          <string>s3.upload.checksum.header=false</string>
          <string>s3.storage.class.options=STANDARD COLD</string>
          <string>s3.versioning.enable=true</string>
        </array>""",
    )
    out = _inspect(capsys, str(path))
    assert set(out) == INSPECT_FIELDS
    assert out["host"] == "s3.example.net" and out["port"] == 8443
    assert out["endpoint_url"] == "https://s3.example.net:8443"
    assert out["region"] == "eu-1" and out["regions"] == ["eu-1", "eu-2"]
    assert out["addressing_style"] == "path" and out["signature_version"] == "s3v4"
    assert out["credential_kind"] == "static"
    assert out["storage_classes"] == ["STANDARD", "COLD"]
    assert out["checksum_header"] is False and out["checksum_policy"] == "when_required"
    # A provider that rejects the newer checksum headers: Content-MD5, and Eider's own CRC.
    assert out["format"] == 2
    assert out["integrity"] == {
        "policy": "md5",
        "upload_checksum": "md5",
        "full_object_checksum": "crc64nvme",
        "full_object_kept_by": "eider-metadata",
        "from_profile": False,
    }
    assert out["unknown_keys"] == {"Unknown Thing": "kept"}
    assert out["properties_not_applied"] == ["s3.versioning.enable"]
    fields = out["login_fields"]
    assert isinstance(fields, dict) and fields["username"]["shown"] is True


def test_inspect_aws_sts_profile_by_vendor(capsys: pytest.CaptureFixture[str]) -> None:
    out = _inspect(capsys, "aws-s3-sts-assumerole")
    assert out["credential_kind"] == "assume-role"
    assert out["endpoint_url"] is None and out["checksum_policy"] == "when_supported"
    assert out["login_fields"]["mfa_serial"]["shown"] is True  # type: ignore[index]


def test_inspect_through_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "profile",
            "inspect",
            str(SHIPPED_DIR / "SeaweedFS.cyberduckprofile"),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["scheme"], out["host"], out["port"]) == ("http", "localhost", 8333)


def test_errors_are_one_line_on_stderr_without_traceback(tmp_path: Path) -> None:
    bad = write_profile(tmp_path, MINIMAL_BODY.replace(">s3<", ">ftp<"))
    result = subprocess.run(
        [sys.executable, "-m", "app", "profile", "inspect", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "eider: error: Test.cyberduckprofile: protocol ftp is not supported by Eider\n"
    )


def test_usage_error_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "profile", "inspect"], capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_import_then_list_then_duplicate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_profile(tmp_path, name="Acme.cyberduckprofile")
    assert main(["profile", "import", str(path)]) == 0
    assert "Imported 'Test provider' (vendor test-vendor)" in capsys.readouterr().out
    assert (user_profiles_dir() / "Acme.cyberduckprofile").exists()
    assert main(["profile", "list"]) == 0
    listing = capsys.readouterr().out
    assert "test-vendor" in listing and "(imported)" in listing and "amazon-s3" in listing
    assert main(["profile", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("eider: error: Acme.cyberduckprofile: ") and "already imported" in err


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 30 and all(r["source"] == "shipped" for r in rows)


def test_inspect_unknown_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "inspect", "no-such-vendor"]) == 1
    assert "no such file or installed profile" in capsys.readouterr().err


def test_remove_an_imported_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["profile", "import", str(write_profile(tmp_path))]) == 0
    assert main(["profile", "remove", "test-vendor"]) == 0
    assert list(user_profiles_dir().iterdir()) == []
    capsys.readouterr()
    assert main(["profile", "remove", "wasabi"]) == 1
    assert "shipped profiles cannot be removed" in capsys.readouterr().err


def test_inspect_shows_the_integrity_policy_a_profile_sets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seaweed = _inspect(capsys, str(SEAWEED_PROFILE))
    assert set(seaweed) == INSPECT_FIELDS
    assert seaweed["integrity"] == {
        "policy": "crc64nvme",
        "upload_checksum": "crc64nvme",
        "full_object_checksum": "crc64nvme",
        "full_object_kept_by": "provider",
        "from_profile": True,
    }
    aws = _inspect(capsys, "amazon-s3")
    assert aws["integrity"]["policy"] == "crc64nvme" and not aws["integrity"]["from_profile"]
    typed = write_profile(
        tmp_path,
        MINIMAL_BODY
        + """<key>Hostname Placeholder</key><string>s3.example.net</string>
        <key>Properties</key><array><string>eider.checksum=crc32c</string></array>""",
    )
    out = _inspect(capsys, str(typed))
    assert out["host"] is None  # the user types it, yet the profile's policy is known
    assert out["integrity"]["policy"] == "crc32c"
    assert out["integrity"]["full_object_kept_by"] == "provider"
    assert "eider.checksum" not in out["properties_not_applied"]


def test_an_unknown_checksum_policy_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_profile(
        tmp_path,
        MINIMAL_BODY
        + """<key>Default Hostname</key><string>s3.example.net</string>
        <key>Properties</key><array><string>eider.checksum=xxhash</string></array>""",
    )
    assert main(["profile", "inspect", str(path)]) != 0
    err = capsys.readouterr().err
    assert "eider.checksum" in err and "xxhash" in err and "crc64nvme" in err
