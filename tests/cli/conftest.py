"""Transfer-command tests: AWS_* variables pointing at the session's SeaweedFS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def run_eider(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python -m app ...` in a child process with stdout and stderr piped (not a terminal)."""
    child_env = {**os.environ, **(env or {})}
    # The child has no test keyring; environment credentials need none.
    child_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
