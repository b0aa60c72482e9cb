"""Encryption at a glance: HeadObject for the visible object rows only, four at a time.

The probe annotates the listing model (an icon and a tooltip on the name, `ENCRYPTION_ROLE`,
the kind and its icon in the Encryption column; the icons are resources/icons/ui's)
from a cache keyed by (bucket, key); navigating away (a model reset) cancels what is queued
or in flight, and nothing is ever requested for rows that were not on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

from app.core.s3 import encryption_state
from app.core.s3.session import S3Session
from app.ui import icons
from app.ui.async_bridge import AsyncBridge
from app.ui.models.listing_model import (
    ENCRYPTION,
    ENCRYPTION_ROLE,
    IS_FOLDER_ROLE,
    KEY_ROLE,
    ListingModel,
)
from app.ui.models.visible_fetch import FetchFailed, VisibleRowsFetcher
from app.ui.translation import N_, translate

# Kinds whose icon takes the place of the file kind's on the name (every kind has its icon in
# the Encryption column).
ENCRYPTED = (
    encryption_state.SSE_S3,
    encryption_state.SSE_KMS,
    encryption_state.SSE_C,
    encryption_state.CLIENT_SIDE,
)
DESCRIPTIONS = {
    encryption_state.NONE: N_("not encrypted by S3 (the bucket's default may still apply)"),
    encryption_state.SSE_S3: N_("encrypted by the server with keys S3 manages"),
    encryption_state.SSE_KMS: N_("encrypted by the server with an AWS KMS key"),
    encryption_state.SSE_C: N_(
        "encrypted by the server with a customer-provided key; reading it "
        "needs that key (a bookmark's SSE-C key ring)"
    ),
    encryption_state.CLIENT_SIDE: N_(
        "encrypted on the client before upload; the stored bytes "
        "are ciphertext, and reading it needs the client-side key (a bookmark's CSE key, or a KMS "
        "key)"
    ),
}


class EncryptionProbe(QObject):
    def __init__(
        self,
        view: QAbstractItemView,
        model: ListingModel,
        session: Callable[[], S3Session | None],
        bridge: AsyncBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or view)
        self._model = model
        self._session = session
        self.fetcher = VisibleRowsFetcher(view, self._key_of, self._fetch, bridge, parent=self)
        self.fetcher.fetched.connect(self._arrived)
        model.annotator = self._annotate
        model.modelReset.connect(self.fetcher.reset)
        model.rowsInserted.connect(self.fetcher.schedule)
        model.layoutChanged.connect(self.fetcher.schedule)

    def _bucket(self) -> str:
        stream = self._model.stream
        return stream.bucket if stream is not None else ""

    def _key_of(self, row: int) -> Hashable | None:
        index = self._model.index(row, 0)
        bucket = self._bucket()
        if not bucket or index.data(IS_FOLDER_ROLE):
            return None
        return (bucket, index.data(KEY_ROLE))

    def _fetch(self, bucket_key: tuple[str, str]) -> str:  # worker thread
        session = self._session()
        if session is None:
            raise RuntimeError("not connected")
        return encryption_state.encryption_of(session, *bucket_key)

    def state(self, key: str) -> str | None:
        """The encryption of `key` in the listed bucket; None until fetched (or if it failed)."""
        value = self.fetcher.value((self._bucket(), key))
        return value if isinstance(value, str) else None

    def _annotate(self, key: str, column: int, role: int) -> Any:
        if role == ENCRYPTION_ROLE:
            return self.state(key)
        if column == ENCRYPTION:
            if role == Qt.ItemDataRole.DisplayRole:
                value = self.fetcher.value((self._bucket(), key))
                return "unknown" if isinstance(value, FetchFailed) else value
            if role == Qt.ItemDataRole.ToolTipRole:
                value = self.fetcher.value((self._bucket(), key))
                return value.message if isinstance(value, FetchFailed) else None
            if role == Qt.ItemDataRole.DecorationRole:
                value = self.fetcher.value((self._bucket(), key))
                return icons.encryption_icon(value) if isinstance(value, str) else None
            return None
        if column != 0:
            return None
        value = self.fetcher.value((self._bucket(), key))
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(value, FetchFailed):
                return self.tr("{0}\nEncryption: unknown ({1})").format(key, value.message)
            if isinstance(value, str):
                words = DESCRIPTIONS.get(value)
                if words:
                    text = self.tr("{0}\nEncryption: {1} ({2})")
                    return text.format(key, value, translate("", words))
                return self.tr("{0}\nEncryption: {1}").format(key, value)
            return None
        if role == Qt.ItemDataRole.DecorationRole and value in ENCRYPTED:
            return icons.encryption_icon(value)  # in place of the file kind's icon
        return None

    def _arrived(self, _key: object) -> None:
        rows = self.fetcher.visible_rows()
        if rows:
            model = self._model
            roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, ENCRYPTION_ROLE]
            top, bottom = rows.start, rows.stop - 1
            model.dataChanged.emit(model.index(top, 0), model.index(bottom, 0), roles)
            column_roles = [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.DecorationRole,
            ]
            model.dataChanged.emit(
                model.index(top, ENCRYPTION), model.index(bottom, ENCRYPTION), column_roles
            )
