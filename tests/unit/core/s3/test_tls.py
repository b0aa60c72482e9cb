"""TLS through the session layer: CA bundles, verification off, and how failures are worded.

SeaweedFS serves HTTPS with a certificate from a trustme test CA (`seaweed_tls`). Faults
SeaweedFS cannot show (a self-signed or expired certificate) come from a local TLS socket
(tests/fixtures/faults.py) holding such a certificate: the handshake is real.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from botocore.exceptions import SSLError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.core.connection import Scheme
from app.core.errors import ErrorKind, Remedy, describe
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.faults import tls_server
from tests.fixtures.servers import RunningS3


def _failure(session: S3Session) -> SSLError:
    with pytest.raises(SSLError) as caught:
        session.list_buckets()
    return caught.value


def test_verification_with_the_servers_ca_bundle_works(seaweed_tls: RunningS3) -> None:
    assert seaweed_tls.ca_bundle
    session = S3Session(connection_for(seaweed_tls))
    assert session.connection.verify_tls
    assert isinstance(session.list_buckets(), list)


def test_verification_without_the_ca_fails_with_the_certificate_message(
    seaweed_tls: RunningS3,
) -> None:
    session = S3Session(connection_for(seaweed_tls, ca_bundle=None, max_attempts=1))
    error = describe(_failure(session), "ListBuckets")
    assert error.kind is ErrorKind.TLS_CERTIFICATE
    assert error.host == "127.0.0.1"
    assert f"127.0.0.1:{seaweed_tls.port}" in error.message
    assert "certificate authority this computer does not know" in error.message
    assert "CA bundle" in error.fix and error.suggest_ca_bundle
    assert "_ssl.c" not in str(error) and "CERTIFICATE_VERIFY_FAILED" not in str(error)


def test_a_bundle_with_another_ca_is_rejected(seaweed_tls: RunningS3, tmp_path: Path) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    session = S3Session(connection_for(seaweed_tls, ca_bundle=str(other), max_attempts=1))
    assert describe(_failure(session)).kind is ErrorKind.TLS_CERTIFICATE


def test_do_not_verify_works_and_stays_quiet(seaweed_tls: RunningS3) -> None:
    # pytest turns warnings into errors: an InsecureRequestWarning per request would fail here.
    connection = connection_for(seaweed_tls, ca_bundle=None, verify_tls=False)
    assert connection.tls_unverified
    session = S3Session(connection)
    assert isinstance(session.list_buckets(), list)
    assert isinstance(session.list_buckets(), list)


def test_missing_ca_bundle_file_is_named_as_such(seaweed_tls: RunningS3, tmp_path: Path) -> None:
    missing = tmp_path / "gone.pem"
    session = S3Session(connection_for(seaweed_tls, ca_bundle=str(missing), max_attempts=1))
    error = describe(_failure(session))
    assert error.kind is ErrorKind.CA_BUNDLE_UNREADABLE
    assert error.remedy is Remedy.SET_CA_BUNDLE


def test_https_to_a_plain_http_port_says_so(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed, scheme=Scheme.HTTPS, max_attempts=1))
    error = describe(_failure(session))
    assert error.kind is ErrorKind.TLS_NOT_SPOKEN
    assert "http" in error.fix and f"127.0.0.1:{seaweed.port}" in error.message


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "self.pem", directory / "self.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
def self_signed_port(tmp_path: Path) -> Iterator[int]:
    with tls_server(*_self_signed(tmp_path)) as port:
        yield port


def test_self_signed_certificate_is_called_self_signed(
    self_signed_port: int, seaweed: RunningS3
) -> None:
    connection = connection_for(
        seaweed, scheme=Scheme.HTTPS, port=self_signed_port, ca_bundle=None, max_attempts=1
    )
    error = describe(_failure(S3Session(connection)))
    assert error.kind is ErrorKind.TLS_CERTIFICATE
    assert "self-signed" in error.message and f"127.0.0.1:{self_signed_port}" in error.message


def test_expired_certificate_is_called_expired(tmp_path: Path, seaweed: RunningS3) -> None:
    ca = trustme.CA()
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=10)
    leaf = ca.issue_cert("127.0.0.1", not_before=past, not_after=past + datetime.timedelta(days=1))
    cert, key, bundle = tmp_path / "c.pem", tmp_path / "k.pem", tmp_path / "ca.pem"
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    ca.cert_pem.write_to_path(str(bundle))
    with tls_server(cert, key) as port:
        connection = connection_for(
            seaweed, scheme=Scheme.HTTPS, port=port, ca_bundle=str(bundle), max_attempts=1
        )
        error = describe(_failure(S3Session(connection)))
    assert error.kind is ErrorKind.TLS_CERTIFICATE and "expired" in error.message
