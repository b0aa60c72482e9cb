"""The bookmarks file: versioned JSON under the config folder, written atomically, no secrets.

Secrets go to the keyring (or, without one, the vault or session memory; see app.core.secrets)
under the bookmark's owner name (`bookmark:<uuid>`); removing a
bookmark removes them. A file that cannot be read is renamed aside with a timestamp and the
store starts empty, with `notice` saying where the old file went; it is never overwritten.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core import paths, secrets
from app.core.atomic_file import move_aside, write_atomically
from app.core.bookmarks.model import (
    OWNED_SECRET_KINDS,
    SECRET_KEY,
    SESSION_TOKEN,
    Bookmark,
    BookmarkError,
    new_id,
)
from app.core.explained import ExplainedError

log = logging.getLogger(__name__)

FILE_NAME = "bookmarks.json"
SCHEMA_VERSION = 1


def _from_unversioned(data: dict[str, Any]) -> dict[str, Any]:
    return {"schema": 1, "bookmarks": data.get("bookmarks", [])}


# MIGRATIONS[n] turns a schema-n document into schema n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_unversioned}


class BookmarkStoreError(RuntimeError, ExplainedError):
    """The bookmarks file cannot be read or written; the message says what to do."""


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


class BookmarkStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.notice = ""  # set when a corrupt file was moved aside
        self._bookmarks: list[Bookmark] = []
        self._load()

    # -- reading -------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise BookmarkStoreError(
                f"Cannot read the bookmarks file {self.path}: {exc.strerror or exc}"
            ) from None
        try:
            self._bookmarks = _parse(raw)
        except _Unreadable as exc:
            self._move_aside(str(exc))

    def _move_aside(self, reason: str) -> None:
        aside = move_aside(self.path, "corrupt")
        self.notice = (
            f"The bookmarks file could not be read ({reason}). It was kept as {aside} and "
            "Eider started with no bookmarks; nothing was deleted."
        )
        log.warning("%s", self.notice)

    # -- queries ---------------------------------------------------------------------------

    def list(self) -> list[Bookmark]:
        return list(self._bookmarks)

    def get(self, key: str) -> Bookmark:
        """By id, unique id prefix (8+ characters) or nickname (case-insensitive)."""
        for bookmark in self._bookmarks:
            if bookmark.id == key:
                return bookmark
        found = [b for b in self._bookmarks if len(key) >= 8 and b.id.startswith(key)]
        if not found:
            found = [b for b in self._bookmarks if b.nickname.casefold() == key.casefold()]
        if len(found) == 1:
            return found[0]
        if found:
            raise BookmarkError(f"{len(found)} bookmarks are named '{key}'; use the id")
        raise BookmarkError(f"No bookmark '{key}'")

    # -- changes ---------------------------------------------------------------------------

    def add(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        if any(b.id == bookmark.id for b in self._bookmarks):
            raise BookmarkError(f"A bookmark with id {bookmark.id} already exists")
        self._bookmarks.append(bookmark)
        try:
            self._save()
        except BaseException:
            self._bookmarks.pop()
            raise
        try:  # after the file, so a failed write never leaves an orphan secret behind
            self.set_secrets(bookmark, secret_key, session_token)
        except BaseException:
            self._bookmarks.pop()
            self._save()
            raise
        log.info("Added bookmark %s (%s)", bookmark.nickname, bookmark.id)
        return bookmark

    def update(
        self, bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> Bookmark:
        index = self._index(bookmark.id)
        previous = self._bookmarks[index]
        self._bookmarks[index] = bookmark
        try:
            self._save()
        except BaseException:
            self._bookmarks[index] = previous
            raise
        self.set_secrets(bookmark, secret_key, session_token)
        log.info("Updated bookmark %s (%s)", bookmark.nickname, bookmark.id)
        return bookmark

    def remove(self, bookmark_id: str) -> Bookmark:
        index = self._index(bookmark_id)
        bookmark = self._bookmarks.pop(index)
        self._save()
        for kind in OWNED_SECRET_KINDS:
            secrets.delete_secret(bookmark.secret_owner, kind)
        log.info("Removed bookmark %s (%s)", bookmark.nickname, bookmark.id)
        return bookmark

    def duplicate(self, bookmark_id: str) -> Bookmark:
        """A copy with a new id, placed after the original; its keyring secrets are copied."""
        index = self._index(bookmark_id)
        original = self._bookmarks[index]
        copy = original.with_changes(id=new_id(), nickname=f"{original.nickname} (copy)")
        for kind in OWNED_SECRET_KINDS:
            place = secrets.where(original.secret_owner, kind)
            value = secrets.get_secret(original.secret_owner, kind) if place else None
            if place is not None and value is not None:
                secrets.set_secret(copy.secret_owner, kind, value, place)
        self._bookmarks.insert(index + 1, copy)
        self._save()
        log.info("Duplicated bookmark %s as %s", original.id, copy.id)
        return copy

    def move(self, bookmark_id: str, new_index: int) -> None:
        bookmark = self._bookmarks.pop(self._index(bookmark_id))
        self._bookmarks.insert(max(0, min(new_index, len(self._bookmarks))), bookmark)
        self._save()

    @staticmethod
    def set_secrets(
        bookmark: Bookmark, secret_key: str | None = None, session_token: str | None = None
    ) -> None:
        """Store the given secrets in the keyring (None leaves a stored one as it is)."""
        if secret_key is not None:
            secrets.set_secret(bookmark.secret_owner, SECRET_KEY, secret_key)
        if session_token is not None:
            if session_token:
                secrets.set_secret(bookmark.secret_owner, SESSION_TOKEN, session_token)
            else:
                secrets.delete_secret(bookmark.secret_owner, SESSION_TOKEN)

    def _index(self, bookmark_id: str) -> int:
        for index, bookmark in enumerate(self._bookmarks):
            if bookmark.id == bookmark_id:
                return index
        raise BookmarkError(f"No bookmark with id {bookmark_id}")

    def _save(self) -> None:
        document = {
            "schema": SCHEMA_VERSION,
            "bookmarks": [b.to_json() for b in self._bookmarks],
        }
        write_atomically(self.path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


class _Unreadable(Exception):
    pass


def _parse(raw: bytes) -> list[Bookmark]:
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unreadable("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if isinstance(document, list):
        document = {"bookmarks": document}
    if not isinstance(document, dict):
        raise _Unreadable("the top level is not a JSON object")
    version = document.get("schema", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _Unreadable(f"schema version {version!r} is not a number")
    if version > SCHEMA_VERSION:
        raise BookmarkStoreError(
            f"The bookmarks file was written by a newer Eider (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update Eider; the file was left untouched."
        )
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version = document["schema"]
    entries = document.get("bookmarks")
    if not isinstance(entries, list):
        raise _Unreadable("'bookmarks' is not a list")
    bookmarks = []
    for number, entry in enumerate(entries, 1):
        try:
            bookmarks.append(Bookmark.from_json(entry))
        except (BookmarkError, TypeError) as exc:
            raise _Unreadable(f"bookmark {number}: {exc}") from None
    return bookmarks
