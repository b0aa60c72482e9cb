"""Actions that hand out addresses: Copy URL, Pre-signed URL… and the Issued Links list."""

from __future__ import annotations

import functools

from PySide6.QtGui import QGuiApplication

from app.core.s3 import issued_links
from app.core.s3.session import S3Session
from app.core.s3.urls import Method, PresignRefused, UrlStyle, object_url, presign
from app.core.sse_c import bookmark_keys
from app.ui.controllers.action_base import ActionController, ActionParts, problem
from app.ui.dialogs.issued_links import IssuedLinksDialog
from app.ui.dialogs.presign import PresignDialog


class LinkActions(ActionController):
    def __init__(self, parts: ActionParts) -> None:
        super().__init__(parts)
        self._connection_label = ""  # recorded with each pre-signed link
        self.browser.connected.connect(self._remember_label)

    def _remember_label(self, label: str) -> None:
        self._connection_label = label

    # -- Copy URL ------------------------------------------------------------------------------

    def copy_url(self) -> None:
        session = self._session()
        bucket = self._bucket()
        if session is None or bucket is None:
            return
        keys = [ref.key for ref in self.selection.objects()] or [self._here().prefix]
        self._spawn(self._copy_url(session, bucket, keys), "copying URL")

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
        message = self.tr("Copied %n URL(s) (path-style and virtual-host)", "", len(lines))
        self.status.finish("", message + (f"; {notes[0]}" if notes else ""))

    # -- Pre-signed URL… -----------------------------------------------------------------------

    def presigned_url(self) -> None:
        session = self._session()
        items = self._selected_in_bucket("sign")
        if session is None or not items:
            return
        if items[0].is_folder or len(items) != 1:
            self.browser.report(problem(self.tr("Select one file to make a pre-signed URL for.")))
            return
        key = items[0].key
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

    # -- Issued Links --------------------------------------------------------------------------

    def show_issued_links(self) -> None:
        self._spawn(self._show_issued_links(), "reading the issued links")

    async def _show_issued_links(self) -> None:
        links = await self.bridge.run(issued_links.load)
        self._open(IssuedLinksDialog(self._parent, links))
