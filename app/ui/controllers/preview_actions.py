"""Open: a folder row is entered, an object is fetched into a temporary folder and shown in
the preview dialog."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app.core.s3.object_ref import ObjectRef
from app.core.s3.preview_fetch import fetch_for_preview
from app.core.s3.session import S3Session
from app.ui.controllers.action_base import ActionController
from app.ui.dialogs.preview import PreviewDialog


class PreviewActions(ActionController):
    _temp: str | None = None  # made at the first preview, removed by `close`

    def open_current(self) -> None:
        """Open the list's current row."""
        current = self.selection.current()
        if current is None:
            return
        if current.is_folder:
            self.browser.navigate(self.browser.location.child(current.key))
        else:
            self.open_object(current)

    def open_object(self, ref: ObjectRef) -> None:
        """Preview the object `ref`; folder rows are opened by the browser itself."""
        if ref.is_folder or self.browser.location.is_root:
            return
        session = self._session()
        if session is None:
            return
        bucket = self.browser.location.bucket
        self._spawn(self._preview(session, bucket, ref.key), "opening", ref.key)

    async def _preview(self, session: S3Session, bucket: str, key: str) -> None:
        task = self._task(self.tr("Opening {0}…").format(key), None)
        try:
            if self._temp is None:
                self._temp = await self.bridge.run(tempfile.mkdtemp, "", "eider-preview-")
            path = await self.bridge.run(fetch_for_preview, session, bucket, key, Path(self._temp))
            data = await self.bridge.run(path.read_bytes)
        finally:
            self.status.finish(task, "")
        self._open(PreviewDialog(self._parent, key, data))

    def close(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
