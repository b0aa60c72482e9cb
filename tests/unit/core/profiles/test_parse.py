"""Reading keys and value types as found in real profiles."""

from __future__ import annotations

import base64
import textwrap
from pathlib import Path

import pytest

from app.core.connection import Scheme, SignatureVersion
from app.core.profiles import Profile, ProfileError, load_profile
from tests.fixtures.profile_files import MINIMAL_BODY, write_profile

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _load(tmp_path: Path, extra: str, base: str = MINIMAL_BODY) -> Profile:
    return load_profile(write_profile(tmp_path, base + extra))


def _error(tmp_path: Path, body: str) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile(write_profile(tmp_path, body))
    return str(info.value)


@pytest.mark.parametrize("protocol", ["ftp", "sftp", "dav", "davs", "b2", "azure", "swift", "gs"])
def test_other_protocols_are_refused(tmp_path: Path, protocol: str) -> None:
    body = MINIMAL_BODY.replace("<string>s3</string>", f"<string>{protocol}</string>")
    assert _error(tmp_path, body) == (
        f"Test.cyberduckprofile: protocol {protocol} is not supported by Eider"
    )


def test_s3_iam_is_refused_too(tmp_path: Path) -> None:
    body = MINIMAL_BODY.replace("<string>s3</string>", "<string>s3-iam</string>")
    assert "protocol s3-iam is not supported by Eider" in _error(tmp_path, body)


def test_missing_protocol(tmp_path: Path) -> None:
    body = "<key>Vendor</key><string>v</string>"
    assert _error(tmp_path, body) == "Test.cyberduckprofile: the required key 'Protocol' is missing"


def test_protocol_of_wrong_type(tmp_path: Path) -> None:
    body = "<key>Protocol</key><integer>3</integer>"
    assert "'Protocol' must be a string, found an integer" in _error(tmp_path, body)


def test_missing_vendor(tmp_path: Path) -> None:
    assert "'Vendor' is missing" in _error(tmp_path, "<key>Protocol</key><string>s3</string>")


def test_wrong_types_name_the_key(tmp_path: Path) -> None:
    assert "'Regions' must be an array of strings, found a string" in _error(
        tmp_path, MINIMAL_BODY + "<key>Regions</key><string>us-east-1</string>"
    )
    assert "'Regions' item 2 must be a string, found an integer" in _error(
        tmp_path,
        MINIMAL_BODY + "<key>Regions</key><array><string>a</string><integer>1</integer></array>",
    )
    assert "'Default Hostname' must be a string, found a boolean" in _error(
        tmp_path, MINIMAL_BODY + "<key>Default Hostname</key><true/>"
    )
    assert "'Port Configurable' must be true or false, found 'maybe'" in _error(
        tmp_path, MINIMAL_BODY + "<key>Port Configurable</key><string>maybe</string>"
    )
    assert "'Properties' must be a dictionary or an array" in _error(
        tmp_path, MINIMAL_BODY + "<key>Properties</key><string>a=b</string>"
    )
    assert "'Scheme' must be https or http, found 'ftp'" in _error(
        tmp_path, MINIMAL_BODY + "<key>Scheme</key><string>ftp</string>"
    )
    assert "Default Port 70000 is outside 1-65535" in _error(
        tmp_path, MINIMAL_BODY + "<key>Default Port</key><string>70000</string>"
    )


def test_default_port_as_string_or_integer(tmp_path: Path) -> None:
    as_text = _load(tmp_path, "<key>Default Port</key><string>9000</string>")
    as_int = _load(tmp_path, "<key>Default Port</key><integer>443</integer>")
    assert as_text.default_port == 9000
    assert as_int.default_port == 443


def test_non_numeric_port_is_ignored_with_a_note(tmp_path: Path) -> None:
    profile = _load(tmp_path, "<key>Default Port</key><string>https</string>")
    assert profile.default_port is None
    assert any("not a number" in n for n in profile.notes)


def test_booleans_given_as_strings(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        "<key>Hostname Configurable</key><string>TRUE</string>"
        "<key>Port Configurable</key><string>0</string>"
        "<key>Anonymous Configurable</key><string>1</string>"
        "<key>Username Configurable</key><false/>",
    )
    assert profile.hostname_configurable is True
    assert profile.port_configurable is False
    assert profile.anonymous_configurable is True
    assert profile.username_configurable is False
    assert profile.password_configurable is None


def test_properties_as_dict(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        """<key>Properties</key><dict>
          <key>s3.bucket.virtualhost.disable</key><true/>
          <key>s3.upload.checksum.header</key><false/>
          <key>s3.storage.class.options</key><string>STANDARD
              GLACIER</string>
        </dict>""",
    )
    assert profile.properties == {
        "s3.bucket.virtualhost.disable": "true",
        "s3.upload.checksum.header": "false",
        "s3.storage.class.options": "STANDARD\n              GLACIER",
    }


