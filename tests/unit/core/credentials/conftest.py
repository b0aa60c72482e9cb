from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialSpec
from tests.fixtures.servers import RunningS3


@pytest.fixture
def aws_dir(tmp_path: Path) -> Path:
    """Where tests/conftest.py points AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE."""
    path = Path(os.environ["AWS_CONFIG_FILE"]).parent
    assert path == tmp_path / "aws"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home directory of the test's own (for ~/.aws/sso/cache)."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    return path


def connection_with(server: RunningS3, spec: CredentialSpec) -> Connection:
    return Connection(
        host=server.host,
        port=server.port,
        scheme=Scheme(server.scheme),
        region="us-east-1",
        addressing_style=AddressingStyle.PATH,
        credentials=spec,
    )
