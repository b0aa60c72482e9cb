from __future__ import annotations

import unicodedata
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.core import secrets
from app.core.connection import Connection, Scheme, SignatureVersion
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from app.core.s3.urls import (
    Expiry,
    Method,
    PresignRefused,
    UrlStyle,
    object_url,
    presign,
    s3_uri,
)
from tests.conftest import admin_client, connection_for
from tests.fixtures.credential_servers import LocalServer, sts_short_lived
from tests.fixtures.servers import RunningS3

NFD_KEY = unicodedata.normalize("NFD", "dir/café report .txt ")  # decomposed, trailing space


def test_s3_uri() -> None:
    assert s3_uri("b", "a/k.txt") == "s3://b/a/k.txt"
    assert s3_uri("b") == "s3://b/"


def test_path_and_virtual_urls_for_a_custom_endpoint() -> None:
    conn = Connection(host="s3.example.net", port=9000, scheme=Scheme.HTTPS)
    assert (
        object_url(conn, "data", "a b/ü.txt") == "https://s3.example.net:9000/data/a%20b/%C3%BC.txt"
    )
    assert (
        object_url(conn, "data", "/lead//x", UrlStyle.VIRTUAL)
        == "https://data.s3.example.net:9000//lead//x"
    )


def test_virtual_host_needs_a_dns_compatible_bucket_and_a_named_host() -> None:
    https = Connection(host="s3.example.net")
    with pytest.raises(ValueError, match="contains dots"):
        object_url(https, "my.bucket", "k", UrlStyle.VIRTUAL)
    http = Connection(host="s3.example.net", scheme=Scheme.HTTP)
    assert (
        object_url(http, "my.bucket", "k", UrlStyle.VIRTUAL) == "http://my.bucket.s3.example.net/k"
    )
    with pytest.raises(ValueError, match="not a DNS-compatible"):
        object_url(https, "Upper_Case", "k", UrlStyle.VIRTUAL)
    by_ip = Connection(host="127.0.0.1", port=8333, scheme=Scheme.HTTP)
    with pytest.raises(ValueError, match="IP address"):
        object_url(by_ip, "data", "k", UrlStyle.VIRTUAL)
    assert object_url(by_ip, "data", "k") == "http://127.0.0.1:8333/data/k"


def test_aws_urls_name_the_bucket_region() -> None:
    aws = Connection()
    assert object_url(aws, "bkt", "k", region="eu-west-3") == (
        "https://s3.eu-west-3.amazonaws.com/bkt/k"
    )
    assert object_url(aws, "bkt", "k") == "https://s3.amazonaws.com/bkt/k"
    assert (
        object_url(aws, "bkt", "k", UrlStyle.VIRTUAL, region="ap-south-1")
        == "https://bkt.s3.ap-south-1.amazonaws.com/k"
    )


def test_presigned_get_downloads_from_seaweed(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key=NFD_KEY, Body=b"shared bytes")  # type: ignore[attr-defined]
    conn = connection_for(seaweed)
    session = S3Session(conn)

    link = presign(session, bucket, NFD_KEY, Method.GET, Expiry.HOUR)

    assert link.url.startswith(object_url(conn, bucket, NFD_KEY) + "?")
    assert link.expires - link.created == timedelta(hours=1) and link.warnings == ()
    assert link.access_key_id == seaweed.access_key
    with urllib.request.urlopen(link.url, timeout=10) as response:  # noqa: S310 (local server)
        assert response.read() == b"shared bytes"


def test_presigned_put_uploads_to_seaweed(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    session = S3Session(connection_for(seaweed))
    link = presign(session, bucket, "inbox/drop.bin", Method.PUT, Expiry.DAY, "application/pdf")
    request = urllib.request.Request(  # noqa: S310 (the local test server)
        link.url, data=b"%PDF-uploaded", method="PUT", headers={"Content-Type": "application/pdf"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local server)
        assert response.status == 200
    got = seaweed_admin.get_object(Bucket=bucket, Key="inbox/drop.bin")  # type: ignore[attr-defined]
    assert got["Body"].read() == b"%PDF-uploaded"
    assert got["ContentType"] == "application/pdf"


def test_expiry_beyond_sigv4_limit_is_refused(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    presign(session, bucket, "k", Method.GET, Expiry.WEEK)  # exactly 7 days is allowed
    with pytest.raises(PresignRefused, match="at most 7 days"):
        presign(session, bucket, "k", Method.GET, Expiry.WEEK + 1)
    with pytest.raises(PresignRefused, match="at least one second"):
        presign(session, bucket, "k", Method.GET, 0)


def test_sigv2_allows_a_longer_expiry(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed, signature_version=SignatureVersion.V2))
    link = presign(session, bucket, "k", Method.GET, 30 * 86_400)
    assert "Expires=" in link.url and "Signature=" in link.url
    assert link.expires - link.created == timedelta(days=30)


def test_anonymous_connection_cannot_presign(seaweed: RunningS3, bucket: str) -> None:
    conn = connection_for(seaweed, credentials=CredentialSpec(kind=CredentialKind.ANONYMOUS))
    with pytest.raises(PresignRefused, match="anonymous"):
        presign(S3Session(conn), bucket, "k", Method.GET, Expiry.HOUR)


def test_warns_when_temporary_credentials_expire_first(moto: RunningS3) -> None:
    moto_bucket = f"urls-{uuid.uuid4().hex[:12]}"
    admin_client(moto).create_bucket(Bucket=moto_bucket)  # type: ignore[attr-defined]
    # A local STS issues role keys that live two hours; moto accepts them and their token.
    secrets.set_secret("role-conn", "secret-key", "source-secret")
    with LocalServer(sts_short_lived(2 * 3600)) as sts:
        spec = CredentialSpec(
            kind=CredentialKind.ASSUME_ROLE,
            access_key_id="AKIASOURCEKEY0000001",
            secret_owner="role-conn",
            role_arn="arn:aws:iam::123456789012:role/eider-test",
            role_session_name="eider-urls",
            sts_endpoint=sts.url,
        )
        before = datetime.now(UTC)
        session = S3Session(connection_for(moto, credentials=spec))
        short = presign(session, moto_bucket, "k", Method.GET, Expiry.HOUR)
        long = presign(session, moto_bucket, "k", Method.GET, Expiry.DAY)
        after = datetime.now(UTC)

    assert [r.form["Action"] for r in sts.requests] == ["AssumeRole"]  # real keys, issued once
    assert short.access_key_id == long.access_key_id == "ASIASHORT0001"
    assert short.warnings == ()
    assert len(long.warnings) == 1 and "stops working" in long.warnings[0]
    said = {f"{t + timedelta(hours=2):%Y-%m-%d %H:%M} UTC" for t in (before, after)}
    assert any(at in long.warnings[0] for at in said), (said, long.warnings)
    admin_client(moto).put_object(Bucket=moto_bucket, Key="k", Body=b"signed by the role")  # type: ignore[attr-defined]
    with urllib.request.urlopen(long.url, timeout=10) as response:  # noqa: S310 (local server)
        assert response.read() == b"signed by the role"


def test_warns_about_a_static_session_token(seaweed: RunningS3, bucket: str) -> None:
    conn = connection_for(seaweed)
    secrets.set_secret("test-connection", "session-token", "a-token")
    link = presign(S3Session(conn), bucket, "k", Method.GET, Expiry.HOUR)
    assert "session token" in link.warnings[0]
