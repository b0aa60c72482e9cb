"""The browser window's actions on buckets, folders and objects.

`install_actions(parts)` makes the actions (menu, toolbar, context menu, shortcuts), the
status-bar transfer line and the window's `TransfersController`. Every action collects its
input on the GUI thread (a dialog opened with `open()`, never `exec()`), then runs the core
function through the window's `AsyncBridge`; failures reach the error banner.
Operations that change objects on the server (delete, rename/move, duplicate) are jobs of
the window's transfer engine, started through `TransfersController`: journaled, resumable,
cancellable from the status line. What happens when one ends (a message, a refresh, leaving a
folder that went away) is the callback the controller's `follow` runs.
"""

from __future__ import annotations

import functools
import itertools
import tempfile
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMenuBar, QStatusBar, QTableView, QToolBar, QWidget

from app.core.aws_regions import bucket_regions
from app.core.errors import ErrorKind, UserError
from app.core.s3 import issued_links
from app.core.s3.buckets import create_bucket
from app.core.s3.counting import count_key_versions, count_objects
from app.core.s3.folders import create_folder, folder_name_problem
from app.core.s3.preview_fetch import fetch_for_preview
from app.core.s3.renaming import moved_key, renamed_key
from app.core.s3.session import S3Session
from app.core.s3.urls import Method, PresignRefused, UrlStyle, object_url, presign
from app.core.s3.versions import versioning_status
from app.core.sse_c import bookmark_keys
from app.core.transfers.jobs import JobKind, JobSnapshot, JobState
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.browser import BrowserController
from app.ui.controllers.key_rotation import KeyRotation
from app.ui.controllers.transfers import TransfersController
from app.ui.dialogs import file_pick
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.issued_links import IssuedLinksDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.new_bucket import NewBucketDialog
from app.ui.dialogs.presign import PresignDialog
from app.ui.dialogs.preview import PreviewDialog
from app.ui.location import Location
from app.ui.models.listing_model import IS_FOLDER_ROLE, KEY_ROLE
from app.ui.shared_transfers import SharedTransfers
from app.ui.widgets.folder_tree import FolderTree
from app.ui.widgets.transfer_status import TransferStatus

Item = tuple[str, bool]  # (full key or prefix, is a folder)

_task_ids = itertools.count(1)


def _problem(message: str, fix: str = "") -> UserError:
    return UserError(ErrorKind.OTHER, message, fix)


def _destination(bucket: str, key: str, text: str) -> tuple[str, str]:
    """Where Rename/Move puts `key`: a new name in place, or `s3://bucket/folder/` to move
    it into that folder under its own name. Raises ValueError for text that is neither."""
    if not text.lower().startswith("s3://"):
        return bucket, renamed_key(key, text)
    target = Location.parse(text)
    return target.bucket, moved_key(bucket, key, target.bucket, target.prefix)


def _parent_of(bucket: str, key: str) -> Location:
    """The folder that lists `key` (a file's key or a folder's prefix)."""
    cut = key.rstrip("/").rfind("/")
    return Location(bucket, key[: cut + 1])


def _inside(location: Location, bucket: str, prefix: str) -> bool:
    return location.bucket == bucket and location.prefix.startswith(prefix)


def node_scope(name: str, node: Location) -> tuple[Location, list[Item]] | str:
    """Where the action `name` runs and on what, when it is aimed at a tree node (a bucket or a
    folder) rather than at the list's selection; or why it cannot be."""
    if name in ("newFolderAction", "uploadAction", "uploadFolderAction", "copyUrlAction"):
        return node, []  # into, or about, the node itself
    if name == "deleteAction" and not node.prefix:
        return Location(), [(f"{node.bucket}/", True)]  # a bucket, from the bucket list
    if name == "downloadAction" and not node.prefix:
        return node, [("", True)]  # the whole bucket
    if name in ("downloadAction", "deleteAction"):
        return node.parent(), [(node.prefix, True)]
    if name in ("renameAction", "duplicateAction"):
        if not node.prefix:
            return f"A bucket cannot be {'renamed' if name == 'renameAction' else 'duplicated'}."
        return node.parent(), [(node.prefix, True)]
    if name == "presignAction":
        return "A pre-signed URL is for one file: select the file in the list."
    return node, []


