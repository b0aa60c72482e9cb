"""What a profile means for a Connection, its credentials and the connect dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.connection import AddressingStyle, ChecksumPolicy, Scheme, SignatureVersion
from app.core.credentials.spec import CredentialKind
from app.core.profiles import Profile, ProfileError, load_profile, settings
from tests.fixtures.profile_files import MINIMAL_BODY, write_profile


def _profile(tmp_path: Path, extra: str) -> Profile:
    return load_profile(write_profile(tmp_path, MINIMAL_BODY + extra))


def test_defaults_without_any_optional_key(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "")
    connection = settings.connection_from_profile(profile)
    assert connection.host == "s3.amazonaws.com"
    assert connection.scheme is Scheme.HTTPS and connection.port is None
    assert connection.region == "us-east-1"
    assert connection.addressing_style is AddressingStyle.AUTO
    assert connection.signature_version is SignatureVersion.V4
    assert connection.checksum_policy is None
    assert connection.credentials.kind is CredentialKind.STATIC
    assert settings.storage_classes(profile) == ("STANDARD",)


def test_provider_mapping(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        """
        <key>Scheme</key><string>http</string>
        <key>Default Hostname</key><string>storage.example.net</string>
        <key>Default Port</key><integer>8080</integer>
        <key>Regions</key><array><string>eu-2</string><string>eu-3</string></array>
        <key>Authorization</key><string>AWS2</string>
        <key>Properties</key><array>
          <string>s3.bucket.virtualhost.disable=true</string>
          <string>s3.upload.checksum.header=false</string>
          <string>s3.storage.class.options=STANDARD
             COLD</string>
          <string>s3.storage.class=COLD</string>
          <string>s3.versioning.enable=true</string>
        </array>
        """,
    )
    connection = settings.connection_from_profile(profile)
    assert connection.endpoint_url == "http://storage.example.net:8080"
    assert connection.region == "eu-2"  # first of Regions when Region is absent
    assert settings.regions(profile) == ("eu-2", "eu-3")
    assert connection.addressing_style is AddressingStyle.PATH
    assert connection.signature_version is SignatureVersion.V2
    assert connection.checksum_policy is ChecksumPolicy.WHEN_REQUIRED
    assert settings.storage_classes(profile) == ("STANDARD", "COLD")
    assert settings.default_storage_class(profile) == "COLD"


def test_checksum_header_true_means_when_supported(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Properties</key><dict><key>s3.upload.checksum.header</key><true/></dict>",
    )
    assert settings.checksum_policy(profile) is ChecksumPolicy.WHEN_SUPPORTED


@pytest.mark.parametrize(("value", "expected"), [("<true/>", True), ("<false/>", False)])
def test_expect_continue_property_reaches_the_connection(
    tmp_path: Path, value: str, expected: bool
) -> None:
    profile = _profile(
        tmp_path,
        f"<key>Properties</key><dict><key>s3.upload.expect-continue</key>{value}</dict>",
    )
    assert settings.connection_from_profile(profile).expect_continue is expected
    assert settings.connection_from_profile(_profile(tmp_path, "")).expect_continue is None


def test_virtualhost_disable_false_keeps_auto(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Properties</key><dict><key>s3.bucket.virtualhost.disable</key>"
        "<string>false</string></dict>",
    )
    assert settings.addressing_style(profile) is AddressingStyle.AUTO


def test_user_overrides_win_and_default_port_is_dropped(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "<key>Default Hostname</key><string>a.example</string>")
    connection = settings.connection_from_profile(
        profile, host="b.example", port=443, region_name="eu-9"
    )
    assert (connection.host, connection.port, connection.region) == ("b.example", None, "eu-9")


def test_empty_default_hostname_requires_a_host(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Default Hostname</key><string></string>"
        "<key>Hostname Placeholder</key><string>&lt;account&gt;.r2.example</string>",
    )
    assert settings.host_required(profile)
    with pytest.raises(ProfileError, match=r"needs a server host name \(e.g. <account>.r2"):
        settings.connection_from_profile(profile)
    assert settings.connection_from_profile(profile, host="x.r2.example").host == "x.r2.example"


def test_invalid_override_host_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="not a valid host name"):
        settings.connection_from_profile(_profile(tmp_path, ""), host="bad host/x")


def test_assume_role_with_mfa(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        """<key>Multi Factor Configurable</key><true/>
        <key>STS Endpoint</key><string>https://sts.example/</string>
        <key>Properties</key><dict>
          <key>role_arn</key><string>arn:aws:iam::111122223333:role/reader</string>
          <key>mfa_serial</key><string></string>
          <key>s3.assumerole.durationseconds</key><string>900</string>
        </dict>""",
    )
    spec = settings.credential_spec(profile, access_key_id="AKIAEXAMPLE", secret_owner="o")
    assert spec.kind is CredentialKind.ASSUME_ROLE
    assert spec.role_arn == "arn:aws:iam::111122223333:role/reader"
    assert spec.duration_seconds == 900 and spec.sts_endpoint == "https://sts.example/"
    fields = settings.login_fields(profile)
    assert not fields.role_arn.shown  # given by the profile
    assert fields.mfa_serial.shown  # empty: the user is asked
    assert fields.username.shown and fields.password.shown


def test_role_configurable_asks_for_role(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "<key>Role Configurable</key><true/>")
    assert settings.credential_kind(profile) is CredentialKind.ASSUME_ROLE
    assert settings.login_fields(profile).role_arn.shown


def test_instance_metadata_context(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Context</key><string>"
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/s3access</string>",
    )
    spec = settings.credential_spec(profile)
    assert spec.kind is CredentialKind.INSTANCE_METADATA
    assert spec.metadata_endpoint == ""  # the standard IMDS address
    assert settings.metadata_role(profile) == "s3access"
    fields = settings.login_fields(profile)
    assert not fields.username.shown and not fields.password.shown


def test_metadata_on_another_host_sets_the_endpoint(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Context</key><string>http://127.0.0.1:8999/latest/meta-data/iam/"
        "security-credentials/</string>",
    )
    assert settings.credential_spec(profile).metadata_endpoint == "http://127.0.0.1:8999"


def test_aws_cli_profile_source(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Password Configurable</key><false/>"
        "<key>Properties</key><dict><key>eider.credentials</key><string>aws-profile</string>"
        "</dict>",
    )
    spec = settings.credential_spec(profile, access_key_id="work")
    assert spec.kind is CredentialKind.AWS_PROFILE and spec.profile_name == "work"
    fields = settings.login_fields(profile)
    assert fields.username.shown and fields.username.placeholder == "AWS profile name"
    assert not fields.password.shown


def test_unknown_eider_credentials_value(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Properties</key><dict><key>eider.credentials</key><string>magic</string></dict>",
    )
    with pytest.raises(ProfileError, match=r"eider\.credentials 'magic' is not one of static"):
        settings.credential_kind(profile)


def test_login_fields_follow_configurable_flags_and_placeholders(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        """<key>Default Hostname</key><string>s3.example</string>
        <key>Hostname Configurable</key><false/>
        <key>Port Configurable</key><false/>
        <key>Anonymous Configurable</key><true/>
        <key>Token Configurable</key><true/>
        <key>Token Placeholder</key><string>Session token</string>
        <key>Username Placeholder</key><string>Access Key</string>
        <key>Password Placeholder</key><string>Secret Key</string>
        <key>Path Configurable</key><true/>
        <key>Path Placeholder</key><string>Enter Bucket Name</string>""",
    )
    f = settings.login_fields(profile)
    assert not f.hostname.shown and f.hostname.default == "s3.example"
    assert not f.port.shown and f.port.default == "443"
    assert f.anonymous.shown and f.token.shown and f.token.placeholder == "Session token"
    assert (f.username.placeholder, f.password.placeholder) == ("Access Key", "Secret Key")
    assert f.path.shown and f.path.placeholder == "Enter Bucket Name"
    assert not f.role_arn.shown and not f.mfa_serial.shown


def test_password_hidden_means_aws_cli_profile_or_anonymous(tmp_path: Path) -> None:
    cli = _profile(
        tmp_path,
        "<key>Password Configurable</key><false/>"
        "<key>Username Placeholder</key><string>Profile Name</string>",
    )
    assert settings.credential_kind(cli) is CredentialKind.AWS_PROFILE
    assert settings.login_fields(cli).username.placeholder == "Profile Name"
    nothing = _profile(
        tmp_path,
        "<key>Password Configurable</key><false/><key>Username Configurable</key><false/>",
    )
    assert settings.credential_kind(nothing) is CredentialKind.ANONYMOUS


def test_oauth_profile_falls_back_to_static_keys(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "<key>Authorization</key><string>AuthorizationCode</string>"
        "<key>Password Configurable</key><false/>",
    )
    assert settings.credential_kind(profile) is CredentialKind.STATIC
    fields = settings.login_fields(profile)
    assert fields.username.shown and fields.password.shown
