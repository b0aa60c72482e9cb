"""Transfer-command tests: AWS_* variables pointing at the session's SeaweedFS."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.credentials.spec import CredentialKind
from tests.fixtures.servers import RunningS3

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def aws_env(seaweed: RunningS3, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment a script would set: keys, endpoint and region, as the AWS CLI reads them."""
    values = {
        "AWS_ACCESS_KEY_ID": seaweed.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed.secret_key,
        "AWS_ENDPOINT_URL": seaweed.endpoint_url,
        "AWS_REGION": "us-east-1",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def _child_env(env: dict[str, str] | None) -> dict[str, str]:
    child_env = {**os.environ, **(env or {})}
    # The child has no test keyring; environment credentials need none.
    child_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return child_env


def run_eider(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python -m app ...` in a child process with stdout and stderr piped (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=_child_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextlib.contextmanager
def eider_child(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """`run_eider` without waiting, to signal the child while it works; killed if left running."""
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=_child_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()


def interrupt(child: subprocess.Popen[str], timeout: float = 60) -> str:
    """Ctrl-C the child; its stderr once it has exited."""
    child.send_signal(signal.SIGINT)
    return child.communicate(timeout=timeout)[1]


def add_seaweed_bookmark(seaweed: RunningS3, nickname: str = "Lab") -> None:
    """A saved connection to the session's SeaweedFS, its secret key in the test keyring."""
    BookmarkStore().add(
        Bookmark(
            nickname=nickname,
            profile="s3-http",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
            credential_kind=CredentialKind.STATIC,
        ),
        secret_key=seaweed.secret_key,
    )
