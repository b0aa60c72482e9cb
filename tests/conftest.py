from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import keyring
import pytest
import trustme
from botocore.config import Config
from keyring.backends import fail

from app.core import paths, secrets
from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.secrets import session_memory
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3, moto_server, seaweed_server
from tests.reliability.plugin import (  # noqa: F401  (hooks: --full, the campaign tables)
    pytest_addoption,
    pytest_configure,
    pytest_runtest_logreport,
    pytest_terminal_summary,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_AWS_ENV = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own Eider home, no AWS settings from the machine, no proxies."""
    home = tmp_path / "eider-home"
    monkeypatch.setenv("EIDER_HOME", str(home))
    for name in _AWS_ENV:
        monkeypatch.delenv(name, raising=False)
    aws_dir = tmp_path / "aws"
    monkeypatch.setenv("AWS_CONFIG_FILE", str(aws_dir / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(aws_dir / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    paths.set_base_dir(None)
    yield home
    paths.set_base_dir(None)


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[MemoryKeyring | None]:
    if request.node.get_closest_marker("real_keyring"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
    session_memory.clear()  # secrets kept "for this session only" end with the test


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring | None) -> Iterator[None]:
    """keyring's fail backend, as on a machine with no Secret Service (PYTHON_KEYRING_BACKEND=
    keyring.backends.fail.Keyring does the same for a child process)."""
    keyring.set_keyring(fail.Keyring())
    yield


# -- servers (one of each per test session / xdist worker) ------------------------------------


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningS3]:
    with seaweed_server(tmp_path_factory.mktemp("seaweed")) as (_, running):
        yield running


@pytest.fixture(scope="session")
def test_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def seaweed_tls(
    tmp_path_factory: pytest.TempPathFactory, test_ca: trustme.CA
) -> Iterator[RunningS3]:
    data = tmp_path_factory.mktemp("seaweed-tls")
    with seaweed_server(data / "data", tls=test_ca, cert_dir=data / "certs") as (_, running):
        yield running


@pytest.fixture(scope="session")
def moto() -> Iterator[RunningS3]:
    with moto_server() as running:
        yield running


# -- helpers to reach them --------------------------------------------------------------------


def admin_client(server: RunningS3) -> object:
    """A plain boto3 client for arranging and checking server state in tests."""
    return boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
        verify=server.ca_bundle or True,
        config=Config(
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


def connection_for(
    server: RunningS3, owner: str = "test-connection", **changes: object
) -> Connection:
    """A Connection to `server` with static keys, the secret stored in the (test) keyring."""
    secrets.set_secret(owner, "secret-key", server.secret_key)
    fields: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "scheme": Scheme(server.scheme),
        "region": "us-east-1",
        "addressing_style": AddressingStyle.PATH,
        "ca_bundle": server.ca_bundle,
        "credentials": CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id=server.access_key, secret_owner=owner
        ),
    }
    fields.update(changes)
    return Connection(**fields)  # type: ignore[arg-type]


@pytest.fixture
def seaweed_admin(seaweed: RunningS3) -> object:
    return admin_client(seaweed)


@pytest.fixture
def moto_admin(moto: RunningS3) -> object:
    return admin_client(moto)


@pytest.fixture
def bucket(seaweed_admin: object) -> str:
    """A fresh, empty bucket on SeaweedFS for one test."""
    name = f"t-{uuid.uuid4().hex[:20]}"
    seaweed_admin.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name