def test_properties_as_array_of_key_value_strings(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        """<key>Properties</key><array>
          <string>s3.bucket.virtualhost.disable=true</string>
          <string>role_arn=</string>
          <string>mfa_serial</string>
          <string>odd=a=b</string>
        </array>""",
    )
    assert profile.properties == {
        "s3.bucket.virtualhost.disable": "true",
        "role_arn": "",
        "mfa_serial": "",
        "odd": "a=b",
    }


def test_all_documented_keys(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        """
        <key>Name</key><string>Prov</string>
        <key>Default Nickname</key><string>My storage</string>
        <key>Scheme</key><string>http</string>
        <key>Default Hostname</key><string>s3.example.net</string>
        <key>Hostname Placeholder</key><string>s3.&lt;region&gt;.example.net</string>
        <key>Username Placeholder</key><string>Key</string>
        <key>Password Placeholder</key><string>Secret</string>
        <key>Token Configurable</key><true/>
        <key>Role Configurable</key><true/>
        <key>Multi Factor Configurable</key><true/>
        <key>Region</key><string>eu-1</string>
        <key>Regions</key><array><string>eu-1</string><string>eu-2</string></array>
        <key>Authorization</key><string>AWS2</string>
        <key>Help</key><string>https://example.net/help</string>
        <key>STS Endpoint</key><string>https://sts.example.net/</string>
        """,
    )
    p = profile
    assert p.name == "Prov" and p.default_nickname == "My storage"
    assert p.scheme is Scheme.HTTP
    assert p.hostname_placeholder == "s3.<region>.example.net"
    assert p.regions == ("eu-1", "eu-2")
    assert p.signature_version is SignatureVersion.V2
    assert p.token_configurable and p.role_configurable and p.mfa_configurable
    assert p.sts_endpoint == "https://sts.example.net/"
    assert p.notes == ()


def test_unknown_keys_are_kept(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        "<key>Future Key</key><string>x</string>"
        "<key>Some Data</key><data>AAEC</data>"
        "<key>Nested</key><dict><key>a</key><array><integer>1</integer></array></dict>",
    )
    assert profile.unknown_keys == {
        "Future Key": "x",
        "Some Data": "AAEC",
        "Nested": {"a": [1]},
    }


def test_oauth_authorization_is_kept_with_a_note(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        "<key>Authorization</key><string>AuthorizationCode</string>"
        "<key>OAuth Client ID</key><string>${oauth.application.identifier}</string>",
    )
    assert profile.unsupported_authorization == "AuthorizationCode"
    notes = " ".join(profile.notes)
    assert "not supported by Eider" in notes and "'OAuth Client ID' is not used" in notes


def test_region_missing_from_regions_is_noted(tmp_path: Path) -> None:
    profile = _load(
        tmp_path,
        "<key>Region</key><string>ap-standard</string>"
        "<key>Regions</key><array><string>us-geo</string></array>",
    )
    assert any("not among the Regions" in n for n in profile.notes)


def _icon_body(data: bytes, wrap: int = 70, indent: str = "\t\t") -> str:
    text = base64.b64encode(data).decode()
    lines = textwrap.wrap(text, wrap)
    return "<key>Disk</key><string>" + "\n".join(indent + line for line in lines) + "</string>"


def test_disk_icon_png_wrapped_with_whitespace(tmp_path: Path) -> None:
    profile = _load(tmp_path, _icon_body(PNG_1PX))
    assert profile.icon.format == "png"
    assert profile.icon.data == PNG_1PX


def test_disk_icon_tiff_with_bad_padding_decodes_leniently(tmp_path: Path) -> None:
    tiff = b"MM\x00*" + bytes(range(40))
    text = base64.b64encode(tiff).decode().rstrip("=")  # padding missing, as in the wild
    profile = _load(tmp_path, f"<key>Disk</key><string>{text}</string>")
    assert profile.icon.format == "tiff"
    assert profile.icon.data == tiff
    little = _load(tmp_path, _icon_body(b"II*\x00" + bytes(10)))
    assert little.icon.format == "tiff"


def test_undecodable_disk_gives_no_icon_and_a_note(tmp_path: Path) -> None:
    profile = _load(tmp_path, "<key>Disk</key><string>!!!</string>")
    assert profile.icon is None
    assert any("no decodable image" in n for n in profile.notes)


def test_invalid_aws4_authorization_falls_back_to_v4_with_a_note(tmp_path: Path) -> None:
    profile = _load(tmp_path, "<key>Authorization</key><string>AWS4</string>")
    assert profile.signature_version is SignatureVersion.V4
    assert profile.unsupported_authorization == ""
    assert any("'AWS4' is not a known value" in n for n in profile.notes)


def test_context_path_prefix_is_noted(tmp_path: Path) -> None:
    profile = _load(tmp_path, "<key>Context</key><string>/tenant1</string>")
    assert any("Context path prefix '/tenant1'" in n for n in profile.notes)
