"""From a bookmark to a Connection, and through it to a real server."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.core.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    connection_for_bookmark,
)
from app.core.connection import AddressingStyle, Scheme
from app.core.credentials.spec import CredentialKind
from app.core.profiles import find_profile
from app.core.s3.session import S3Session
from tests.fixtures.servers import RunningS3


def test_bookmark_overrides_profile_values() -> None:
    bookmark = Bookmark(
        nickname="B2 EU",
        profile="backblaze-s3",
        host="s3.eu-central-003.backblazeb2.com",
        region="eu-central-003",
        access_key_id="0031234",
    )
    connection = connection_for_bookmark(bookmark)
    assert connection.endpoint_url == "https://s3.eu-central-003.backblazeb2.com"
    assert connection.region == "eu-central-003"
    assert connection.credentials.kind is CredentialKind.STATIC
    assert connection.credentials.secret_owner == f"bookmark:{bookmark.id}"
    assert connection.credentials.access_key_id == "0031234"


def test_custom_properties_override_the_profile() -> None:
    bookmark = Bookmark(
        nickname="W",
        profile="wasabi",
        custom={"s3.bucket.virtualhost.disable": "true", "s3.upload.checksum.header": "true"},
    )
    connection = connection_for_bookmark(bookmark)
    assert connection.addressing_style is AddressingStyle.PATH
    assert connection.checksum_policy is not None and connection.checksum_policy.value == (
        "when_supported"
    )


def test_path_as_scope() -> None:
    bookmark = Bookmark(nickname="S", profile="amazon-s3", path="team-bucket/reports")
    assert connection_for_bookmark(bookmark).bucket is None
    scoped = connection_for_bookmark(bookmark, scope_to_path=True)
    assert (scoped.bucket, scoped.prefix) == ("team-bucket", "reports/")


def test_aws_cli_profile_bookmark_uses_the_profile_name() -> None:
    bookmark = Bookmark(nickname="CLI", profile="s3-cli", access_key_id="work")
    spec = connection_for_bookmark(bookmark).credentials
    assert spec.kind is CredentialKind.AWS_PROFILE and spec.profile_name == "work"


def test_credential_kind_override_and_role() -> None:
    bookmark = Bookmark(
        nickname="R",
        profile="amazon-s3",
        access_key_id="AKIA1",
        credential_kind=CredentialKind.ASSUME_ROLE,
        role_arn="arn:aws:iam::1:role/r",
        mfa_serial="arn:aws:iam::1:mfa/me",
    )
    spec = connection_for_bookmark(bookmark).credentials
    assert spec.kind is CredentialKind.ASSUME_ROLE
    assert (spec.role_arn, spec.mfa_serial) == ("arn:aws:iam::1:role/r", "arn:aws:iam::1:mfa/me")


def test_missing_profile_and_missing_host_are_clear() -> None:
    with pytest.raises(BookmarkError, match="profile 'gone', which is not installed"):
        connection_for_bookmark(Bookmark(nickname="X", profile="gone"))
    with pytest.raises(BookmarkError, match=r"Bookmark 'R2'.*needs a server host name"):
        connection_for_bookmark(Bookmark(nickname="R2", profile="cloudflare-r2"))


def test_lists_buckets_on_seaweedfs_through_a_bookmark(
    seaweed: RunningS3, bucket: str, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    store = BookmarkStore()
    profile = find_profile("seaweedfs")
    assert profile is not None
    bookmark = store.add(
        Bookmark(
            nickname="Local SeaweedFS",
            profile="seaweedfs",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
        ),
        secret_key=seaweed.secret_key,
    )
    connection = connection_for_bookmark(BookmarkStore().get(bookmark.id))
    assert connection.scheme is Scheme.HTTP
    assert connection.addressing_style is AddressingStyle.PATH
    names = [b.name for b in S3Session(connection).list_buckets()]
    assert bucket in names
    assert seaweed.secret_key not in store.path.read_text()
    assert seaweed.secret_key not in caplog.text
    assert "ListBuckets" in caplog.text or "list_buckets" in caplog.text.lower()
