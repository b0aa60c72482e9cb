"""Actions on objects and folders inside a bucket: New Folder…, Delete…, Rename/Move… and
Duplicate. Delete, move and duplicate run as jobs of the window's transfer engine; what
happens when one ends is the callback `TransfersController.follow` runs."""

from __future__ import annotations

from app.core.s3.counting import count_key_versions, count_objects
from app.core.s3.folders import create_folder, folder_name_problem
from app.core.s3.location import Location, parent_of
from app.core.s3.object_ref import ObjectRef
from app.core.s3.renaming import rename_destination
from app.core.s3.session import S3Session
from app.core.s3.versions import versioning_status
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.controllers.action_base import ActionController, problem
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.translation import english_plural


class ObjectActions(ActionController):
    # -- New Folder… ---------------------------------------------------------------------------

    def new_folder(self) -> None:
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        dialog = NamePrompt(
            self._parent,
            "newFolderDialog",
            self.tr("New Folder"),
            self.tr("Folder &name:"),
            folder_name_problem,
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
        self.status.finish("", self.tr("Created folder s3://{0}/{1}").format(bucket, key))
        self._changed(Location(bucket, prefix))

    # -- Delete… -------------------------------------------------------------------------------

    def delete(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("delete")
        if session is None or not items:
            return
        here = self._here()  # (a tree node's parent only while this slot runs)
        self._spawn(
            self._confirm_delete(session, here.bucket, here.prefix, items),
            "counting objects to delete",
        )

    async def _confirm_delete(
        self, session: S3Session, bucket: str, prefix: str, items: list[ObjectRef]
    ) -> None:
        task = self._task(self.tr("Counting objects to delete…"), None)
        try:
            versioned = await self.bridge.run(versioning_status, session, bucket) is not None
            objects = sum(1 for ref in items if not ref.is_folder)
            versions = 0
            for ref in items:
                if ref.is_folder:
                    count = await self.bridge.run(count_objects, session, bucket, ref.key)
                    objects += count.objects
                    if versioned:
                        every = await self.bridge.run(count_objects, session, bucket, ref.key, True)
                        versions += every.objects
                elif versioned:
                    versions += await self.bridge.run(count_key_versions, session, bucket, ref.key)
        finally:
            self.status.finish(task, "")
        if len(items) == 1:
            only = items[0]
            what = (
                self.tr("the folder '{0}'").format(only.key) if only.is_folder else f"'{only.key}'"
            )
        else:
            what = self.tr("{0} selected items").format(len(items))
        dialog = DeleteConfirmDialog(self._parent, what, objects, versions if versioned else None)
        dialog.accepted.connect(
            lambda: self._spawn(
                self._delete(session, bucket, prefix, items, dialog.permanent),
                "deleting",
                bucket=bucket,
            )
        )
        self._open(dialog)

    async def _delete(
        self, session: S3Session, bucket: str, prefix: str, items: list[ObjectRef], versions: bool
    ) -> None:
        keys = [ref.key for ref in items]
        job_id = await self.transfers.delete(session, bucket, prefix, keys, versions)
        folders = [ref.key for ref in items if ref.is_folder]
        self.transfers.follow(job_id, lambda job: self._deleted(bucket, folders, job))

    def _deleted(self, bucket: str, folders: list[str], job: JobSnapshot) -> None:
        deleted = job.progress.files_done
        if job.state is JobState.CANCELLED:
            self.status.finish(
                "",
                self.tr("Cancelled after deleting {0:,} objects from {1}").format(deleted, bucket),
            )
        elif job.state is JobState.DONE:
            self.status.finish(
                "", self.tr("Deleted {0:,} objects from {1}").format(deleted, bucket)
            )
            for prefix in folders:
                self._moved_away(bucket, prefix, parent_of(bucket, prefix), deleted=True)
        elif job.failures:
            first = job.failures[0]
            self.browser.report(
                problem(
                    english_plural(
                        self.tr(
                            "%Ln object(s) could not be deleted; the first: {0}: {1}",
                            "",
                            len(job.failures),
                        ),
                        len(job.failures),
                    ).format(first.key, first.message),
                    self.tr("Check your permissions on those objects, then delete them again."),
                )
            )
        elif job.state is JobState.FAILED:
            self.browser.report(problem(job.error or f"{job.title} failed."))
        self._changed(*(parent_of(bucket, prefix) for prefix in folders))

    # -- Rename / Move… ------------------------------------------------------------------------

    def rename(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("rename")
        if session is None or not items:
            return
        if len(items) != 1:
            self.browser.report(problem(self.tr("Select one file or folder to rename.")))
            return
        bucket = self._here().bucket
        ref = items[0]
        current = ref.key.rstrip("/").rsplit("/", 1)[-1]

        def name_problem(name: str) -> str | None:
            if name == current:
                return self.tr("Type a new name, or s3://bucket/folder/ to move it there.")
            try:
                rename_destination(bucket, ref.key, name)
            except ValueError as exc:
                return str(exc)
            return None

        dialog = NamePrompt(
            self._parent,
            "renameDialog",
            self.tr("Rename or Move"),
            self.tr("New &name, or s3://bucket/folder/ to move into:"),
            name_problem,
            current,
        )
        dialog.accepted.connect(
            lambda: self._spawn(
                self._rename(session, bucket, ref, dialog.name), "renaming", ref.key, bucket
            )
        )
        self._open(dialog)

    async def _rename(self, session: S3Session, bucket: str, ref: ObjectRef, name: str) -> None:
        dest_bucket, new_key = rename_destination(bucket, ref.key, name)
        job_id = await self.transfers.move(session, bucket, ref.key, dest_bucket, new_key)
        self.transfers.follow(
            job_id, lambda job: self._renamed(bucket, ref, dest_bucket, new_key, job)
        )

    def _renamed(
        self, bucket: str, ref: ObjectRef, dest_bucket: str, new_key: str, job: JobSnapshot
    ) -> None:
        key = ref.key
        moved = job.progress.files_done
        if job.state is JobState.DONE:
            if ref.is_folder:
                self.status.finish(
                    "", self.tr("Moved {0:,} objects from {1} to {2}").format(moved, key, new_key)
                )
                self._moved_away(bucket, key, Location(dest_bucket, new_key))
            else:
                self.status.finish(
                    "", self.tr("Moved {0} to s3://{1}/{2}").format(key, dest_bucket, new_key)
                )
        elif job.state is JobState.CANCELLED:
            self.status.finish(
                "",
                self.tr("Move of {0} cancelled after {1:,} objects; the rest stayed").format(
                    key, moved
                ),
            )
        elif job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            detail = f"{first.key}: {first.message}" if first else job.error or self.tr("it failed")
            self.browser.report(
                problem(
                    self.tr("{0} was not fully moved ({1}).").format(key, detail),
                    self.tr(
                        "Nothing was lost: a source is deleted only after its copy is complete. "
                        "Retry the job to finish."
                    ),
                )
            )
        self._changed(parent_of(bucket, key), parent_of(dest_bucket, new_key))

    # -- Duplicate -----------------------------------------------------------------------------

    def duplicate(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("duplicate")
        if session is None or not items:
            return
        bucket = self._here().bucket
        self._spawn(self._duplicate(session, bucket, items), "duplicating")

    async def _duplicate(self, session: S3Session, bucket: str, items: list[ObjectRef]) -> None:
        for ref in items:
            job_id = await self.transfers.duplicate(session, bucket, ref.key)
            self.transfers.follow(job_id, lambda job, r=ref: self._duplicated(bucket, r, job))

    def _duplicated(self, bucket: str, ref: ObjectRef, job: JobSnapshot) -> None:
        made = job.where.key if job.where is not None else ""
        if job.state is JobState.DONE:
            self.status.finish("", self.tr("Duplicated {0} as {1}").format(ref.key, made))
        elif job.state is JobState.FAILED:
            first = job.failures[0] if job.failures else None
            detail = (
                self.tr("the first: {0}: {1}").format(first.key, first.message)
                if first
                else job.error or ""
            )
            self.browser.report(
                problem(self.tr("{0} was not fully duplicated; {1}").format(ref.key, detail))
            )
        self._changed(*([parent_of(bucket, ref.key)] if ref.is_folder else []))
