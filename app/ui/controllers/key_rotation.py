"""The browser's "Re-encrypt with Current Key…": survey the folder (or bucket) on a worker,
show what each key holds, and queue the rotation as a transfer job of the window."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from app.core.s3.session import S3Session
from app.core.sse_c.bookmark_rotation import survey_bookmark
from app.core.sse_c.key_ring import KeyRing
from app.core.sse_c.rekey import Survey, submit_rekey
from app.ui.async_bridge import AsyncBridge
from app.ui.controllers.transfers import TransfersController
from app.ui.dialogs.rekey_dialog import RekeyDialog
from app.ui.translation import translate
from app.ui.widgets.transfer_status import TransferStatus


class KeyRotation:
    def __init__(
        self,
        parent: QWidget,
        bridge: AsyncBridge,
        transfers: TransfersController,
        status: TransferStatus,
        show_dialog: Callable[[QDialog], None],
    ) -> None:
        self._parent = parent
        self._bridge = bridge
        self._transfers = transfers
        self._status = status
        self._show = show_dialog
        self.dialog: RekeyDialog | None = None

    async def start(
        self, session: S3Session, bookmark_id: str | None, bucket: str, prefix: str
    ) -> None:
        stop = threading.Event()
        task = f"rekey-{bucket}/{prefix}"
        self._status.start(
            task,
            translate("KeyRotation", "Looking at the keys under s3://{0}/{1}").format(
                bucket, prefix
            ),
            stop.set,
        )
        try:
            ref, ring, found = await self._bridge.run(
                survey_bookmark, session, bookmark_id, bucket, prefix, stop
            )
        finally:
            self._status.finish(task, "")
        if found.stopped:
            return
        dialog = RekeyDialog(self._parent, f"s3://{bucket}/{prefix}", ring, found)
        dialog.confirmed.connect(
            lambda: self._bridge.spawn(
                self._submit(session, ring, ref, found, bucket, prefix),
                "queueing the re-encryption",
                bucket,
            )
        )
        self.dialog = dialog
        self._show(dialog)

    async def _submit(
        self,
        session: S3Session,
        ring: KeyRing,
        ref: str,
        found: Survey,
        bucket: str,
        prefix: str,
    ) -> None:
        engine = await self._transfers.engine(session)
        job = await self._bridge.run(submit_rekey, engine, found, ring, ref, bucket, prefix)
        if job is not None:
            self._transfers.adopt(job)
