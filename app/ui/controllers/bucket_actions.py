"""Actions on buckets: New Bucket… and deleting the buckets selected at the bucket list."""

from __future__ import annotations

from app.core.aws_regions import bucket_regions
from app.core.s3.buckets import create_bucket
from app.core.s3.counting import count_objects
from app.core.s3.location import Location
from app.core.s3.session import S3Session
from app.core.s3.versions import versioning_status
from app.core.transfers.jobs import JobSnapshot, JobState
from app.ui.controllers.action_base import ActionController, problem
from app.ui.dialogs.delete_confirm import DeleteConfirmDialog
from app.ui.dialogs.new_bucket import NewBucketDialog


class BucketActions(ActionController):
    # -- New Bucket… ---------------------------------------------------------------------------

    def new_bucket(self) -> None:
        session = self._session()
        if session is None:
            return
        connection = session.connection
        dialog = NewBucketDialog(self._parent, bucket_regions(connection), connection.region)
        dialog.accepted.connect(
            lambda: self._spawn(
                self._create_bucket(session, dialog.bucket_name, dialog.region),
                "creating a bucket",
            )
        )
        self._open(dialog)

    async def _create_bucket(self, session: S3Session, name: str, region: str) -> None:
        await self.bridge.run(create_bucket, session, name, region or None)
        self.status.finish("", self.tr("Created bucket {0}").format(name))
        self._buckets_changed()

    def _buckets_changed(self) -> None:
        if self.browser.location.is_root:
            self.browser.refresh()
        else:  # the folder tree still lists the buckets
            self._spawn(self.browser.load_buckets(), "listing buckets")

    # -- Delete (at the bucket list) -----------------------------------------------------------

    def delete(self) -> None:
        session = self._session()
        buckets = [ref.key.rstrip("/") for ref in self.selection.objects()]
        if session is not None and buckets:
            self._spawn(self._confirm_delete(session, buckets), "counting objects")

    async def _confirm_delete(self, session: S3Session, buckets: list[str]) -> None:
        task = self._task(self.tr("Counting objects to delete…"), None)
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
        what = (
            self.tr("the bucket '{0}'").format(buckets[0])
            if len(buckets) == 1
            else self.tr("{0} buckets").format(len(buckets))
        )
        dialog = DeleteConfirmDialog(
            self._parent, what, objects, versions if any_versioned else None
        )
        dialog.accepted.connect(
            lambda: self._spawn(
                self._delete(session, buckets, dialog.permanent), "deleting a bucket"
            )
        )
        self._open(dialog)

    async def _delete(self, session: S3Session, buckets: list[str], versions: bool) -> None:
        """One job per bucket: it empties the bucket (as chosen), then deletes it. A bucket
        that still holds versions after a plain delete stays, and the error says why."""
        for name in buckets:
            job_id = await self.transfers.delete_bucket(session, name, versions)
            self.transfers.follow(job_id, lambda job, n=name: self._deleted(n, job))

    def _deleted(self, name: str, job: JobSnapshot) -> None:
        if job.state is JobState.DONE:
            self.status.finish("", self.tr("Deleted the bucket {0}").format(name))
            if self.browser.location.bucket == name:
                self.browser.navigate(Location())
        elif job.state is JobState.FAILED:
            self.browser.report(
                problem(
                    self.tr("The bucket '{0}' was not deleted: {1}").format(name, job.error),
                    self.tr("Nothing else was changed; delete it again once the cause is fixed."),
                )
            )
        self._buckets_changed()
