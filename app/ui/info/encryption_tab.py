"""The Encryption tab: none, SSE-S3, SSE-KMS (a key ARN typed or picked), SSE-C (the
bookmark's key). A change rewrites the object."""

from __future__ import annotations

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.s3 import encryption_state
from app.core.transfers.object_change import Encryption, EncryptionKind, ObjectChange
from app.ui import icons
from app.ui.info.edits import ObjectEdit
from app.ui.info.info_tab import InfoTab
from app.ui.info.kms_key_picker import KmsKeyPicker
from app.ui.palette_follow import on_palette_change
from app.ui.translation import N_, translate

_LABELS = {
    encryption_state.NONE: N_("&None"),
    encryption_state.SSE_S3: N_("SSE-&S3 (keys managed by the server)"),
    encryption_state.SSE_KMS: N_("SSE-&KMS (a key in AWS KMS)"),
    encryption_state.SSE_C: N_("SSE-&C (the bookmark's own key)"),
}
DEFAULT_KMS_KEY = N_("(the account's default key for S3)")


class EncryptionTab(InfoTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("infoEncryptionTab", self.tr("Encryption"), parent)
        self.customer_key_ref: str | None = None  # the keyring name of the bookmark's SSE-C key
        layout = QVBoxLayout(self.editor)
        form = QFormLayout()
        self.current = QLabel("—", self.editor)
        self.current.setObjectName("infoCurrentEncryption")
        self.current.setAccessibleName(self.tr("Current encryption"))
        self.current.setWordWrap(True)
        self.current_icon = QLabel(self.editor)
        self.current_icon.setObjectName("infoCurrentEncryptionIcon")
        self.current_icon.setAccessibleName(self.tr("Current encryption's icon"))
        current_row = QHBoxLayout()
        current_row.addWidget(self.current_icon)
        current_row.addWidget(self.current, 1)
        form.addRow(self.tr("Current:"), current_row)
        self._current_kind: str | None = None
        layout.addLayout(form)
        self.group = QButtonGroup(self.editor)
        self.buttons: dict[str, QRadioButton] = {}
        for kind, label in _LABELS.items():
            button = QRadioButton(translate("", label), self.editor)
            button.setObjectName(f"infoEncryption{kind.replace('-', '')}")
            button.setAccessibleName(translate("", label).replace("&", ""))
            button.setIcon(icons.encryption_icon(kind))
            self.group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
        self.kms_key = KmsKeyPicker("infoKmsKey", self.tr("KMS key ARN or alias"), self.editor)
        self.kms_key.addItem(translate("", DEFAULT_KMS_KEY), None)
        kms_form = QFormLayout()
        kms_form.addRow(self.tr("KMS &key:"), self.kms_key)
        layout.addLayout(kms_form)
        self.sse_c_note = QLabel(self.editor)
        self.sse_c_note.setObjectName("infoSseCNote")
        self.sse_c_note.setWordWrap(True)
        layout.addWidget(self.sse_c_note)
        self.apply_button = QPushButton(self.tr("&Apply Encryption…"), self.editor)
        self.apply_button.setObjectName("infoApplyEncryptionButton")
        self.apply_button.setAccessibleName(self.tr("Apply the encryption"))
        layout.addWidget(self.apply_button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._update)
        self.apply_button.clicked.connect(self._apply)
        self.buttons[encryption_state.NONE].setChecked(True)
        on_palette_change(self, self._redraw_icons)

    def _redraw_icons(self) -> None:
        for kind, button in self.buttons.items():
            button.setIcon(icons.encryption_icon(kind))
        self._show_current_icon()

    def _show_current_icon(self) -> None:
        kind = self._current_kind
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        pixmap = icons.encryption_icon(kind).pixmap(size, size) if kind else QPixmap()
        self.current_icon.setPixmap(pixmap)
        self.current_icon.setVisible(kind is not None)

    def set_state(
        self,
        current: str | None,
        kms_key_id: str | None,
        known_keys: list[str],
        customer_key_ref: str | None,
    ) -> None:
        """`current` is encryption_state's name of the object's encryption (None: many)."""
        self.customer_key_ref = customer_key_ref
        self._current_kind = current
        self._show_current_icon()
        for key in [kms_key_id, *known_keys]:
            if key and self.kms_key.findData(key) < 0 and self.kms_key.findText(key) < 0:
                self.kms_key.addItem(key, key)
        if current is not None:
            self.current.setText(
                current + (self.tr(" (key {0})").format(kms_key_id) if kms_key_id else "")
            )
            if current in self.buttons:
                self.buttons[current].setChecked(True)
        else:
            self.current.setText(self.tr("(each object keeps its own until you apply a choice)"))
        if kms_key_id:
            self.kms_key.setText(kms_key_id)
        self.buttons[encryption_state.SSE_C].setEnabled(customer_key_ref is not None)
        self.sse_c_note.setText(
            ""
            if customer_key_ref is not None
            else self.tr("SSE-C needs a key: give the bookmark an SSE-C key to use it here.")
        )
        self._update()
        self.show_editor()

    def chosen(self) -> str:
        for kind, button in self.buttons.items():
            if button.isChecked():
                return kind
        return encryption_state.NONE

    def _update(self, *_: object) -> None:
        self.kms_key.setEnabled(self.chosen() == encryption_state.SSE_KMS)

    def choice(self) -> Encryption:
        kind = self.chosen()
        if kind == encryption_state.SSE_KMS:
            return Encryption(EncryptionKind.SSE_KMS, kms_key_id=self.kms_key.value())
        if kind == encryption_state.SSE_C:
            return Encryption(EncryptionKind.SSE_C, customer_key_ref=self.customer_key_ref)
        if kind == encryption_state.SSE_S3:
            return Encryption(EncryptionKind.SSE_S3)
        return Encryption(EncryptionKind.NONE)

    def _apply(self) -> None:
        kind = self.chosen()
        try:
            change = ObjectChange(encryption=self.choice())
        except ValueError as exc:
            self.sse_c_note.setText(f"{exc}.")
            return
        self.saveRequested.emit(ObjectEdit(f"encryption {kind}", change))
