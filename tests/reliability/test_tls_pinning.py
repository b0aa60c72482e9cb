"""TLS: verification on by default; one certificate trusted by its SHA-256 fingerprint
(`--trust-fingerprint`, a bookmark's pin); a changed certificate is refused, never trusted
silently. Against SeaweedFS over HTTPS with a `trustme` CA that nothing trusts by default."""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.bookmarks import Bookmark, BookmarkStore, connection_for_bookmark
from app.core.bookmarks.model import BookmarkError
from app.core.connection import Connection
from app.core.errors import ErrorKind, describe
from app.core.s3.session import S3Session
from app.core.tls_pinning import shown
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

OTHER = "AB" * 32  # a fingerprint no server has


def _fingerprint(server: RunningS3) -> str:
    """Read independently of Eider: the PEM the server presents, hashed here."""
    pem = ssl.get_server_certificate((server.host, server.port))
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()


@pytest.fixture
def env(seaweed_tls: RunningS3, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed_tls.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed_tls.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", seaweed_tls.endpoint_url)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    yield


def _untrusting(server: RunningS3, **changes: object) -> Connection:
    """The connection a user would make: no CA bundle, so the test CA is unknown."""
    return connection_for(server, ca_bundle=None, **changes)


def test_verification_is_on_by_default() -> None:
    assert Connection().verify_tls is True
    assert Connection().pinned_certificate is None


def test_an_unknown_ca_is_refused_by_the_core(seaweed_tls: RunningS3) -> None:
    with pytest.raises(Exception) as caught:
        S3Session(_untrusting(seaweed_tls)).list_buckets()
    error = describe(caught.value, "ListBuckets")
    assert error.kind is ErrorKind.TLS_CERTIFICATE
    assert "not trusted" in error.message


def test_the_cli_names_the_fingerprint_and_how_to_trust_it(capsys, env, seaweed_tls) -> None:
    code = main(["ls"])
    _, err = capsys.readouterr()
    assert code != 0
    fingerprint = shown(_fingerprint(seaweed_tls))
    assert "is not trusted" in err
    assert f"fingerprint is {fingerprint}" in err
    assert f"--trust-fingerprint {fingerprint}" in err
    assert "eider bookmark trust NAME" in err


def test_a_trusted_fingerprint_connects_without_any_ca(
    capsys, env, seaweed_tls, seaweed_admin_tls, tmp_path: Path
) -> None:
    bucket = seaweed_admin_tls
    pin = shown(_fingerprint(seaweed_tls))
    assert main(["ls", "--trust-fingerprint", pin, f"s3://{bucket}/"]) in (0, 4)
    (tmp_path / "up").write_bytes(b"over a pinned connection" * 1000)
    pinned = ["-q", "--trust-fingerprint", pin]
    assert main(["cp", *pinned, str(tmp_path / "up"), f"s3://{bucket}/k"]) == 0
    assert main(["cp", *pinned, f"s3://{bucket}/k", str(tmp_path / "down")]) == 0
    assert (tmp_path / "down").read_bytes() == (tmp_path / "up").read_bytes()
    capsys.readouterr()


def test_a_different_certificate_is_refused_even_when_a_ca_would_vouch(
    capsys, env, seaweed_tls
) -> None:
    """The pin wins: a certificate other than the trusted one is never used, CA or not."""
    assert seaweed_tls.ca_bundle
    code = main(["ls", "--ca-bundle", seaweed_tls.ca_bundle, "--trust-fingerprint", OTHER])
    _, err = capsys.readouterr()
    assert code != 0
    assert "is not the one trusted for this connection" in err
    assert shown(_fingerprint(seaweed_tls)) in err and shown(OTHER) in err
    assert "Eider did not connect" in err


def test_the_core_checks_the_pin_on_every_client(seaweed_tls: RunningS3) -> None:
    good = S3Session(_untrusting(seaweed_tls, pinned_certificate=_fingerprint(seaweed_tls)))
    good.list_buckets()
    good.client("eu-west-1").list_buckets()  # another region's client is pinned too
    bad = S3Session(_untrusting(seaweed_tls, pinned_certificate=OTHER.lower()))
    with pytest.raises(Exception) as caught:
        bad.list_buckets()
    assert describe(caught.value).kind is ErrorKind.TLS_CERTIFICATE


def test_a_bookmark_keeps_its_pin_and_the_cli_sets_it(capsys) -> None:
    store = BookmarkStore()
    bookmark = store.add(Bookmark(nickname="pinned", profile="seaweedfs", host="127.0.0.1"))
    assert connection_for_bookmark(bookmark).pinned_certificate is None
    assert main(["bookmark", "trust", "pinned", shown(OTHER)]) == 0
    reread = BookmarkStore().get("pinned")
    assert reread.trusted_certificate == OTHER.lower()
    assert connection_for_bookmark(reread).pinned_certificate == OTHER.lower()
    assert main(["bookmark", "trust", "pinned", "--none"]) == 0
    assert BookmarkStore().get("pinned").trusted_certificate is None
    assert main(["bookmark", "trust", "pinned", "not-a-fingerprint"]) == 1
    _, err = capsys.readouterr()
    assert "is not a SHA-256 fingerprint" in err
    with pytest.raises(BookmarkError, match="not a SHA-256 fingerprint"):
        Bookmark(nickname="n", profile="p", trusted_certificate="12:34")


@pytest.fixture
def seaweed_admin_tls(seaweed_tls: RunningS3) -> str:
    import uuid

    from tests.conftest import admin_client

    name = f"t-{uuid.uuid4().hex[:20]}"
    admin_client(seaweed_tls).create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name
