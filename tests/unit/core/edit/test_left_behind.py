"""A killed Eider (a real `eider edit` child, SIGKILLed) leaves its private copy and record;
the next start finds the edit left behind, takes it over and uploads the unsaved copy. An edit
a live process holds is not offered."""

from __future__ import annotations

import stat
from typing import Any

import pytest

from app.core.edit.conflict import ConflictAnswer, ServerChanged
from app.core.edit.session import EditHeldElsewhere, EditSession
from app.core.edit.store import EditStore
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.integrity import CRC_META
from tests.fixtures.edit_child import kill_eider_mid_edit
from tests.fixtures.servers import RunningS3
from tests.unit.core.edit.conftest import METADATA, put_described


def _never(question: ServerChanged) -> ConflictAnswer:
    raise AssertionError(f"asked although nothing changed: {question}")


def _body(admin: Any, bucket: str, key: str) -> bytes:
    data: bytes = admin.get_object(Bucket=bucket, Key=key)["Body"].read()
    return data


def test_a_killed_edit_is_left_behind_and_its_unsaved_copy_uploaded_next_time(
    seaweed: RunningS3,
    session: S3Session,
    engine: TransferEngine,
    store: EditStore,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    put_described(seaweed_admin, bucket, "notes.md", b"original")
    env = {
        "AWS_ACCESS_KEY_ID": seaweed.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed.secret_key,
        "AWS_ENDPOINT_URL": seaweed.endpoint_url,
        "AWS_REGION": "us-east-1",
    }
    copy = kill_eider_mid_edit(bucket, "notes.md", "unsaved work", env)
    assert _body(seaweed_admin, bucket, "notes.md") == b"original"
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600

    (left,) = store.left_behind()
    assert (left.bucket, left.key, left.path) == (bucket, "notes.md", copy)
    assert "secret" not in (copy.parent / "edit.json").read_text().lower()
    assert seaweed.secret_key not in (copy.parent / "edit.json").read_text()

    resumed = EditSession(session, lambda: engine, store, left, _never)
    assert store.left_behind() == []  # held by this process now
    other = EditStore(store.root)
    with pytest.raises(EditHeldElsewhere):
        EditSession(session, lambda: engine, other, left, _never)
    other.close()

    assert resumed.has_unsaved()
    assert resumed.upload_now() is None  # the server did not change: no question
    assert _body(seaweed_admin, bucket, "notes.md") == b"unsaved work"
    metadata = seaweed_admin.head_object(Bucket=bucket, Key="notes.md")["Metadata"]
    assert {k: v for k, v in metadata.items() if k != CRC_META} == METADATA  # + Eider's CRC
    resumed.close()
    assert not copy.parent.exists() and store.edits() == []


def test_a_left_edit_with_nothing_unsaved_takes_the_server_content_when_taken_over(
    session: S3Session,
    engine: TransferEngine,
    store: EditStore,
    seaweed_admin: Any,
    bucket: str,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="notes.md", Body=b"original")
    first = EditSession.open(session, lambda: engine, store, bucket, "notes.md", _never)
    first.release()  # as a closed window leaves it: on disk, held by no one
    seaweed_admin.put_object(Bucket=bucket, Key="notes.md", Body=b"changed since")

    (left,) = store.left_behind()
    taken = EditSession(session, lambda: engine, store, left, _never)
    assert taken.refresh()
    assert taken.path.read_bytes() == b"changed since"
    taken.path.write_bytes(b"edited on top")
    assert taken.upload_now() is None  # based on the server's content: nothing to ask
    assert _body(seaweed_admin, bucket, "notes.md") == b"edited on top"

    taken.path.write_bytes(b"unsaved")
    assert not taken.refresh()  # unsaved work is never replaced
    assert taken.path.read_bytes() == b"unsaved"
    taken.close()
