"""The bookmarks file: round trip, atomic writes, corrupt files kept aside, secrets elsewhere."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from app.core import paths, secrets
from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, BookmarkStoreError
from app.core.bookmarks.store import SCHEMA_VERSION
from app.core.credentials.spec import CredentialKind

SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLE-session-token"


def _bookmark(**changes: object) -> Bookmark:
    values: dict[str, object] = {
        "nickname": "Work storage",
        "profile": "wasabi",
        "host": "s3.eu-central-1.wasabisys.com",
        "access_key_id": "AKIAEXAMPLE",
        "region": "eu-central-1",
        "storage_class": "STANDARD",
        "acl": "private",
        "encryption": "AES256",
        "download_folder": "/home/me/Downloads",
        "sse_c_key_ref": "ssec:team-key",
        "labels": ("work",),
        "custom": {"s3.versioning.enable": "true"},
    }
    values.update(changes)
    return Bookmark(**values)  # type: ignore[arg-type]


def test_file_lives_in_the_config_dir_and_round_trips() -> None:
    store = BookmarkStore()
    bookmark = store.add(_bookmark())
    assert store.path == paths.config_dir() / "bookmarks.json"
    document = json.loads(store.path.read_text())
    assert document["schema"] == SCHEMA_VERSION
    again = BookmarkStore()
    assert again.list() == [bookmark]
    assert again.notice == ""


def test_get_by_id_prefix_and_nickname() -> None:
    store = BookmarkStore()
    first = store.add(_bookmark())
    store.add(_bookmark(nickname="Other"))
    assert store.get(first.id) == first
    assert store.get(first.id[:8]) == first
    assert store.get("work STORAGE") == first
    with pytest.raises(BookmarkError, match="No bookmark 'nope'"):
        store.get("nope")
    store.add(_bookmark(nickname="Other"))
    with pytest.raises(BookmarkError, match="2 bookmarks are named 'Other'"):
        store.get("Other")


def test_update_and_move() -> None:
    store = BookmarkStore()
    a, b = store.add(_bookmark(nickname="A")), store.add(_bookmark(nickname="B"))
    store.update(a.with_changes(region="eu-west-1"))
    store.move(b.id, 0)
    assert [x.nickname for x in BookmarkStore().list()] == ["B", "A"]
    assert BookmarkStore().get(a.id).region == "eu-west-1"


def test_no_secret_in_the_file_or_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = BookmarkStore()
    bookmark = store.add(_bookmark(), secret_key=SECRET, session_token=TOKEN)
    store.update(bookmark.with_changes(nickname="Renamed"), secret_key=SECRET + "2")
    text = store.path.read_text()
    for secret in (SECRET, SECRET + "2", TOKEN):
        assert secret not in text
        assert secret not in caplog.text
    assert "Added bookmark" in caplog.text  # the logging really was captured
    assert secrets.get_secret(f"bookmark:{bookmark.id}", "secret-key") == SECRET + "2"
    assert secrets.get_secret(f"bookmark:{bookmark.id}", "session-token") == TOKEN


def test_remove_deletes_the_keyring_secrets() -> None:
    store = BookmarkStore()
    keep = store.add(_bookmark(nickname="Keep"), secret_key="keep-secret")
    gone = store.add(_bookmark(nickname="Gone"), secret_key=SECRET, session_token=TOKEN)
    secrets.set_secret(gone.secret_owner, "sse-c-key", "c2VjcmV0")
    store.remove(gone.id)
    for kind in ("secret-key", "session-token", "sse-c-key"):
        assert secrets.get_secret(gone.secret_owner, kind) is None
    assert secrets.get_secret(keep.secret_owner, "secret-key") == "keep-secret"
    assert [b.nickname for b in BookmarkStore().list()] == ["Keep"]


def test_corrupt_file_is_moved_aside_not_replaced() -> None:
    path = paths.config_dir() / "bookmarks.json"
    path.write_text('{"schema": 1, "bookmarks": [ {"nickname": ')
    store = BookmarkStore()
    assert store.list() == []
    aside = list(path.parent.glob("bookmarks.corrupt-*.json"))
    assert len(aside) == 1
    assert aside[0].read_text() == '{"schema": 1, "bookmarks": [ {"nickname": '
    assert "invalid JSON at line 1" in store.notice and str(aside[0]) in store.notice
    assert not path.exists()
    store.add(_bookmark())  # a new file; the old one stays aside
    assert len(list(path.parent.glob("bookmarks.corrupt-*.json"))) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe garbage", "not UTF-8"),
        (b'"just a string"', "top level is not a JSON object"),
        (b'{"schema": 1, "bookmarks": {}}', "'bookmarks' is not a list"),
        (b'{"schema": 1, "bookmarks": [{"nickname": "x"}]}', "bookmark 1:"),
        (b'{"schema": 1, "bookmarks": [{"nickname": "x", "profile": "p", "port": "80"}]}', "port"),
        (b'{"schema": "one", "bookmarks": []}', "schema version 'one'"),
    ],
)
def test_each_kind_of_corruption_is_named(content: bytes, reason: str) -> None:
    (paths.config_dir() / "bookmarks.json").write_bytes(content)
    store = BookmarkStore()
    assert reason in store.notice
    assert len(list(paths.config_dir().glob("bookmarks.corrupt-*"))) == 1


def test_newer_schema_is_left_untouched() -> None:
    path = paths.config_dir() / "bookmarks.json"
    path.write_text('{"schema": 99, "bookmarks": []}')
    with pytest.raises(BookmarkStoreError, match="written by a newer Eider"):
        BookmarkStore()
    assert path.read_text() == '{"schema": 99, "bookmarks": []}'


def test_unversioned_list_is_migrated() -> None:
    bookmark = _bookmark()
    path = paths.config_dir() / "bookmarks.json"
    path.write_text(json.dumps([bookmark.to_json()]))
    store = BookmarkStore()
    assert store.list() == [bookmark]
    store.add(_bookmark(nickname="New"))
    assert json.loads(path.read_text())["schema"] == SCHEMA_VERSION


def test_failed_write_leaves_the_old_file_and_no_temp_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = BookmarkStore()
    store.add(_bookmark(nickname="Before"))
    before = store.path.read_bytes()

    # A disk fault on demand (nothing else produces one): fsync fails mid-write.
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    after = _bookmark(nickname="After")
    with pytest.raises(OSError, match="No space left"):
        store.add(after, secret_key=SECRET)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [b.nickname for b in store.list()] == ["Before"]
    assert secrets.get_secret(after.secret_owner, "secret-key") is None  # no orphan secret
    assert [p.name for p in store.path.parent.iterdir()] == ["bookmarks.json"]


def test_file_is_replaced_not_rewritten_in_place() -> None:
    store = BookmarkStore()
    store.add(_bookmark(nickname="One"))
    with store.path.open() as reader:  # a reader of the old file keeps a whole old file
        store.add(_bookmark(nickname="Two"))
        assert [b["nickname"] for b in json.load(reader)["bookmarks"]] == ["One"]


def test_bookmark_validation() -> None:
    with pytest.raises(BookmarkError, match="needs a name"):
        _bookmark(nickname=" ")
    with pytest.raises(BookmarkError, match="outside 1-65535"):
        _bookmark(port=0)
    with pytest.raises(BookmarkError, match="not a UUID"):
        _bookmark(id="x")
    with pytest.raises(BookmarkError, match="unknown credential source 'magic'"):
        Bookmark.from_json({"nickname": "n", "profile": "p", "credential_kind": "magic"})
    assert (
        Bookmark.from_json(
            {"nickname": "n", "profile": "p", "credential_kind": "aws-profile", "future": 1}
        ).credential_kind
        is CredentialKind.AWS_PROFILE
    )


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "b.json")
    bookmark = store.add(_bookmark())
    with pytest.raises(BookmarkError, match="already exists"):
        store.add(bookmark)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"labels": "work"}, "'labels' must be a list"),
        ({"custom": ["a"]}, "'custom' must be an object"),
        ({"host": 5}, "'host' must be a string or null"),
        ({"nickname": None}, "'nickname' must be a string"),
    ],
)
def test_wrongly_typed_entries_are_reported(entry: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"nickname": "n", "profile": "p"}
    with pytest.raises(BookmarkError, match=message):
        Bookmark.from_json({**base, **entry})


def test_duplicate_copies_fields_and_secrets_under_a_new_id() -> None:
    store = BookmarkStore()
    original = store.add(_bookmark(nickname="A"), secret_key=SECRET)
    store.add(_bookmark(nickname="B"))
    copy = store.duplicate(original.id)
    assert copy.id != original.id and copy.nickname == "A (copy)"
    assert copy.with_changes(id=original.id, nickname="A") == original
    assert [b.nickname for b in BookmarkStore().list()] == ["A", "A (copy)", "B"]
    assert secrets.get_secret(copy.secret_owner, "secret-key") == SECRET
    store.remove(original.id)
    assert secrets.get_secret(copy.secret_owner, "secret-key") == SECRET


def test_keyring_failure_on_add_leaves_no_bookmark(monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore()

    # The keyring being locked/absent is a fault the in-memory test keyring never produces.
    def locked(owner: str, kind: str, value: str) -> None:
        raise secrets.SecretStoreError("The system keyring is not available")

    monkeypatch.setattr(secrets, "set_secret", locked)
    with pytest.raises(secrets.SecretStoreError):
        store.add(_bookmark(), secret_key=SECRET)
    assert store.list() == [] and BookmarkStore().list() == []
