"""An edit on SeaweedFS: the private copy, uploads that keep what the object had, and the
question when the object changed on the server in between."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from app.core.edit.conflict import ConflictAnswer, ConflictChoice, ServerChanged
from app.core.edit.session import EditSession
from app.core.edit.store import EditStore
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.integrity import CRC_META
from tests.unit.core.edit.conftest import METADATA, TAGS, put_described, tags_of


def _never(question: ServerChanged) -> ConflictAnswer:
    raise AssertionError(f"asked although nothing changed: {question}")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_save_is_uploaded_with_the_object_properties_kept(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    put_described(seaweed_admin, bucket, "docs/notes.md", b"first")
    edit = EditSession.open(session, lambda: engine, store, bucket, "docs/notes.md", _never)
    assert edit.path.read_bytes() == b"first"
    assert edit.path.name == "notes.md"
    assert _mode(store.root) == 0o700
    assert _mode(edit.path.parent) == 0o700
    assert _mode(edit.path) == 0o600
    assert not edit.has_unsaved()
    assert edit.upload_now() is None  # nothing saved yet: nothing sent

    edit.path.write_bytes(b"second, longer")
    assert edit.has_unsaved()
    assert edit.upload_now() is None
    assert not edit.has_unsaved()

    head = seaweed_admin.head_object(Bucket=bucket, Key="docs/notes.md")
    body = seaweed_admin.get_object(Bucket=bucket, Key="docs/notes.md")["Body"].read()
    assert body == b"second, longer"
    # Kept, plus (this provider keeping no checksum) Eider's CRC of the new bytes.
    assert {k: v for k, v in head["Metadata"].items() if k != CRC_META} == METADATA
    assert head["ContentType"] == "text/markdown"
    assert head["ContentDisposition"] == 'attachment; filename="notes.md"'
    assert head["ContentLanguage"] == "en"
    assert head.get("ExpiresString") == "Tue, 21 Oct 2031 07:28:00 GMT"
    assert head.get("StorageClass") == "STANDARD_IA"
    assert tags_of(seaweed_admin, bucket, "docs/notes.md") == TAGS
    assert edit.edit.etag == head["ETag"]  # the next save compares with this upload
    edit.close()
    assert not edit.path.parent.exists()


def _changed_on_server(admin: Any, bucket: str, key: str) -> None:
    admin.put_object(Bucket=bucket, Key=key, Body=b"theirs", Metadata={"by": "someone"})


def _open_and_save(
    session: S3Session,
    engine: TransferEngine,
    store: EditStore,
    admin: Any,
    bucket: str,
    answer: ConflictAnswer,
) -> tuple[EditSession, list[ServerChanged]]:
    put_described(admin, bucket, "notes.md", b"original")
    asked: list[ServerChanged] = []

    def ask(question: ServerChanged) -> ConflictAnswer:
        asked.append(question)
        return answer

    edit = EditSession.open(session, lambda: engine, store, bucket, "notes.md", ask)
    _changed_on_server(admin, bucket, "notes.md")
    edit.path.write_bytes(b"mine")
    assert edit.upload_now() is answer.choice
    return edit, asked


def _body(admin: Any, bucket: str, key: str) -> bytes:
    data: bytes = admin.get_object(Bucket=bucket, Key=key)["Body"].read()
    return data


def test_a_server_change_asks_and_overwrite_uploads_over_it(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    edit, asked = _open_and_save(
        session, engine, store, seaweed_admin, bucket, ConflictAnswer(ConflictChoice.OVERWRITE)
    )
    assert len(asked) == 1 and asked[0].edit.key == "notes.md" and not asked[0].deleted
    assert asked[0].suggested_key == "notes (1).md"
    assert _body(seaweed_admin, bucket, "notes.md") == b"mine"
    edit.path.write_bytes(b"mine again")
    assert edit.upload_now() is None  # the overwrite is the new baseline: no second question
    assert _body(seaweed_admin, bucket, "notes.md") == b"mine again"
    edit.close()


def test_a_server_change_answered_save_as_keeps_theirs_and_uploads_beside(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    edit, asked = _open_and_save(
        session, engine, store, seaweed_admin, bucket, ConflictAnswer(ConflictChoice.SAVE_AS)
    )
    assert len(asked) == 1
    assert _body(seaweed_admin, bucket, "notes.md") == b"theirs"
    assert _body(seaweed_admin, bucket, "notes (1).md") == b"mine"
    assert edit.edit.key == "notes (1).md"  # further saves go to the new name
    edit.close()


def test_a_server_change_answered_discard_takes_theirs_into_the_copy(
    session: S3Session, engine: TransferEngine, store: EditStore, seaweed_admin: Any, bucket: str
) -> None:
    edit, asked = _open_and_save(
        session, engine, store, seaweed_admin, bucket, ConflictAnswer(ConflictChoice.DISCARD)
    )
    assert len(asked) == 1
    assert _body(seaweed_admin, bucket, "notes.md") == b"theirs"
    assert edit.path.read_bytes() == b"theirs"
    assert not edit.has_unsaved()
    edit.close()


def test_a_missing_object_cannot_be_opened_and_leaves_nothing(
    session: S3Session, engine: TransferEngine, store: EditStore, bucket: str
) -> None:
    from app.core.edit.session import EditFailed

    with pytest.raises(EditFailed, match="does not exist"):
        EditSession.open(session, lambda: engine, store, bucket, "nothing.txt", _never)
    assert store.edits() == [] and list(store.root.iterdir()) == []
