"""INSTANCE_METADATA against a local IMDSv2 server whose keys then list buckets on SeaweedFS."""

from __future__ import annotations

import socket

import pytest
from botocore.credentials import RefreshableCredentials

from app.core.credentials.resolve import CredentialError, resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.fixtures.credential_servers import ROLE_NAME, imds_server
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with

CREDS_PATH = f"GET /latest/meta-data/iam/security-credentials/{ROLE_NAME}"


def imds_spec(endpoint: str) -> CredentialSpec:
    return CredentialSpec(kind=CredentialKind.INSTANCE_METADATA, metadata_endpoint=endpoint)


def test_imdsv2_keys_list_buckets_on_seaweed(seaweed: RunningS3, bucket: str) -> None:
    with imds_server(seaweed.access_key, seaweed.secret_key) as imds:
        session = S3Session(connection_with(seaweed, imds_spec(imds.url)))
        names = [b.name for b in session.list_buckets()]

        assert bucket in names
        # IMDSv2: a session token first, then both GETs carried it (the server 401s otherwise).
        assert imds.requests[0].method == "PUT"
        assert imds.requests[0].path == "/latest/api/token"
        assert imds.hits[CREDS_PATH] == 1
        assert all(
            r.headers.get("x-aws-ec2-metadata-token") for r in imds.requests if r.method == "GET"
        )


def test_expiring_instance_keys_are_fetched_again(seaweed: RunningS3, bucket: str) -> None:
    # Keys that expire in 60 s are inside botocore's refresh window: every request renews them.
    with imds_server(seaweed.access_key, seaweed.secret_key, lifetime=60) as imds:
        session = S3Session(connection_with(seaweed, imds_spec(imds.url)))
        assert isinstance(session.credentials, RefreshableCredentials)
        session.list_buckets()
        session.list_buckets()

        assert imds.hits[CREDS_PATH] == 3  # resolve, then once per request
        assert imds.hits["PUT /latest/api/token"] == 3


def test_unreachable_metadata_endpoint_says_so() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    endpoint = f"http://127.0.0.1:{port}"

    with pytest.raises(CredentialError) as caught:
        resolve(imds_spec(endpoint))

    message = str(caught.value)
    assert f"cannot reach the instance metadata service at {endpoint}" in message
    assert "EC2 instance" in message


def test_instance_without_role_says_so(seaweed: RunningS3) -> None:
    with (
        imds_server(seaweed.access_key, seaweed.secret_key, role=None) as imds,
        pytest.raises(CredentialError, match="This instance has no IAM role"),
    ):
        resolve(imds_spec(imds.url))


def test_failed_renewal_surfaces_as_credential_error(seaweed: RunningS3) -> None:
    with imds_server(seaweed.access_key, seaweed.secret_key, lifetime=60) as imds:
        session = S3Session(connection_with(seaweed, imds_spec(imds.url)))
    # The metadata service is gone and the keys must be renewed before the next request.
    with pytest.raises(CredentialError, match="cannot reach the instance metadata service"):
        session.list_buckets()
