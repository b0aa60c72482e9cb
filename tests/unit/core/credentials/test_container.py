"""CONTAINER against a local ECS/EKS-style credentials endpoint serving SeaweedFS keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.credentials.resolve import CredentialError, resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.fixtures.credential_servers import CONTAINER_TOKEN, container_server
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with

CONTAINER = CredentialSpec(kind=CredentialKind.CONTAINER)


def test_full_uri_and_token_file_from_environment(
    seaweed: RunningS3, bucket: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_file = tmp_path / "eks-pod-identity-token"
    token_file.write_text(CONTAINER_TOKEN)
    with container_server(seaweed.access_key, seaweed.secret_key) as agent:
        monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", f"{agent.url}/v1/credentials")
        monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", str(token_file))

        names = [b.name for b in S3Session(connection_with(seaweed, CONTAINER)).list_buckets()]

        assert bucket in names
        assert agent.hits["GET /v1/credentials"] == 1
        assert agent.requests[0].headers["authorization"] == CONTAINER_TOKEN


def test_endpoint_override_with_token_variable(
    seaweed: RunningS3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN)
    with container_server(seaweed.access_key, seaweed.secret_key) as agent:
        spec = CredentialSpec(kind=CredentialKind.CONTAINER, metadata_endpoint=f"{agent.url}/c")
        assert bucket in [b.name for b in S3Session(connection_with(seaweed, spec)).list_buckets()]


def test_wrong_authorization_token_is_named(
    seaweed: RunningS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "not-the-token")
    with container_server(seaweed.access_key, seaweed.secret_key) as agent:
        spec = CredentialSpec(kind=CredentialKind.CONTAINER, metadata_endpoint=f"{agent.url}/c")
        with pytest.raises(CredentialError) as caught:
            resolve(spec)
    message = str(caught.value)
    assert "refused the authorization token (HTTP 401)" in message
    assert "not-the-token" not in message


def test_not_in_a_container_says_so() -> None:
    with pytest.raises(CredentialError, match="not running in an ECS task or EKS pod"):
        resolve(CONTAINER)


def test_plain_http_to_a_remote_host_is_refused() -> None:
    spec = CredentialSpec(
        kind=CredentialKind.CONTAINER, metadata_endpoint="http://example.com/creds"
    )
    with pytest.raises(CredentialError, match="plain HTTP is only accepted to loopback"):
        resolve(spec)
