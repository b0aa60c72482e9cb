"""An SSE-KMS key field that offers the account's keys and aliases (`kms_keys.list_kms_keys`,
read off the GUI thread) and still takes a typed key id, ARN or alias.

A server without KMS (or credentials that may not list keys) leaves a plain text field; the
reason the keys could not be listed shows as the field's tooltip, never as an error dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app.core.s3.info_section import Section, SectionState
from app.core.s3.kms_keys import KmsKey, list_kms_keys
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.translation import N_, translate

TYPE_HINT = N_("Pick a key of the account, or type a key ID, key ARN or alias/name.")


class KmsKeyPicker(QComboBox):
    keysListed = Signal(int)  # how many keys were offered (0: none, or KMS not available)

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setToolTip(translate("", TYPE_HINT))
        self.keys: list[KmsKey] = []

    def list_keys(self, bridge: AsyncBridge, session: S3Session, bucket: str) -> None:
        """Offer the keys of the bucket's region, once they are read (in the background)."""
        bridge.spawn(self._list(bridge, session, bucket), "listing the KMS keys")

    async def _list(self, bridge: AsyncBridge, session: S3Session, bucket: str) -> None:
        def read() -> Section[list[KmsKey]]:
            return list_kms_keys(session, session.bucket_region(bucket))

        self.offer(await bridge.run(read))

    def offer(self, section: Section[list[KmsKey]]) -> None:
        if section.state is SectionState.ERROR and section.error is not None:
            self.setToolTip(
                self.tr("{0}\nThe account's keys could not be listed: {1}").format(
                    translate("", TYPE_HINT), section.error.message
                )
            )
        elif section.state is SectionState.UNSUPPORTED:
            self.setToolTip(
                self.tr("{0}\nThis server offers no key list (no KMS).").format(
                    translate("", TYPE_HINT)
                )
            )
        typed = self.currentText()
        for key in section.value or ():
            value = key.arn or key.key_id
            if self.findData(value) < 0:
                self.addItem(key.label, value)
        self.keys = list(section.value or ())
        self.setEditText(typed)  # what was typed or shown stays
        self.keysListed.emit(len(self.keys))

    def value(self) -> str | None:
        """The key to send: the picked key's ARN, or the text typed (None when empty)."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            data = self.itemData(index)
            return str(data) if data else None
        return text or None

    def text(self) -> str:
        return self.value() or ""

    def setText(self, text: str) -> None:
        index = self.findData(text) if text else -1
        if index < 0 and text:
            index = self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(text)

    def setPlaceholderText(self, text: str) -> None:
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(text)
