"""An edit's upload keeps the object's encryption (SSE-S3 and SSE-C on SeaweedFS) and its ACL
grants (on moto: a PUT resets an ACL to private, and moto keeps ACLs faithfully)."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from app.core import secrets
from app.core.edit.conflict import ConflictAnswer, ServerChanged
from app.core.edit.session import EditSession
from app.core.edit.store import EditStore
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _never(question: ServerChanged) -> ConflictAnswer:
    raise AssertionError(f"asked although nothing changed: {question}")


def _edit_and_save(
    session: S3Session,
    engine: TransferEngine,
    store: EditStore,
    bucket: str,
    key: str,
    content: bytes,
    customer_key_ref: str | None = None,
) -> None:
    edit = EditSession.open(
        session, lambda: engine, store, bucket, key, _never, customer_key_ref=customer_key_ref
    )
    edit.path.write_bytes(content)
    assert edit.upload_now() is None
    edit.close()


def test_sse_s3_is_kept(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(
        Bucket=bucket, Key="s3.txt", Body=b"one", ServerSideEncryption="AES256"
    )
    _edit_and_save(session, engine, store, bucket, "s3.txt", b"two")
    head = seaweed_admin.head_object(Bucket=bucket, Key="s3.txt")
    assert head["ServerSideEncryption"] == "AES256"
    body = seaweed_admin.get_object(Bucket=bucket, Key="s3.txt")["Body"].read()
    assert body == b"two"


def test_sse_c_is_kept_with_the_named_key_and_the_record_holds_no_key(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    raw = os.urandom(32)
    secrets.set_secret("edit-test-key", SSE_C_SECRET_KIND, base64.b64encode(raw).decode())
    sse = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": raw}
    seaweed_admin.put_object(Bucket=bucket, Key="c.txt", Body=b"one", **sse)

    edit = EditSession.open(
        session, lambda: engine, store, bucket, "c.txt", _never, customer_key_ref="edit-test-key"
    )
    assert edit.path.read_bytes() == b"one"
    record = (edit.path.parent / "edit.json").read_bytes()
    assert raw not in record and base64.b64encode(raw) not in record
    edit.path.write_bytes(b"two")
    assert edit.upload_now() is None
    edit.close()

    got = seaweed_admin.get_object(Bucket=bucket, Key="c.txt", **sse)
    assert got["Body"].read() == b"two"
    assert got["SSECustomerAlgorithm"] == "AES256"


@pytest.fixture
def moto_session(moto: RunningS3) -> S3Session:
    return S3Session(connection_for(moto))


@pytest.fixture
def moto_engine(moto_session: S3Session) -> Iterator[TransferEngine]:
    made = TransferEngine(moto_session, sample_interval=0.05)
    yield made
    made.close()


def _public(admin: Any, bucket: str, key: str) -> bool:
    grants = admin.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(g["Grantee"].get("URI", "").endswith("/AllUsers") for g in grants)


def test_acl_grants_are_kept(
    moto_session: S3Session, moto_engine: TransferEngine, store: EditStore, moto_admin: Any
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    moto_admin.put_object(Bucket=bucket, Key="shared.txt", Body=b"one", ACL="public-read")
    moto_admin.put_object(Bucket=bucket, Key="private.txt", Body=b"one")

    _edit_and_save(moto_session, moto_engine, store, bucket, "shared.txt", b"two")
    _edit_and_save(moto_session, moto_engine, store, bucket, "private.txt", b"two")

    assert moto_admin.get_object(Bucket=bucket, Key="shared.txt")["Body"].read() == b"two"
    assert _public(moto_admin, bucket, "shared.txt")
    assert not _public(moto_admin, bucket, "private.txt")
