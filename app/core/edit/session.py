"""One open edit: its private copy, the watcher on it, and the upload of each save.

An upload goes through a transfer engine as a job (so it shows in the Transfers list, is
retried and verified like any other); before it, a HEAD compares the object with the ETag and
version the edit was opened (or last uploaded) at, and a difference is a question for the
caller's `Asker`. All methods block on the network: call them off the GUI thread.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from app.core.edit.conflict import Asker, ConflictChoice, ServerChanged
from app.core.edit.kept import kept_properties, read_args
from app.core.edit.record import OpenEdit
from app.core.edit.store import PRIVATE_DIR, PRIVATE_FILE, EditStore
from app.core.edit.watch import FileWatcher, file_digest
from app.core.errors import describe
from app.core.explained import ExplainedError
from app.core.s3.acl import put_object_acl
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine, endpoint_id
from app.core.transfers.jobs import JobState
from app.core.transfers.numbered import first_free

log = logging.getLogger(__name__)

EngineSource = Callable[[], TransferEngine]
_CHUNK = 1024 * 1024


class EditFailed(RuntimeError, ExplainedError):
    """An edit could not be opened, or a save not uploaded; the private copy is kept."""


class EditHeldElsewhere(EditFailed):
    def __init__(self, edit: OpenEdit) -> None:
        super().__init__(f"{edit.url} is being edited by another Eider process already.")


@dataclass(frozen=True)
class EditNotice:
    """What happened to a save, for a status line or the terminal."""

    edit: OpenEdit
    message: str
    failed: bool = False


Notify = Callable[[EditNotice], None]


def _quiet(_notice: EditNotice) -> None:
    return None


def _is_ours(head: dict[str, Any], uploaded: Path) -> bool:
    """Whether the object the HEAD after an upload saw is the one uploaded: the same size,
    and the same MD5 where the ETag is one (not multipart, SSE-KMS or SSE-C)."""
    if int(head.get("ContentLength", -1)) != uploaded.stat().st_size:
        return False
    etag = str(head.get("ETag", "")).strip('"')
    encrypted = head.get("SSECustomerAlgorithm") or str(
        head.get("ServerSideEncryption", "")
    ).startswith("aws:kms")
    if "-" in etag or encrypted or len(etag) != 32:
        return True
    with uploaded.open("rb") as handle:
        return hashlib.file_digest(handle, "md5").hexdigest() == etag


def _not_found(exc: ClientError) -> bool:
    error = exc.response.get("Error", {})
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return error.get("Code") in ("404", "NoSuchKey", "NotFound") or status == 404


class EditSession:
    def __init__(
        self,
        session: S3Session,
        engine: EngineSource,
        store: EditStore,
        edit: OpenEdit,
        ask: Asker,
        notify: Notify = _quiet,
        *,
        job_timeout: float | None = None,
    ) -> None:
        """Take over `edit` (held by this process from now on); see `open` for a new one."""
        if not store.hold(edit.id):
            raise EditHeldElsewhere(edit)
        self._session = session
        self._engine = engine
        self._store = store
        self._edit = edit
        self._ask = ask
        self._notify = notify
        self._job_timeout = job_timeout
        self._lock = threading.Lock()  # one upload at a time
        self._watcher: FileWatcher | None = None

    @classmethod
    def open(
        cls,
        session: S3Session,
        engine: EngineSource,
        store: EditStore,
        bucket: str,
        key: str,
        ask: Asker,
        notify: Notify = _quiet,
        *,
        bookmark_id: str | None = None,
        customer_key_ref: str | None = None,
        job_timeout: float | None = None,
    ) -> EditSession:
        """Download the object to a new private copy and record the edit."""
        edit_id, local = store.new_place(key)
        edit = OpenEdit(
            id=edit_id,
            bucket=bucket,
            key=key,
            local_path=str(local),
            etag="",
            bookmark_id=bookmark_id,
            endpoint=endpoint_id(session),
            customer_key_ref=customer_key_ref,
            opened_at=time.time(),
        )
        opened = cls(session, engine, store, edit, ask, notify, job_timeout=job_timeout)
        try:
            head = opened._download_current()
            if head is None:
                raise EditFailed(f"{edit.url} does not exist.")
        except BaseException:
            store.remove(edit_id)
            raise
        return opened

    @property
    def edit(self) -> OpenEdit:
        return self._edit

    @property
    def path(self) -> Path:
        return self._edit.path

    def has_unsaved(self) -> bool:
        """Whether the private copy holds content the server has not had from this edit."""
        digest = file_digest(self.path)
        return digest is not None and digest != self._edit.uploaded_digest

    # -- watching ---------------------------------------------------------------------------------

    def start_watching(self, *, interval: float = 0.2, settle: float = 0.5) -> None:
        if self._watcher is not None:
            return
        self._watcher = FileWatcher(
            self.path,
            self._saved,
            self._edit.uploaded_digest,
            interval=interval,
            settle=settle,
        )
        self._watcher.start()

    def flush(self) -> None:
        """Upload a save the watcher has not reported yet (the editor just exited)."""
        if self._watcher is not None:
            self._watcher.check_now()
        elif self.has_unsaved():
            self.upload_now()

    def _saved(self, digest: str) -> None:
        try:
            self.upload_now()
        except Exception as exc:
            self._notify(EditNotice(self._edit, str(describe(exc, "PutObject")), failed=True))

    def refresh(self) -> bool:
        """Take the object's current content into a copy with nothing unsaved in it (an edit
        taken over from an earlier run); False when the copy has unsaved work, left as is."""
        with self._lock:
            if self.has_unsaved():
                return False
            if self._download_current() is None:
                raise EditFailed(f"{self._edit.url} no longer exists.")
            return True

    # -- uploading --------------------------------------------------------------------------------

    def upload_now(self) -> ConflictChoice | None:
        """Upload the private copy if it changed; returns how a server change was answered
        (None: the server had not changed)."""
        with self._lock:
            return self._upload()

    def _upload(self) -> ConflictChoice | None:
        edit = self._edit
        digest = file_digest(self.path)
        if digest is None or digest == edit.uploaded_digest:
            return None
        head = self._head(edit.key)
        choice: ConflictChoice | None = None
        target = edit.key
        if not self._unchanged(head):
            answer = self._ask(self._question(head))
            choice = answer.choice
            if choice is ConflictChoice.DISCARD:
                self._download_current()
                self._notify(EditNotice(self._edit, f"Took the server's {edit.url}"))
                return choice
            if choice is ConflictChoice.SAVE_AS:
                target = answer.new_key or self._free_name(edit.key)
                head = head or self._head(edit.key)
        # The job reads a still copy (under the object's own name, for its title): the
        # editor may save again while it runs.
        snapshot_dir = self.path.parent / ".upload"
        snapshot_dir.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        snapshot = snapshot_dir / self.path.name
        shutil.copy2(self.path, snapshot)
        snapshot.chmod(PRIVATE_FILE)
        try:
            new_head = self._send(snapshot, target, head)
            ours = _is_ours(new_head, snapshot)
        finally:
            snapshot.unlink(missing_ok=True)
        self._edit = replace(
            edit,
            key=target,
            # Another writer between our upload and this HEAD: no baseline, the next save asks.
            etag=str(new_head.get("ETag", "")) if ours else "",
            version_id=new_head.get("VersionId") if ours else None,
            uploaded_digest=digest,
        )
        self._store.save(self._edit)
        if self._watcher is not None:
            self._watcher.set_known(digest)
        self._notify(EditNotice(self._edit, f"Uploaded {self._edit.url}"))
        return choice

    def _send(self, snapshot: Path, key: str, head: dict[str, Any] | None) -> dict[str, Any]:
        bucket = self._edit.bucket
        key_ref = self._edit.customer_key_ref
        kept = (
            kept_properties(self._session, bucket, self._edit.key, head, key_ref)
            if head is not None
            else None
        )
        engine = self._engine()
        options = kept.options if kept is not None else None
        self._run(engine, engine.upload(snapshot, bucket, key, options))
        if kept is not None:
            change = kept.header_change
            if change is not None:
                self._run(engine, engine.rewrite(bucket, key, change, kept.options))
            if kept.grants:
                put_object_acl(self._session, bucket, key, kept.grants)
        new_head = self._head(key)
        if new_head is None:
            raise EditFailed(f"s3://{bucket}/{key} was deleted while it was being uploaded.")
        return new_head

    def _run(self, engine: TransferEngine, job_id: str) -> None:
        snap = engine.wait(job_id, self._job_timeout)
        if snap.state is not JobState.DONE:
            reason = snap.error or (snap.failures[0].message if snap.failures else snap.state)
            raise EditFailed(
                f"The save of {self._edit.url} was not uploaded ({reason}); "
                "the private copy is kept: save again, or reopen the edit later."
            )

    # -- the server's side ------------------------------------------------------------------------

    def _head(self, key: str) -> dict[str, Any] | None:
        bucket = self._edit.bucket
        extra = read_args(self._edit.customer_key_ref)
        try:
            head: dict[str, Any] = self._session.call(
                bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **extra)
            )
        except ClientError as exc:
            if _not_found(exc):
                return None
            raise
        return head

    def _unchanged(self, head: dict[str, Any] | None) -> bool:
        if head is None:
            return False
        edit = self._edit
        if str(head.get("ETag", "")) != edit.etag:
            return False
        return not edit.version_id or head.get("VersionId") == edit.version_id

    def _question(self, head: dict[str, Any] | None) -> ServerChanged:
        return ServerChanged(
            self._edit,
            str(head.get("ETag", "")) if head is not None else None,
            head.get("VersionId") if head is not None else None,
            self._free_name(self._edit.key),
        )

    def _free_name(self, key: str) -> str:
        return first_free(key, lambda k: self._head(k) is not None)

    def _download_current(self) -> dict[str, Any] | None:
        """Replace the private copy with the object as it is now (whole or not at all)."""
        bucket, key = self._edit.bucket, self._edit.key
        extra = read_args(self._edit.customer_key_ref)
        try:
            response = self._session.call(
                bucket, lambda c: c.get_object(Bucket=bucket, Key=key, **extra)
            )
        except ClientError as exc:
            if _not_found(exc):
                return None
            raise
        partial = self.path.with_name(f".download-{self._edit.id}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        body = response["Body"]
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in iter(lambda: body.read(_CHUNK), b""):
                    handle.write(chunk)
            partial.replace(self.path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            body.close()
        digest = file_digest(self.path)
        self._edit = replace(
            self._edit,
            etag=str(response.get("ETag", "")),
            version_id=response.get("VersionId"),
            uploaded_digest=digest,
        )
        self._store.save(self._edit)
        if self._watcher is not None:
            self._watcher.set_known(digest)
        return dict(response)

    # -- closing ----------------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop watching; the edit stays on disk, held until `close` or `release`."""
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None

    def release(self) -> None:
        """Let the edit go without removing it (it is offered again at the next start)."""
        self.stop()
        self._store.release(self._edit.id)

    def close(self) -> None:
        """Close the edit: stop watching and delete the private copy."""
        self.stop()
        self._store.remove(self._edit.id)