@dataclass(frozen=True)
class ActionsParts:
    """What the actions work with: `parent` owns the actions, shortcuts and dialogs; the
    Actions menu goes onto `menu_bar`, Upload and Download onto `toolbar`."""

    browser: BrowserController
    status_bar: QStatusBar
    object_list: QTableView
    folder_tree: FolderTree
    menu_bar: QMenuBar
    toolbar: QToolBar
    shared_transfers: SharedTransfers | None
    parent: QWidget


class ActionsController(QObject):
    foldersChanged = Signal(object)  # Location whose folders an action changed (for the tree)

    def __init__(self, parts: ActionsParts) -> None:
        super().__init__(parts.parent)
        self._parent = parts.parent
        self._object_list = parts.object_list
        self._folder_tree = parts.folder_tree
        self.browser = parts.browser
        self.bridge: AsyncBridge = parts.browser.bridge  # the window's one worker pool
        self.status = TransferStatus(parts.parent)
        parts.status_bar.addPermanentWidget(self.status)
        self.transfers = TransfersController(
            self.bridge,
            self.status,
            self,
            parts.shared_transfers,
            lambda: self.browser.bookmark_id,
        )
        self.dialog: QDialog | None = None  # the dialog opened last (tests drive it)
        self._connection_label = ""
        self._temp: str | None = None
        self.actions: dict[str, QAction] = {}
        self.slots: dict[str, Callable[[], None]] = {}
        self._uploads_into: set[Location] = set()  # folders uploads went into, for the tree
        # Set while an action runs on a tree node instead of the list's selection.
        self._scope: tuple[Location, list[Item]] | None = None
        self.browser.connected.connect(self._remember_label)
        self.transfers.jobFinished.connect(self._transfer_finished)
        self.key_rotation = KeyRotation(
            parts.parent, self.bridge, self.transfers, self.status, self._open
        )

    # -- helpers -------------------------------------------------------------------------------

    def _remember_label(self, label: str) -> None:
        self._connection_label = label

    def _session(self) -> S3Session | None:
        session = self.browser.session
        if session is None:
            self.browser.report(_problem("Not connected yet.", "Wait for the connection to open."))
        return session

    def _here(self) -> Location:
        """Where the action runs: the window's location, or the parent of a tree node."""
        return self._scope[0] if self._scope is not None else self.browser.location

    def run_on_node(self, name: str, node: Location) -> None:
        """Run the action `name` on a bucket or folder of the tree instead of the selection."""
        if name == "openAction":
            self.browser.navigate(node)
            return
        scope = node_scope(name, node)
        if isinstance(scope, str):
            self.browser.report(_problem(scope))
            return
        self._scope = scope
        try:
            self.slots[name]()
        finally:
            self._scope = None

    def trigger(self, name: str) -> None:
        """A shortcut or menu entry: on the tree's node while the tree has the focus."""
        tree = self._folder_tree
        node = tree.current_location if tree.hasFocus() else None
        if node is not None and name in NODE_ACTIONS:
            self.run_on_node(name, node)
        else:
            self.slots[name]()

    def _bucket(self) -> str | None:
        location = self._here()
        if location.is_root:
            self.browser.report(_problem("Open a bucket first.", "Double-click a bucket."))
            return None
        return location.bucket

    def selection(self) -> list[Item]:
        if self._scope is not None:
            return list(self._scope[1])
        view = self._object_list
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex()]
        items = [(index.data(KEY_ROLE), bool(index.data(IS_FOLDER_ROLE))) for index in rows]
        return [(key, folder) for key, folder in items if key is not None]

    def _selected_in_bucket(self, what: str) -> list[Item]:
        if self._bucket() is None:
            return []
        items = self.selection()
        if not items:
            self.browser.report(_problem(f"Select what to {what} first."))
        return items

    def _spawn(
        self, coro: Coroutine[Any, Any, Any], operation: str, key: str = "", bucket: str = ""
    ) -> None:
        """Start `coro`; a failure names `bucket` (by default where the action runs)."""
        where = bucket or self._here().bucket
        self.bridge.spawn(coro, operation, where, key, self.browser.report)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _task(self, title: str, cancel: Callable[[], None] | None) -> str:
        task = f"op-{next(_task_ids)}"
        self.status.start(task, title, cancel)
        return task

    def location_changed(self, location: Location) -> None:
        """Actions on objects need a bucket open; at the bucket list only these stay."""
        for name, action in self.actions.items():
            action.setEnabled(not location.is_root or name in ROOT_ACTIONS)

    # -- New Bucket… ---------------------------------------------------------------------------

    def new_bucket(self) -> None:
        session = self._session()
        if session is None:
            return
        connection = session.connection
        regions = bucket_regions(connection)
        dialog = NewBucketDialog(self._parent, regions, connection.region)
        dialog.accepted.connect(
            lambda: self._spawn(
                self._create_bucket(session, dialog.bucket_name, dialog.region),
                "creating a bucket",
            )
        )
        self._open(dialog)

    async def _create_bucket(self, session: S3Session, name: str, region: str) -> None:
        await self.bridge.run(create_bucket, session, name, region or None)
        self.status.finish("", f"Created bucket {name}")
        self._buckets_changed()

    def _buckets_changed(self) -> None:
        if self.browser.location.is_root:
            self.browser.refresh()
        else:  # the folder tree still lists the buckets
            self._spawn(self.browser.load_buckets(), "listing buckets")

    def _changed(self, *folders: Location) -> None:
        """An action changed what `folders` hold: the list and the tree show it."""
        for folder in dict.fromkeys(folders):
            self.foldersChanged.emit(folder)
        self.browser.refresh()

    def _moved_away(self, bucket: str, prefix: str, to: Location, deleted: bool = False) -> None:
        """The folder the window stands in (or one above it) is gone: go where it went, or
        to the folder that held it."""
        here = self.browser.location
        if _inside(here, bucket, prefix):
            below = "" if deleted else here.prefix[len(prefix) :]
            self.browser.navigate(Location(to.bucket, to.prefix + below))

    # -- New Folder… ---------------------------------------------------------------------------

    def new_folder(self) -> None:
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        dialog = NamePrompt(
            self._parent, "newFolderDialog", "New Folder", "Folder &name:", folder_name_problem
        )
        dialog.accepted.connect(
            lambda: self._spawn(
                self._create_folder(session, bucket, prefix, dialog.name),
                "creating a folder",
                bucket=bucket,
            )
        )
        self._open(dialog)

    async def _create_folder(self, session: S3Session, bucket: str, prefix: str, name: str) -> None:
        key = await self.bridge.run(create_folder, session, bucket, prefix, name)
        self.status.finish("", f"Created folder s3://{bucket}/{key}")
        self._changed(Location(bucket, prefix))

    # -- Delete --------------------------------------------------------------------------------

    def delete(self) -> None:
        session = self._session()
        if session is not None and self._here().is_root:
            buckets = [key.rstrip("/") for key, _folder in self.selection()]
            if buckets:
                self._spawn(self._confirm_delete_buckets(session, buckets), "counting objects")
            return
        items = self._selected_in_bucket("delete")
        if session is None or not items:
            return
        here = self._here()  # (a tree node's parent only while this slot runs)
        self._spawn(
            self._confirm_delete(session, here.bucket, here.prefix, items),
            "counting objects to delete",
        )

    async def _confirm_delete(
        self, session: S3Session, bucket: str, prefix: str, items: list[Item]
    ) -> None:
        task = self._task("Counting objects to delete…", None)
        try:
            versioned = await self.bridge.run(versioning_status, session, bucket) is not None
            objects = sum(1 for _key, folder in items if not folder)
            versions = 0
            for key, folder in items:
                if folder:
                    count = await self.bridge.run(count_objects, session, bucket, key)
                    objects += count.objects
                    if versioned:
                        every = await self.bridge.run(count_objects, session, bucket, key, True)
                        versions += every.objects
                elif versioned:
                    versions += await self.bridge.run(count_key_versions, session, bucket, key)
        finally:
            self.status.finish(task, "")
        if len(items) == 1:
            key, folder = items[0]
            what = f"the folder '{key}'" if folder else f"'{key}'"
        else:
            what = f"{len(items)} selected items"
        dialog = DeleteConfirmDialog(self._parent, what, objects, versions if versioned else None)
        dialog.accepted.connect(
            lambda: self._spawn(
                self._delete(session, bucket, prefix, items, dialog.permanent),
                "deleting",
                bucket=bucket,
            )
        )
        self._open(dialog)

    async def _confirm_delete_buckets(self, session: S3Session, buckets: list[str]) -> None:
        task = self._task("Counting objects to delete…", None)
        objects = versions = 0
        any_versioned = False
        try:
            for name in buckets:
                objects += (await self.bridge.run(count_objects, session, name, "")).objects
                if await self.bridge.run(versioning_status, session, name) is not None:
                    any_versioned = True
                    counted = await self.bridge.run(count_objects, session, name, "", True)
                    versions += counted.objects
        finally:
            self.status.finish(task, "")
        what = f"the bucket '{buckets[0]}'" if len(buckets) == 1 else f"{len(buckets)} buckets"
        dialog = DeleteConfirmDialog(
            self._parent, what, objects, versions if any_versioned else None
        )
        dialog.accepted.connect(
            lambda: self._spawn(
                self._delete_buckets(session, buckets, dialog.permanent), "deleting a bucket"
            )
        )
        self._open(dialog)

    async def _delete_buckets(self, session: S3Session, buckets: list[str], versions: bool) -> None:
        """One job per bucket: it empties the bucket (as chosen), then deletes it. A bucket
        that still holds versions after a plain delete stays, and the error says why."""
        for name in buckets:
            job_id = await self.transfers.delete_bucket(session, name, versions)
            self.transfers.follow(job_id, lambda job, n=name: self._bucket_deleted(n, job))

    def _bucket_deleted(self, name: str, job: JobSnapshot) -> None:
        if job.state is JobState.DONE:
            self.status.finish("", f"Deleted the bucket {name}")
            if self.browser.location.bucket == name:
                self.browser.navigate(Location())
        elif job.state is JobState.FAILED:
            self.browser.report(
                _problem(
                    f"The bucket '{name}' was not deleted: {job.error}",
                    "Nothing else was changed; delete it again once the cause is fixed.",
                )
            )
        self._buckets_changed()

    async def _delete(
        self, session: S3Session, bucket: str, prefix: str, items: list[Item], versions: bool
    ) -> None:
        keys = [key for key, _folder in items]
        job_id = await self.transfers.delete(session, bucket, prefix, keys, versions)
        folders = [key for key, folder in items if folder]
        self.transfers.follow(job_id, lambda job: self._deleted(bucket, folders, job))

    def _deleted(self, bucket: str, folders: list[str], job: JobSnapshot) -> None:
        deleted = job.progress.files_done
        if job.state is JobState.CANCELLED:
            self.status.finish("", f"Cancelled after deleting {deleted:,} objects from {bucket}")
        elif job.state is JobState.DONE:
            self.status.finish("", f"Deleted {deleted:,} objects from {bucket}")
            for prefix in folders:
                self._moved_away(bucket, prefix, _parent_of(bucket, prefix), deleted=True)
        elif job.failures:
            first = job.failures[0]
            self.browser.report(
                _problem(
                    f"{len(job.failures):,} objects could not be deleted; the first: "
                    f"{first.key}: {first.message}",
                    "Check your permissions on those objects, then delete them again.",
                )
            )
        elif job.state is JobState.FAILED:
            self.browser.report(_problem(job.error or f"{job.title} failed."))
        self._changed(*(_parent_of(bucket, prefix) for prefix in folders))

    # -- Rename / Move -------------------------------------------------------------------------

    def rename(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("rename")
        if session is None or not items:
            return
        if len(items) != 1:
            self.browser.report(_problem("Select one file or folder to rename."))
            return
        bucket = self._here().bucket
        key, folder = items[0]
        current = key.rstrip("/").rsplit("/", 1)[-1]

        def problem(name: str) -> str | None:
            if name == current:
                return "Type a new name, or s3://bucket/folder/ to move it there."
            try:
                _destination(bucket, key, name)
            except ValueError as exc:
                return str(exc)
            return None

        dialog = NamePrompt(
            self._parent,
            "renameDialog",
            "Rename or Move",
            "New &name, or s3://bucket/folder/ to move into:",
            problem,
            current,
        )
        dialog.accepted.connect(
            lambda: self._spawn(
                self._rename(session, bucket, key, folder, dialog.name),
                "renaming",
                key,
                bucket,
            )
        )
        self._open(dialog)

    async def _rename(
        self, session: S3Session, bucket: str, key: str, folder: bool, name: str
    ) -> None:
        dest_bucket, new_key = _destination(bucket, key, name)
        job_id = await self.transfers.move(session, bucket, key, dest_bucket, new_key)
        self.transfers.follow(
            job_id, lambda job: self._renamed(bucket, key, folder, dest_bucket, new_key, job)
        )

    def _renamed(
        self,
        bucket: str,
        key: str,
        folder: bool,
        dest_bucket: str,
        new_key: str,
        job: JobSnapshot,
    ) -> None:
        moved = job.progress.files_done
        if job.state is JobState.DONE:
            if folder:
                self.status.finish("", f"Moved {moved:,} objects from {key} to {new_key}")
                self._moved_away(bucket, key, Location(dest_bucket, new_key))
            else:
                self.status.finish("", f"Moved {key} to s3://{dest_bucket}/{new_key}")
        elif job.state is JobState.CANCELLED:
            self.status.finish(
                "", f"Move of {key} cancelled after {moved:,} objects; the rest stayed"
            )
        elif job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            detail = f"{first.key}: {first.message}" if first else job.error or "it failed"
            self.browser.report(
                _problem(
                    f"{key} was not fully moved ({detail}).",
                    "Nothing was lost: a source is deleted only after its copy is complete. "
                    "Retry the job to finish.",
                )
            )
        self._changed(_parent_of(bucket, key), _parent_of(dest_bucket, new_key))

    # -- Duplicate -----------------------------------------------------------------------------

    def duplicate(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("duplicate")
        if session is None or not items:
            return
        bucket = self._here().bucket
        self._spawn(self._duplicate(session, bucket, items), "duplicating")

    async def _duplicate(self, session: S3Session, bucket: str, items: list[Item]) -> None:
        for key, folder in items:
            job_id = await self.transfers.duplicate(session, bucket, key)
            self.transfers.follow(
                job_id, lambda job, k=key, f=folder: self._duplicated(bucket, k, f, job)
            )

    def _duplicated(self, bucket: str, key: str, folder: bool, job: JobSnapshot) -> None:
        made = job.where.key if job.where is not None else ""
        if job.state is JobState.DONE:
            self.status.finish("", f"Duplicated {key} as {made}")
        elif job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            detail = f"the first: {first.key}: {first.message}" if first else job.error or ""
            self.browser.report(_problem(f"{key} was not fully duplicated; {detail}"))
        self._changed(*([_parent_of(bucket, key)] if folder else []))

    # -- URLs ----------------------------------------------------------------------------------

    def copy_url(self) -> None:
        session = self._session()
        bucket = self._bucket()
        if session is None or bucket is None:
            return
        items = self.selection() or [(self._here().prefix, True)]
        self._spawn(self._copy_url(session, bucket, [key for key, _f in items]), "copying URL")

    async def _copy_url(self, session: S3Session, bucket: str, keys: list[str]) -> None:
        connection = session.connection
        region = await self.bridge.run(session.bucket_region, bucket)
        lines: list[str] = []
        notes: list[str] = []
        for key in keys:
            lines.append(object_url(connection, bucket, key, UrlStyle.PATH, region))
            try:
                lines.append(object_url(connection, bucket, key, UrlStyle.VIRTUAL, region))
            except ValueError as exc:
                notes.append(str(exc))
        QGuiApplication.clipboard().setText("\n".join(lines))
        message = f"Copied {len(lines)} URL(s) (path-style and virtual-host)"
        self.status.finish("", message + (f"; {notes[0]}" if notes else ""))

    def presigned_url(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("sign")
        if session is None or not items:
            return
        key, folder = items[0]
        if folder or len(items) != 1:
            self.browser.report(_problem("Select one file to make a pre-signed URL for."))
            return
        bucket = self._here().bucket
        dialog = PresignDialog(self._parent, bucket, key)
        dialog.requested.connect(
            lambda method, seconds: self._spawn(
                self._presign(session, dialog, bucket, key, method, seconds),
                "signing a URL",
                key,
                bucket,
            )
        )
        self._open(dialog)

    async def _presign(
        self,
        session: S3Session,
        dialog: PresignDialog,
        bucket: str,
        key: str,
        method: Method,
        seconds: int,
    ) -> None:
        try:
            reading = method is Method.GET
            bookmark = self.browser.bookmark_id
            sse_c = await self.bridge.run(
                bookmark_keys.presign_headers, session, bookmark, bucket, key, reading
            )
            url = await self.bridge.run(
                functools.partial(presign, session, bucket, key, method, seconds, sse_c=sse_c)
            )
        except PresignRefused as exc:
            dialog.show_refusal(str(exc))
            return
        dialog.show_url(url)
        link = issued_links.IssuedLink.from_presigned(url, self._connection_label)
        await self.bridge.run(issued_links.record, link)

    def rotate_keys(self) -> None:
        """Re-encrypt what is here (this folder, this bucket) with the current SSE-C key."""
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        coro = self.key_rotation.start(session, self.browser.bookmark_id, bucket, prefix)
        self._spawn(coro, "looking at the SSE-C keys", prefix, bucket)

    def show_issued_links(self) -> None:
        self._spawn(self._show_issued_links(), "reading the issued links")

    async def _show_issued_links(self) -> None:
        links = await self.bridge.run(issued_links.load)
        self._open(IssuedLinksDialog(self._parent, links))

    # -- Upload… / Download… -------------------------------------------------------------------

    def upload(self) -> None:
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        self._uploads_into.add(Location(bucket, prefix))
        file_pick.choose_files_to_upload(
            self._parent,
            lambda files: self._spawn(
                self.transfers.upload(session, files, bucket, prefix),
                "starting an upload",
                bucket=bucket,
            ),
        )

    def upload_folder(self) -> None:
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        self._uploads_into.add(Location(bucket, prefix))
        file_pick.choose_folder_to_upload(
            self._parent,
            lambda folders: self._spawn(
                self.transfers.upload(session, folders, bucket, prefix),
                "starting an upload",
                bucket=bucket,
            ),
        )

    def download(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("download")
        if session is None or not items:
            return
        bucket = self._here().bucket
        keys = [key for key, _folder in items]
        file_pick.choose_download_folder(
            self._parent,
            lambda folder: self._spawn(
                self.transfers.download(session, bucket, keys, folder),
                "starting a download",
                bucket=bucket,
            ),
        )

    def _transfer_finished(self, job: JobSnapshot) -> None:
        if job.kind is JobKind.UPLOAD and job.state is JobState.DONE:
            # the tree lists an uploaded folder (extra reloads, with uploads running side by
            # side, cost one small listing each)
            folders, self._uploads_into = self._uploads_into, set()
            self._changed(*folders)
        elif job.state is JobState.FAILED and job.kind in (JobKind.UPLOAD, JobKind.DOWNLOAD):
            # (the window's other jobs are followed by the action that started them)
            self.browser.report(_problem(job.error or f"{job.title} failed."))

    # -- Open ----------------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self._object_list.currentIndex()
        if index.isValid():
            if index.data(IS_FOLDER_ROLE):
                self.browser.activate_row(index.row())
            else:
                self.open_index(index)

    def open_index(self, index: QModelIndex) -> None:
        """Preview the object on `index`; folder rows are opened by the browser itself."""
        if not index.isValid() or index.data(IS_FOLDER_ROLE) or self.browser.location.is_root:
            return
        session = self._session()
        if session is None:
            return
        key = index.data(KEY_ROLE)
        self._spawn(self._preview(session, self.browser.location.bucket, key), "opening", key)

    async def _preview(self, session: S3Session, bucket: str, key: str) -> None:
        task = self._task(f"Opening {key}…", None)
        try:
            if self._temp is None:
                self._temp = await self.bridge.run(tempfile.mkdtemp, "", "eider-preview-")
            path = await self.bridge.run(fetch_for_preview, session, bucket, key, Path(self._temp))
            data = await self.bridge.run(path.read_bytes)
        finally:
            self.status.finish(task, "")
        self._open(PreviewDialog(self._parent, key, data))

    def close(self) -> None:
        self.transfers.close()
        if self._temp is not None:
            import shutil

            shutil.rmtree(self._temp, ignore_errors=True)


def _add(
    parent: QWidget, name: str, text: str, shortcut: str | QKeySequence.StandardKey
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(shortcut))
    return action


# Keys for the list's selection only: the path bar and filter boxes edit text with them, and the
# folder tree and the bookmarks list have their own Delete, F2 and Ctrl+D.
LIST_ONLY = ("deleteAction", "renameAction", "duplicateAction")
# With the folder tree focused, these act on its current node (see `node_scope`).
NODE_ACTIONS = (
    "newFolderAction",
    "uploadAction",
    "uploadFolderAction",
    "downloadAction",
    "openAction",
    "renameAction",
    "duplicateAction",
    "deleteAction",
    "copyUrlAction",
    "presignAction",
)
ROOT_ACTIONS = ("newBucketAction", "deleteAction", "openAction", "issuedLinksAction")


def install_actions(parts: ActionsParts) -> ActionsController:
    """Make the window's object actions; return their controller (kept by the window)."""
    actions = ActionsController(parts)
    window = parts.parent
    defined = (
        ("newBucketAction", "New &Bucket…", "Ctrl+Alt+B", actions.new_bucket),
        ("newFolderAction", "New &Folder…", "Ctrl+Shift+N", actions.new_folder),
        ("uploadAction", "&Upload…", "Ctrl+U", actions.upload),
        ("uploadFolderAction", "Upload Fo&lder…", "Ctrl+Alt+U", actions.upload_folder),
        ("downloadAction", "Do&wnload…", "Ctrl+Shift+D", actions.download),
        ("openAction", "&Open", "Ctrl+Shift+O", actions.open_current),
        ("renameAction", "&Rename/Move…", "F2", actions.rename),
        ("duplicateAction", "D&uplicate", "Ctrl+D", actions.duplicate),
        ("deleteAction", "&Delete…", QKeySequence.StandardKey.Delete, actions.delete),
        ("copyUrlAction", "Copy &URL", "Ctrl+Shift+C", actions.copy_url),
        ("presignAction", "&Pre-signed URL…", "Ctrl+Shift+U", actions.presigned_url),
        ("issuedLinksAction", "&Issued Links", "Ctrl+Shift+I", actions.show_issued_links),
        ("rekeyAction", "Re-encrypt with Current &Key…", "Ctrl+Alt+K", actions.rotate_keys),
    )
    made = actions.actions
    for name, text, shortcut, slot in defined:
        action = _add(window, name, text, shortcut)
        actions.slots[name] = slot
        action.triggered.connect(lambda _checked=False, n=name: actions.trigger(n))
        made[name] = action
        if name in LIST_ONLY:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list adds it
        else:
            window.addAction(action)
    menu = parts.menu_bar.addMenu("&Actions")
    menu.setObjectName("actionsMenu")
    groups = (
        ("newBucketAction", "newFolderAction"),
        ("uploadAction", "uploadFolderAction", "downloadAction", "openAction"),
        ("renameAction", "duplicateAction", "deleteAction"),
        ("copyUrlAction", "presignAction", "issuedLinksAction"),
        ("rekeyAction",),
    )
    view = parts.object_list
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for number, group in enumerate(groups):
        if number:
            menu.addSeparator()
            separator = QAction(view)
            separator.setSeparator(True)
            view.addAction(separator)
        for name in group:
            menu.addAction(made[name])
            view.addAction(made[name])
    toolbar = parts.toolbar
    toolbar.addSeparator()
    for name in ("uploadAction", "downloadAction"):
        toolbar.addAction(made[name])
        button = toolbar.widgetForAction(made[name])
        if button is not None:
            button.setObjectName(f"{name}Button")
            button.setAccessibleName(made[name].text().replace("&", "").rstrip("…"))
    view.activated.connect(actions.open_index)
    parts.browser.locationChanged.connect(actions.location_changed)
    actions.location_changed(parts.browser.location)
    return actions
