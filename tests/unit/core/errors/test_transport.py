"""Connection-level failures, each produced for real on this machine: a closed port, a server
that never answers, a full accept queue, a reset, a `.invalid` host name (RFC 6761: never
resolves, no network needed), a missing credential, the local disk."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.exceptions import BotoCoreError, NoCredentialsError

from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.resolve import CredentialError
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import ErrorKind, Remedy, describe
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.faults import (
    dropping_server,
    full_backlog_server,
    silent_server,
    truncating_server,
)
from tests.fixtures.servers import RunningS3


def _local(seaweed: RunningS3, port: int, **changes: Any) -> S3Session:
    fields: dict[str, Any] = {"port": port, "max_attempts": 1}
    fields.update(changes)
    return S3Session(connection_for(seaweed, **fields))


def _raised(fn: Any) -> BaseException:
    with pytest.raises(BotoCoreError) as caught:
        fn()
    return caught.value


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused(seaweed: RunningS3) -> None:
    port = _closed_port()
    error = describe(_raised(_local(seaweed, port).list_buckets), "ListBuckets")
    assert error.kind is ErrorKind.CONNECTION_REFUSED
    assert f"127.0.0.1:{port}" in error.message and "refused" in error.message
    assert error.remedy is Remedy.CHECK_ENDPOINT and error.operation == "ListBuckets"


def test_read_timeout(seaweed: RunningS3) -> None:
    with silent_server() as port:
        session = _local(seaweed, port, read_timeout=0.3)
        error = describe(_raised(session.list_buckets))
    assert error.kind is ErrorKind.READ_TIMEOUT and error.retryable
    assert "did not answer in time (0.3 s)" in error.message and "read timeout" in error.fix


def test_connect_timeout(seaweed: RunningS3) -> None:
    with full_backlog_server() as port:
        session = _local(seaweed, port, connect_timeout=0.3)
        error = describe(_raised(session.list_buckets))
    assert error.kind is ErrorKind.CONNECT_TIMEOUT and error.retryable
    assert f"127.0.0.1:{port} did not accept a connection in time" in error.message


def test_connection_dropped(seaweed: RunningS3) -> None:
    with dropping_server() as port:
        error = describe(_raised(_local(seaweed, port).list_buckets))
    assert error.kind is ErrorKind.CONNECTION_DROPPED and error.retryable
    assert f"127.0.0.1:{port}" in error.message


def test_connection_dropped_in_the_middle_of_a_download(seaweed: RunningS3) -> None:
    with truncating_server() as port:
        session = _local(seaweed, port)
        response = session.call("b-one", lambda c: c.get_object(Bucket="b-one", Key="big.bin"))
        error = describe(_raised(response["Body"].read), "GetObject", "b-one", "big.bin")
    assert error.kind is ErrorKind.CONNECTION_DROPPED and error.retryable


def test_unreachable_proxy() -> None:
    from app.core import secrets

    secrets.set_secret("proxy", "secret-key", "s")
    session = S3Session(
        Connection(
            host="s3.provider.invalid",  # not bypassed by NO_PROXY=127.0.0.1
            proxy=f"http://127.0.0.1:{_closed_port()}",
            max_attempts=1,
            credentials=CredentialSpec(
                kind=CredentialKind.STATIC, access_key_id="k", secret_owner="proxy"
            ),
        )
    )
    error = describe(_raised(session.list_buckets))
    assert error.kind is ErrorKind.PROXY and "proxy at 127.0.0.1:" in error.message


def _invalid_host(style: AddressingStyle) -> S3Session:
    from app.core import secrets

    secrets.set_secret("dns", "secret-key", "s")
    return S3Session(
        Connection(
            host="s3.provider.invalid",
            scheme=Scheme.HTTP,
            port=9000,
            addressing_style=style,
            max_attempts=1,
            credentials=CredentialSpec(
                kind=CredentialKind.STATIC, access_key_id="k", secret_owner="dns"
            ),
        )
    )


def test_dns_failure_with_virtual_host_addressing_suggests_path_style() -> None:
    session = _invalid_host(AddressingStyle.VIRTUAL)
    error = describe(
        _raised(lambda: list(session.list_prefix("photos"))), "ListObjectsV2", bucket="photos"
    )
    assert error.kind is ErrorKind.DNS_VIRTUAL_HOST and error.suggest_path_style
    assert "photos.s3.provider.invalid" in error.message and "path style" in error.fix


def test_dns_failure_with_path_style_names_the_host() -> None:
    session = _invalid_host(AddressingStyle.PATH)
    error = describe(_raised(lambda: list(session.list_prefix("photos"))), bucket="photos")
    assert error.kind is ErrorKind.DNS and not error.suggest_path_style
    assert "s3.provider.invalid" in error.message


def test_no_credentials_from_botocore() -> None:
    session = botocore.session.Session()
    session.set_config_variable("credentials_file", "/dev/null")
    session.set_config_variable("config_file", "/dev/null")
    client = session.create_client(
        "s3", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{_closed_port()}"
    )
    with pytest.raises(NoCredentialsError) as caught:
        client.list_buckets()
    error = describe(caught.value, "ListBuckets")
    assert error.kind is ErrorKind.NO_CREDENTIALS and error.remedy is Remedy.EDIT_CREDENTIALS


def test_no_secret_in_the_keyring(seaweed: RunningS3) -> None:
    spec = CredentialSpec(kind=CredentialKind.STATIC, access_key_id="AKIDX", secret_owner="none")
    with pytest.raises(CredentialError) as caught:
        S3Session(connection_for(seaweed, owner="other", credentials=spec))
    error = describe(caught.value)
    assert error.kind is ErrorKind.NO_CREDENTIALS and "AKIDX" in error.message


def test_local_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        (tmp_path / "nope.bin").open("rb")
    error = describe(missing.value, "PutObject")
    assert error.kind is ErrorKind.LOCAL_NOT_FOUND and "nope.bin" in error.message
    # Permission and full-disk errors cannot be provoked as root or without a small
    # filesystem; these are the exceptions the OS raises, built by hand.
    denied = describe(PermissionError(errno.EACCES, "Permission denied", "/srv/out/a.bin"))
    assert denied.kind is ErrorKind.LOCAL_PERMISSION and "/srv/out/a.bin" in denied.message
    full = describe(OSError(errno.ENOSPC, "No space left on device", "/srv/out/a.bin"))
    assert full.kind is ErrorKind.DISK_FULL and full.retryable
