"""ENVIRONMENT, STATIC and ANONYMOUS against SeaweedFS."""

from __future__ import annotations

import pytest

from app.core import secrets
from app.core.credentials.resolve import CredentialError, resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with

ENVIRONMENT = CredentialSpec(kind=CredentialKind.ENVIRONMENT)


def test_environment_keys_list_buckets(
    seaweed: RunningS3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    names = [b.name for b in S3Session(connection_with(seaweed, ENVIRONMENT)).list_buckets()]
    assert bucket in names


def test_environment_session_token_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "session-token")
    credentials = resolve(ENVIRONMENT)
    assert credentials is not None
    assert credentials.get_frozen_credentials().token == "session-token"


def test_missing_environment_variables_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CredentialError, match="AWS_ACCESS_KEY_ID is not set"):
        resolve(ENVIRONMENT)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    with pytest.raises(CredentialError, match="AWS_SECRET_ACCESS_KEY is not"):
        resolve(ENVIRONMENT)


def test_static_keys_from_keyring_list_buckets(seaweed: RunningS3, bucket: str) -> None:
    secrets.set_secret("conn-1", "secret-key", seaweed.secret_key)
    spec = CredentialSpec(
        kind=CredentialKind.STATIC, access_key_id=seaweed.access_key, secret_owner="conn-1"
    )
    assert bucket in [b.name for b in S3Session(connection_with(seaweed, spec)).list_buckets()]


def test_static_session_token_comes_from_keyring() -> None:
    secrets.set_secret("conn-2", "secret-key", "s3cr3t")
    secrets.set_secret("conn-2", "session-token", "tok")
    spec = CredentialSpec(kind=CredentialKind.STATIC, access_key_id="ASIA1", secret_owner="conn-2")
    credentials = resolve(spec)
    assert credentials is not None
    assert credentials.get_frozen_credentials() == ("ASIA1", "s3cr3t", "tok", None)


def test_missing_secret_in_keyring_names_the_key_id() -> None:
    spec = CredentialSpec(
        kind=CredentialKind.STATIC, access_key_id="AKIAMISSING", secret_owner="conn-3"
    )
    with pytest.raises(CredentialError) as caught:
        resolve(spec)
    assert str(caught.value) == (
        "No secret access key for access key ID AKIAMISSING is stored in the system keyring. "
        "Edit the connection and enter the secret key again."
    )


def test_anonymous_is_unsigned() -> None:
    assert resolve(CredentialSpec(kind=CredentialKind.ANONYMOUS)) is None
