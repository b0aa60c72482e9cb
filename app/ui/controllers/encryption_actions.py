"""Actions on encryption: Re-encrypt with Current Key… for the folder (or bucket) on screen."""

from __future__ import annotations

from app.ui.controllers.action_base import ActionController, ActionParts
from app.ui.controllers.key_rotation import KeyRotation


class EncryptionActions(ActionController):
    def __init__(self, parts: ActionParts) -> None:
        super().__init__(parts)
        self.key_rotation = KeyRotation(
            parts.parent, self.bridge, self.transfers, self.status, self._open
        )

    def rotate_keys(self) -> None:
        """Re-encrypt what is here (this folder, this bucket) with the current SSE-C key."""
        session, bucket = self._session(), self._bucket()
        if session is None or bucket is None:
            return
        prefix = self._here().prefix
        coro = self.key_rotation.start(session, self.browser.bookmark_id, bucket, prefix)
        self._spawn(coro, "looking at the SSE-C keys", prefix, bucket)
