"""Cyberduck .duck bookmark files in and out."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from app.core.bookmarks import Bookmark, BookmarkStore, export_duck, import_duck
from app.core.bookmarks.duck import duck_file_name
from app.core.credentials.spec import CredentialKind
from app.core.profiles import ProfileError
from tests.fixtures.profile_files import plist_text

WASABI_DUCK = """
  <key>Protocol</key><string>s3</string>
  <key>Provider</key><string>wasabi</string>
  <key>Nickname</key><string>Archive (Wasabi)</string>
  <key>UUID</key><string>0c6f3c4e-9a51-4d8e-b0b6-2d1c4f2f7d10</string>
  <key>Hostname</key><string>s3.eu-central-1.wasabisys.com</string>
  <key>Port</key><string>443</string>
  <key>Username</key><string>AKIAEXAMPLE</string>
  <key>Path</key><string>/archive/2024</string>
  <key>Workdir Dictionary</key><dict>
    <key>Remote</key><string>/archive/2024/q1</string><key>Type</key><string>[directory]</string>
  </dict>
  <key>Download Folder Dictionary</key><dict>
    <key>Path</key><string>/Users/me/Downloads</string><key>Bookmark</key><string>Ym9va21hcms=</string>
  </dict>
  <key>Comment</key><string>Cold data</string>
  <key>Web URL</key><string>https://files.example.com</string>
  <key>Access Timestamp</key><string>1700000000000</string>
  <key>Labels</key><array><string>archive</string></array>
  <key>Custom</key><dict>
    <key>s3.location</key><string>eu-central-1</string>
    <key>s3.storage.class</key><string>STANDARD</string>
    <key>role_arn</key><string>arn:aws:iam::111122223333:role/archive</string>
    <key>s3.versioning.enable</key><string>true</string>
  </dict>
"""


def _write(tmp_path: Path, body: str, name: str = "b.duck") -> Path:
    path = tmp_path / name
    path.write_text(plist_text(body))
    return path


def test_import_reads_every_field(tmp_path: Path) -> None:
    result = import_duck(_write(tmp_path, WASABI_DUCK))
    b = result.bookmark
    assert result.notes == ()
    assert (b.id, b.nickname, b.profile) == (
        "0c6f3c4e-9a51-4d8e-b0b6-2d1c4f2f7d10",
        "Archive (Wasabi)",
        "wasabi",
    )
    assert (b.host, b.port, b.path) == ("s3.eu-central-1.wasabisys.com", 443, "archive/2024")
    assert b.access_key_id == "AKIAEXAMPLE" and b.credential_kind is None
    assert b.download_folder == "/Users/me/Downloads"
    assert (b.region, b.storage_class) == ("eu-central-1", "STANDARD")
    assert b.role_arn == "arn:aws:iam::111122223333:role/archive"
    assert b.custom == {"s3.versioning.enable": "true"}
    assert (b.comment, b.web_url, b.labels) == (
        "Cold data",
        "https://files.example.com",
        ("archive",),
    )


def test_round_trip_keeps_the_bookmark(tmp_path: Path) -> None:
    original = import_duck(_write(tmp_path, WASABI_DUCK)).bookmark
    exported = _write(tmp_path, "", "unused.duck")
    exported.write_bytes(export_duck(original))
    assert import_duck(exported).bookmark == original


def test_export_contains_no_secret_and_no_key_reference(tmp_path: Path) -> None:
    store = BookmarkStore()
    bookmark = store.add(
        Bookmark(
            nickname="a/b",
            profile="minio",
            host="minio.local",
            access_key_id="minioadmin",
            sse_c_key_ref="ssec:shared",
        ),
        secret_key="the-very-secret-key",
    )
    data = export_duck(bookmark)
    assert b"the-very-secret-key" not in data and b"ssec:shared" not in data
    parsed = plistlib.loads(data)
    assert parsed["Provider"] == "minio" and parsed["Username"] == "minioadmin"
    assert duck_file_name(bookmark) == "a:b.duck"


def test_anonymous_username(tmp_path: Path) -> None:
    body = WASABI_DUCK.replace("<string>AKIAEXAMPLE</string>", "<string>anonymous</string>")
    b = import_duck(_write(tmp_path, body)).bookmark
    assert b.credential_kind is CredentialKind.ANONYMOUS and b.access_key_id == ""
    again = tmp_path / "again.duck"
    again.write_bytes(export_duck(b))
    assert import_duck(again).bookmark == b


def test_unknown_provider_falls_back_to_generic_with_a_note(tmp_path: Path) -> None:
    body = WASABI_DUCK.replace("<string>wasabi</string>", "<string>iterate GmbH</string>")
    result = import_duck(_write(tmp_path, body))
    assert result.bookmark.profile == "s3-compatible"
    assert "Profile 'iterate GmbH' is not installed" in result.notes[0]


def test_no_provider_means_aws_for_an_aws_host(tmp_path: Path) -> None:
    body = """<key>Protocol</key><string>s3</string>
      <key>Hostname</key><string>s3.amazonaws.com</string>
      <key>UUID</key><string>not-a-uuid</string>"""
    result = import_duck(_write(tmp_path, body))
    assert result.bookmark.profile == "amazon-s3"
    assert result.bookmark.nickname == "s3.amazonaws.com"
    assert any("no valid UUID" in n for n in result.notes)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<key>Hostname</key><string>h</string>", "'Protocol' is missing"),
        ("<key>Protocol</key><string>sftp</string>", "protocol sftp is not supported by Eider"),
        ("<key>Protocol</key><string>s3</string><key>Port</key><string>x</string>", "not a number"),
        ("<key>Protocol</key><string>s3</string><key>Nickname</key><true/>", "must be a string"),
        ("<key>Protocol</key><string>s3</string><key>Custom</key><string/>", "'Custom' must be"),
        ("<key>Protocol</key><string>s3</string><key>Port</key><string>0</string>", "outside"),
    ],
)
def test_bad_duck_files(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message) as info:
        import_duck(_write(tmp_path, body))
    assert str(info.value).startswith("b.duck: ")


def test_hostile_duck_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.duck"
    path.write_text('<!DOCTYPE plist [<!ENTITY a "aaaa">]><plist><dict></dict></plist>')
    with pytest.raises(ProfileError, match="entity declarations are not allowed"):
        import_duck(path)


@pytest.mark.parametrize(
    ("provider", "kind"),
    [
        ("s3-cli", CredentialKind.AWS_PROFILE),
        ("aws-s3-sts-assumerole", CredentialKind.ASSUME_ROLE),
        ("backblaze-s3", CredentialKind.STATIC),
    ],
)
def test_cyberduck_vendor_ids_resolve_to_shipped_profiles(
    tmp_path: Path, provider: str, kind: CredentialKind
) -> None:
    from app.core.bookmarks import connection_for_bookmark

    body = f"""<key>Protocol</key><string>s3</string>
      <key>Provider</key><string>{provider}</string>
      <key>Username</key><string>work</string>"""
    result = import_duck(_write(tmp_path, body))
    assert result.bookmark.profile == provider
    assert connection_for_bookmark(result.bookmark).credentials.kind is kind
