"""The shipped catalogue and the user's imported profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core import paths
from app.core.connection import AddressingStyle, ChecksumPolicy, Scheme, SignatureVersion
from app.core.credentials.spec import CredentialKind
from app.core.profiles import (
    Profile,
    ProfileError,
    all_profiles,
    find_profile,
    import_profile_file,
    load_profile,
    settings,
    shipped_profiles,
    user_profiles_dir,
)
from app.core.profiles.catalogue import SHIPPED_DIR
from app.core.profiles.describe import describe_profile
from tests.fixtures.profile_files import MINIMAL_BODY, write_profile

SHIPPED_FILES = sorted(SHIPPED_DIR.glob("*.cyberduckprofile"))


def test_catalogue_has_at_least_30_profiles_with_unique_vendors() -> None:
    entries = shipped_profiles()
    assert len(entries) == len(SHIPPED_FILES) >= 30
    vendors = [e.profile.vendor for e in entries]
    assert len(set(vendors)) == len(vendors)


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.stem)
def test_every_shipped_profile_maps_sanely(path: Path) -> None:
    profile = load_profile(path)
    assert profile.protocol == "s3" and profile.description
    assert profile.help_url.startswith("https://") or profile.vendor == "s3-compatible"
    assert profile.notes == (), profile.notes
    assert profile.unknown_keys == {}
    assert settings.region(profile) in settings.regions(profile)
    assert settings.default_storage_class(profile) in settings.storage_classes(profile)
    host = settings.default_host(profile) or "placeholder.example.com"
    connection = settings.connection_from_profile(profile, host=host)
    assert connection.endpoint_url is None or connection.endpoint_url.startswith(
        f"{connection.scheme.value}://"
    )
    if settings.host_required(profile):
        assert profile.hostname_placeholder
    fields = settings.login_fields(profile)
    assert fields.hostname.shown or profile.default_hostname
    description = describe_profile(profile)
    assert json.loads(json.dumps(description)) == description


def _by_vendor(vendor: str) -> Profile:
    profile = find_profile(vendor)
    assert profile is not None, vendor
    return profile


def test_key_providers_have_their_specific_settings() -> None:
    aws = _by_vendor("amazon-s3")
    assert len(aws.regions) >= 30 and "eu-north-1" in aws.regions
    assert "GLACIER" in settings.storage_classes(aws)
    assert settings.connection_from_profile(aws).endpoint_url is None

    gov = _by_vendor("amazon-s3-govcloud-us-west")
    assert set(gov.regions) == {"us-gov-west-1", "us-gov-east-1"}
    china = _by_vendor("amazon-s3-china-beijing")
    assert china.default_hostname == "s3.cn-north-1.amazonaws.com.cn"
    assert settings.connection_from_profile(china).is_aws

    assert settings.scheme(_by_vendor("s3-http")) is Scheme.HTTP
    assert settings.addressing_style(_by_vendor("s3-path-style")) is AddressingStyle.PATH
    assert _by_vendor("s3-sigv2").signature_version is SignatureVersion.V2
    assert settings.credential_kind(_by_vendor("s3-cli")) is CredentialKind.AWS_PROFILE
    assert (
        settings.credential_kind(_by_vendor("s3-instance-metadata"))
        is CredentialKind.INSTANCE_METADATA
    )
    sts = _by_vendor("aws-s3-sts-assumerole")
    assert settings.credential_kind(sts) is CredentialKind.ASSUME_ROLE
    assert settings.login_fields(sts).mfa_serial.shown

    assert settings.checksum_policy(_by_vendor("backblaze-s3")) is ChecksumPolicy.WHEN_REQUIRED
    r2 = _by_vendor("cloudflare-r2")
    assert settings.host_required(r2) and "r2.cloudflarestorage.com" in r2.hostname_placeholder
    temple = _by_vendor("cloud-temple")
    assert settings.addressing_style(temple) is AddressingStyle.PATH
    assert settings.region(temple) == "fr1"
    seaweed = _by_vendor("seaweedfs")
    assert settings.connection_from_profile(seaweed).endpoint_url == "http://localhost:8333"
    for vendor in ("minio", "ceph-rgw", "wasabi", "digitalocean-spaces", "scaleway-fr-par"):
        _by_vendor(vendor)
    for vendor in ("linode-akamai", "exoscale-sos", "ibm-cos", "oracle-oci", "alibaba-oss"):
        _by_vendor(vendor)
    for vendor in ("filebase", "idrive-e2", "storj", "dell-ecs", "s3-compatible"):
        _by_vendor(vendor)


def test_import_copies_into_the_user_folder(tmp_path: Path) -> None:
    source = write_profile(tmp_path, name="Mine.profile")
    profile = import_profile_file(source)
    installed = user_profiles_dir() / "Mine.cyberduckprofile"
    assert installed.read_bytes() == source.read_bytes()
    assert installed.parent == paths.data_dir() / "profiles"
    assert profile.vendor == "test-vendor"
    assert [e.profile.vendor for e in all_profiles() if not e.shipped] == ["test-vendor"]
    assert not list(installed.parent.glob(".import-*"))


def test_importing_twice_is_refused_clearly(tmp_path: Path) -> None:
    source = write_profile(tmp_path)
    import_profile_file(source)
    with pytest.raises(ProfileError, match="already imported"):
        import_profile_file(source)
    other_name = write_profile(tmp_path, name="Renamed.cyberduckprofile")
    with pytest.raises(ProfileError, match=r"same profile .* already imported as Test"):
        import_profile_file(other_name)
    import_profile_file(other_name, replace=True)
    assert [p.name for p in user_profiles_dir().iterdir()] == ["Renamed.cyberduckprofile"]


def test_invalid_file_is_not_imported(tmp_path: Path) -> None:
    bad = write_profile(tmp_path, body=MINIMAL_BODY.replace(">s3<", ">sftp<"))
    with pytest.raises(ProfileError, match="protocol sftp is not supported"):
        import_profile_file(bad)
    assert list(user_profiles_dir().iterdir()) == []


def test_imported_profile_overrides_the_shipped_one(tmp_path: Path) -> None:
    shipped = SHIPPED_DIR / "Filebase.cyberduckprofile"
    import_profile_file(shipped)
    matches = [e for e in all_profiles() if e.profile.vendor == "filebase"]
    assert len(matches) == 1 and not matches[0].shipped


def test_broken_user_profile_is_skipped_and_reported(tmp_path: Path) -> None:
    (user_profiles_dir() / "Broken.cyberduckprofile").write_text("<plist>")
    errors: list[ProfileError] = []
    entries = all_profiles(errors)
    assert len(entries) == len(SHIPPED_FILES)
    assert len(errors) == 1 and "Broken.cyberduckprofile" in str(errors[0])
