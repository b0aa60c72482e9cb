"""The Info window: one per selection, non-modal, one tab per concern.

Everything is read and written through `app.core.s3` on the window's own `AsyncBridge` (never on
the GUI thread); each tab shows its data as soon as its own read returns, and a setting the
server lacks says "not supported by this server" in its tab. On a bucket, the setting tabs of
`app.ui.info.bucket` follow its General tab (which also counts objects and bytes on demand).

Every change of an object tab is one rewrite job of the transfer service
(`TransferService.rewrite_objects`, followed by `RewriteJobs`), listed in the Transfers window
and resumable: for one object after the rewrite warning, for many objects or a folder after a
confirmation stating the count (`_apply_to_many`). The window shows the job's progress, Cancel,
and the objects it could not change with the reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ErrorKind, UserError, describe
from app.core.s3 import encryption_state, issued_links
from app.core.s3.acl import BUCKET_OWNER_ENFORCED, object_ownership, read_object_acl
from app.core.s3.archive_restore import RestoreTier
from app.core.s3.bucket_encryption import read_default_encryption
from app.core.s3.bucket_info import read_bucket_general
from app.core.s3.info_context import (
    InfoContext,
    info_context,
    keys_under,
    read_details_with_key,
)
from app.core.s3.info_section import Feature, Section, SectionState
from app.core.s3.restore_tracker import RestoreTracker
from app.core.s3.session import S3Session
from app.core.s3.tags import read_object_tags
from app.core.s3.urls import Method, PresignRefused, UrlStyle, object_url, presign
from app.core.transfers.jobs import JobSnapshot, JobState
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from app.ui.async_bridge import AsyncBridge
from app.ui.dialogs.presign import PresignDialog
from app.ui.info.bucket import bucket_tabs
from app.ui.info.bucket_count import BucketCounter
from app.ui.info.bucket_general_tab import BucketGeneralTab
from app.ui.info.edits import REWRITE_WARNING, ObjectEdit
from app.ui.info.encryption_tab import EncryptionTab
from app.ui.info.info_tab import InfoTab, section_message
from app.ui.info.many_progress import ManyProgress
from app.ui.info.metadata_tab import MetadataTab
from app.ui.info.object_general_tab import ObjectGeneralTab, SelectionGeneralTab
from app.ui.info.permissions_tab import PermissionsTab
from app.ui.info.rewrite_jobs import Adopt, RewriteJobs, failures_of
from app.ui.info.storage_class_tab import StorageClassTab
from app.ui.info.tags_tab import TagsTab
from app.ui.info.target import InfoTarget
from app.ui.restore_tracking import register_session, shared_tracker
from app.ui.shared_transfers import SharedTransfers
from app.ui.translation import translate
from app.ui.widgets.error_banner import ErrorBanner

ContextLoader = Callable[[str | None], InfoContext]
BUCKET_WIDTH = 1220  # all 13 bucket tab titles in one row, no scroll arrows


class InfoWindow(QWidget):
    tabLoaded = Signal(str)  # the objectName of a tab whose data arrived
    changeFinished = Signal(str)  # what a save did, in words
    restoreRequested = Signal(str)  # the key whose archive restore was asked for

    def __init__(
        self,
        session: S3Session,
        target: InfoTarget,
        bookmark_id: str | None = None,
        parent: QWidget | None = None,
        context_loader: ContextLoader = info_context,
        connection_label: str = "",
        shared: SharedTransfers | None = None,
        adopt: Adopt | None = None,
        restore_tracker: Callable[[], RestoreTracker] = shared_tracker,
    ) -> None:
        """`shared` runs the changes as jobs (the application's service; without it the window
        has a private one); `adopt(job_id)` shows a job in the main window's transfer line;
        `restore_tracker()` gives the archive restore tracker (blocking)."""
        self._restore_tracker = restore_tracker
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.target = target
        self._bookmark_id = bookmark_id
        self._context_loader = context_loader
        self._connection_label = connection_label
        self.context = InfoContext()
        self.dialog: QWidget | None = None  # the dialog opened last (tests drive it)
        self.confirm_button: QPushButton | None = None
        self._running: ObjectEdit | None = None  # the edit whose job runs now
        self._encryption_now: str | None = None  # the one object's, once read
        self._kms_listed = False
        self._bucket_tabs: list[tuple[str, QWidget]] = []
        self.setObjectName("infoWindow")
        self.setAccessibleName(self.tr("Info"))
        self.setWindowTitle(target.title)
        # Bucket windows hold 13 tabs: wide enough that every title reads without scrolling.
        self.resize(BUCKET_WIDTH if target.is_bucket else 620, 560)
        self.bridge = AsyncBridge(self.show_error)
        layout = QVBoxLayout(self)
        self.error_banner = ErrorBanner(self)
        layout.addWidget(self.error_banner)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("infoTabs")
        self.tabs.setAccessibleName(self.tr("Info sections"))
        layout.addWidget(self.tabs, 1)
        self.progress = ManyProgress(self)
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("infoStatus")
        self.status.setAccessibleName(self.tr("Info status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress.cancelRequested.connect(self._cancel)
        self.jobs = RewriteJobs(self.bridge, shared, adopt, self)
        self.jobs.progressed.connect(self._job_progressed)
        self.jobs.finished.connect(self._job_finished)
        self._build_tabs()

    # -- composition ---------------------------------------------------------------------------

    def add_tab(self, title: str, widget: QWidget) -> None:
        """Plug in a tab (the bucket tabs are built as standalone widgets)."""
        self.tabs.addTab(widget, title)

    def tab(self, name: str) -> QWidget:
        """The tab whose objectName is `name`."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget.objectName() == name:
                return widget
        raise KeyError(name)

    def _build_tabs(self) -> None:
        target = self.target
        if target.is_bucket:
            self.bucket_general = BucketGeneralTab(self)
            self.add_tab(self.tr("General"), self.bucket_general)
            self.counter = BucketCounter(self.session, target.bucket, self)
            self.bucket_general.countRequested.connect(self.counter.start)
            self.bucket_general.cancelCountRequested.connect(self.counter.cancel)
            self.counter.updated.connect(self.bucket_general.show_count)
            return
        many = target.is_many
        if many:
            lines = [self.tr("Bucket: {0}").format(target.bucket)]
            lines += [
                self.tr("Folder: {0} (everything under it)").format(f) for f in target.folders
            ]
            lines += [self.tr("Object: {0}").format(k) for k in target.keys[:20]]
            if len(target.keys) > 20:
                lines.append(self.tr("… and {0:,} more objects").format(len(target.keys) - 20))
            lines.append(
                self.tr("A change in any tab is applied to every object, after a question.")
            )
            self.general: InfoTab = SelectionGeneralTab(lines, self)
        else:
            general = ObjectGeneralTab(self)
            general.urlRequested.connect(self._copy_url)
            general.presignRequested.connect(self._presign)
            general.restore_box.requested.connect(self._request_restore)
            self.general = general
        self.permissions = PermissionsTab(many, self)
        self.metadata = MetadataTab(many, self)
        self.tags = TagsTab(many, self)
        self.storage_class = StorageClassTab(self)
        self.encryption = EncryptionTab(self)
        self.add_tab(self.tr("General"), self.general)
        for title, tab in (
            (self.tr("Permissions"), self.permissions),
            (self.tr("Metadata"), self.metadata),
            (self.tr("Tags"), self.tags),
            (self.tr("Storage class"), self.storage_class),
            (self.tr("Encryption"), self.encryption),
        ):
            self.add_tab(title, tab)
            tab.saveRequested.connect(self._save)

    # -- loading -------------------------------------------------------------------------------

    def start(self) -> None:
        """Read what the window shows (off the GUI thread); tabs fill in as reads return."""
        self._spawn(self._load(), "reading the Info")

    def _spawn(self, coro: Coroutine[Any, Any, Any], operation: str) -> None:
        key = self.target.keys[0] if self.target.is_one_object else ""
        self.bridge.spawn(coro, operation, self.target.bucket, key, self.show_error)

    async def _load(self) -> None:
        self.context = await self.bridge.run(self._context_loader, self._bookmark_id)
        target = self.target
        if target.is_bucket:
            if not self._bucket_tabs:
                self._add_bucket_tabs()
            general = await self.bridge.run(read_bucket_general, self.session, target.bucket)
            self.bucket_general.show_general(general)
            self.tabLoaded.emit(self.bucket_general.objectName())
            return
        if not self._kms_listed:
            self._kms_listed = True
            self.encryption.kms_key.list_keys(self.bridge, self.session, target.bucket)
        if target.is_many:
            self.storage_class.set_classes(self.context.storage_classes, None)
            kms_keys = await self._bucket_kms_keys()
            self.encryption.set_state(None, None, kms_keys, self.context.customer_key_ref)
            return
        self._spawn(self._load_general(), "reading the object")
        self._spawn(self._load_acl(), "reading the permissions")
        self._spawn(self._load_tags(), "reading the tags")

    def _add_bucket_tabs(self) -> None:
        """The bucket's setting tabs after its General tab; each loads by itself."""
        self._bucket_tabs = bucket_tabs(
            self.bridge,
            self.session,
            self.target.bucket,
            self.context.unsupported,
            self.context.storage_classes,
        )
        for title, tab in self._bucket_tabs:
            self.add_tab(title, tab)
            tab.loaded.connect(lambda t=tab: self.tabLoaded.emit(t.objectName()))  # type: ignore[attr-defined]

    async def _bucket_kms_keys(self) -> list[str]:
        """KMS keys to offer: the bucket's default encryption key, if it has one."""
        default = await self.bridge.run(
            read_default_encryption, self.session, self.target.bucket, self.context.unsupported
        )
        key = default.value.kms_key_id if default.value is not None else None
        return [key] if key else []

    async def _load_general(self) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        try:
            details = await self.bridge.run(
                read_details_with_key, self.session, bucket, key, self.context
            )
        except Exception as exc:
            error = describe(exc, "HeadObject", bucket, key)
            for tab in (self.general, self.metadata, self.storage_class, self.encryption):
                tab.show_message(f"{error.message}\n\n{error.fix}")
            raise
        general = details.general
        assert isinstance(self.general, ObjectGeneralTab)
        self.general.show_general(general)
        self.tabLoaded.emit(self.general.objectName())
        self.metadata.show_metadata(details.metadata)
        self.tabLoaded.emit(self.metadata.objectName())
        self.storage_class.set_classes(self.context.storage_classes, general.storage_class)
        self.tabLoaded.emit(self.storage_class.objectName())
        self._encryption_now = general.encryption
        kms_keys = await self._bucket_kms_keys()
        self.encryption.set_state(
            general.encryption, general.kms_key_id, kms_keys, self.context.customer_key_ref
        )
        self.tabLoaded.emit(self.encryption.objectName())

    async def _load_acl(self) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        unsupported = self.context.unsupported
        acl = await self.bridge.run(read_object_acl, self.session, bucket, key, None, unsupported)
        ownership: Section[str] = (
            Section.unsupported()
            if Feature.OWNERSHIP in unsupported
            else await self.bridge.run(object_ownership, self.session, bucket)
        )
        disabled = ownership.value == BUCKET_OWNER_ENFORCED
        message = section_message(acl, self.tr("Permissions (ACL)"))
        if acl.value is not None:
            self.permissions.show_acl(acl.value, disabled)
            if isinstance(self.general, ObjectGeneralTab):
                self.general.show_owner(acl.value.owner)
        else:
            self.permissions.show_message(message or self.tr("This object has no ACL."))
            if isinstance(self.general, ObjectGeneralTab):
                self.general.show_owner(None, self.tr("— (known from the ACL, which was not read)"))
        self.tabLoaded.emit(self.permissions.objectName())

    async def _load_tags(self) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        tags = await self.bridge.run(
            read_object_tags, self.session, bucket, key, None, self.context.unsupported
        )
        message = section_message(tags, self.tr("Tags"))
        if message is not None:
            self.tags.show_message(message)
        else:
            self.tags.show_tags(tags.value or () if tags.state is SectionState.SET else ())
        self.tabLoaded.emit(self.tags.objectName())

    # -- saving --------------------------------------------------------------------------------

    def _save(self, edit: ObjectEdit) -> None:
        if self.target.is_many:
            self._apply_to_many(edit)
            return
        key = self.target.keys[0]
        if not edit.rewrites:
            self._spawn(self._run_job(edit, [key], 1), f"saving the {edit.title}")
            return
        self._confirm(
            self.tr("Change the {0} of '{1}'?").format(edit.title, key),
            translate("", REWRITE_WARNING),
            lambda: self._spawn(self._run_job(edit, [key], 1), f"saving the {edit.title}"),
        )

    def _apply_to_many(self, edit: ObjectEdit) -> None:
        """Many objects or a folder: count, ask (stating the count), then one rewrite job on
        the keys and folders of the selection."""
        self._spawn(self._count_and_ask(edit), "counting the objects to change")

    async def _count_and_ask(self, edit: ObjectEdit) -> None:
        self.status.setText(self.tr("Counting the objects to change…"))
        target = self.target
        keys = await self.bridge.run(
            keys_under, self.session, target.bucket, target.keys, target.folders
        )
        self.status.setText("")
        if not keys:
            self.status.setText(self.tr("There are no objects in the selection to change."))
            return
        detail = (
            translate("", REWRITE_WARNING)
            if edit.rewrites
            else self.tr("Each object's current setting is replaced.")
        )
        names = [*target.keys, *target.folders]
        self._confirm(
            self.tr("Change the {0} of {1:,} objects?").format(edit.title, len(keys)),
            detail,
            lambda: self._spawn(
                self._run_job(edit, names, len(keys)), f"changing the {edit.title}"
            ),
        )

    async def _run_job(self, edit: ObjectEdit, names: list[str], count: int) -> None:
        """The change as one job of the transfer service (listed in Transfers, resumable)."""
        self._running = edit
        self.progress.start(edit.title, count)
        self.status.setText(self.tr("Saving the {0}…").format(edit.title))
        try:
            await self.jobs.submit(
                self.session,
                self._bookmark_id,
                self.target.bucket,
                names,
                edit.change,
                self._job_options(),
            )
        except Exception:
            self._running = None
            self.progress.finish(self.tr("The {0} could not be saved.").format(edit.title))
            self.status.setText(self.tr("The {0} could not be saved.").format(edit.title))
            raise

    def _job_options(self) -> TransferOptions | None:
        """One SSE-C object is read with the bookmark's key; other objects need none (S3
        refuses SSE-C headers on them), so in a selection an SSE-C object is listed as failed."""
        ref = self.context.customer_key_ref
        if ref and self.target.is_one_object and self._encryption_now == encryption_state.SSE_C:
            return TransferOptions(sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=ref)
        return None

    def _job_progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.bar.setRange(0, total)
        self.progress.advance(done)

    def _job_finished(self, job: JobSnapshot) -> None:
        edit, self._running = self._running, None
        if edit is None:
            return
        failures = failures_of(job)
        for key, reason in failures:
            self.progress.fail(key, reason)
        sample = job.progress
        total = sample.files_total
        changed = sample.files_done
        if self.target.is_many:
            summary = self.tr("Changed the {0} of {1:,} of {2:,} objects").format(
                edit.title, changed, total
            )
            if job.state is JobState.CANCELLED:
                summary += self.tr(" (cancelled)")
            if failures:
                summary += self.tr("; {0:,} could not be changed (listed below)").format(
                    len(failures)
                )
            elif job.error:
                summary += f"; {job.error}"
            self.progress.finish(summary + ".")
            self.status.setText(summary + ".")
            self.changeFinished.emit(summary)
            return
        key = self.target.keys[0]
        if job.state is JobState.DONE and not failures:
            message = self.tr("Saved the {0} of '{1}'.").format(edit.title, key)
            self.progress.finish(message)
            self.status.setText(message)
            self.error_banner.clear_error()
            self.changeFinished.emit(message)
            self._spawn(self._load(), "reading the Info again")
            return
        reason = (
            failures[0][1]
            if failures
            else job.error or self.tr("The job was {0}.").format(job.state.value)
        )
        message = self.tr("The {0} of '{1}' could not be saved.").format(edit.title, key)
        self.progress.finish(message)
        self.status.setText(message)
        self.show_error(UserError(ErrorKind.OTHER, message, reason))
        self.changeFinished.emit(message)

    def _cancel(self) -> None:
        self.jobs.cancel()

    def _confirm(self, question: str, detail: str, go: Callable[[], None]) -> None:
        box = QMessageBox(self)
        box.setObjectName("infoConfirmDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Change objects"))
        box.setText(question)
        box.setInformativeText(detail)
        change = box.addButton(self.tr("Change"), QMessageBox.ButtonRole.AcceptRole)
        change.setObjectName("infoConfirmButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        self.confirm_button = change

        def finished(_result: int) -> None:
            if box.clickedButton() is change:
                go()

        box.finished.connect(finished)
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.open()

    # -- archive restore -------------------------------------------------------------------------

    def _request_restore(self, tier: RestoreTier, days: int) -> None:
        self._spawn(self._restore(tier, days), "asking for a restore")

    async def _restore(self, tier: RestoreTier, days: int) -> None:
        assert isinstance(self.general, ObjectGeneralTab)
        box = self.general.restore_box
        bucket, key = self.target.bucket, self.target.keys[0]
        box.result.setText(self.tr("Asking for the restore…"))
        register_session(self._bookmark_id, self.session)
        tracker = await self.bridge.run(self._restore_tracker)
        try:
            await self.bridge.run(tracker.request, self._bookmark_id, bucket, key, days, tier)
        except Exception:
            box.result.setText(self.tr("The restore was not requested."))
            raise
        box.result.setText(
            self.tr(
                "Restore requested ({0}, %n days). It is followed in "
                "Window > Archive Restores, which offers the download once the copy is ready.",
                "",
                days,
            ).format(tier.value)
        )
        self.restoreRequested.emit(key)

    # -- URLs ----------------------------------------------------------------------------------

    def _copy_url(self) -> None:
        self._spawn(self._urls(), "making the URL")

    async def _urls(self) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        connection = self.session.connection
        region = await self.bridge.run(self.session.bucket_region, bucket)
        lines = [object_url(connection, bucket, key, UrlStyle.PATH, region)]
        # A name or endpoint that allows no virtual host leaves the path-style URL alone.
        with contextlib.suppress(ValueError):
            lines.append(object_url(connection, bucket, key, UrlStyle.VIRTUAL, region))
        QGuiApplication.clipboard().setText("\n".join(lines))
        assert isinstance(self.general, ObjectGeneralTab)
        self.general.url_label.setText(self.tr("Copied:\n") + "\n".join(lines))

    def _presign(self) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        dialog = PresignDialog(self, bucket, key)
        dialog.requested.connect(
            lambda method, seconds: self._spawn(
                self._sign(dialog, method, seconds), "signing a URL"
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    async def _sign(self, dialog: PresignDialog, method: Method, seconds: int) -> None:
        bucket, key = self.target.bucket, self.target.keys[0]
        try:
            url = await self.bridge.run(presign, self.session, bucket, key, method, seconds)
        except PresignRefused as exc:
            dialog.show_refusal(str(exc))
            return
        dialog.show_url(url)
        link = issued_links.IssuedLink.from_presigned(url, self._connection_label)
        await self.bridge.run(issued_links.record, link)

    # -- errors and closing ----------------------------------------------------------------------

    def show_error(self, error: UserError) -> None:
        self.error_banner.show_error(error)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.target.is_bucket:
            self.counter.close()
        self.jobs.close()
        self.bridge.shutdown()
        super().closeEvent(event)
