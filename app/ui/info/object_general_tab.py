"""An object's General tab: what HeadObject (and its ACL's owner) says, and its URLs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.acl import Owner
from app.core.s3.archive_restore import ARCHIVE_CLASSES, MAX_DAYS, RestoreTier
from app.core.s3.object_info import ObjectGeneral
from app.ui.format import human_size
from app.ui.info.info_tab import InfoTab
from app.ui.translation import translate


def _when(value: object) -> str:
    return str(value) if value is not None else "—"


def general_rows(g: ObjectGeneral) -> list[tuple[str, str, str]]:
    """(object name, label, text) of every row the tab shows."""
    etag_kind = (
        translate("ObjectGeneralTab", "MD5 of the content")
        if g.etag_is_md5
        else translate("ObjectGeneralTab", "not an MD5 of the content")
    )
    if g.parts_count:
        etag_kind += translate("ObjectGeneralTab", "; uploaded in {0} parts").format(g.parts_count)
    checksums = ", ".join(f"{name} {value}" for name, value in g.checksums.items()) or "none"
    if g.checksums and g.checksum_type:
        checksums += f" ({g.checksum_type})"
    encryption = g.encryption
    if g.kms_key_id:
        encryption += f" (key {g.kms_key_id})"
    if g.bucket_key_enabled:
        encryption += translate("ObjectGeneralTab", ", bucket key")
    retention = (
        f"{g.retention.mode} until {_when(g.retention.retain_until)}" if g.retention else "none"
    )
    legal_hold = "—" if g.legal_hold is None else ("on" if g.legal_hold else "off")
    if g.restore is None:
        restore = translate("ObjectGeneralTab", "not requested")
    elif g.restore.in_progress:
        restore = translate("ObjectGeneralTab", "in progress")
    else:
        restore = translate("ObjectGeneralTab", "restored copy available until {0}").format(
            _when(g.restore.expires)
        )
    return [
        ("infoKey", translate("ObjectGeneralTab", "Key"), g.key),
        ("infoBucket", translate("ObjectGeneralTab", "Bucket"), g.bucket),
        (
            "infoSize",
            translate("ObjectGeneralTab", "Size"),
            f"{human_size(g.size)} ({g.size:,} bytes)",
        ),
        ("infoModified", translate("ObjectGeneralTab", "Last modified"), _when(g.last_modified)),
        ("infoEtag", "ETag", f"{g.etag} ({etag_kind})"),
        ("infoChecksums", translate("ObjectGeneralTab", "Checksums"), checksums),
        (
            "infoVersion",
            translate("ObjectGeneralTab", "Version ID"),
            g.version_id or translate("ObjectGeneralTab", "— (not versioned)"),
        ),
        ("infoContentType", translate("ObjectGeneralTab", "Content type"), g.content_type or "—"),
        ("infoStorageClass", translate("ObjectGeneralTab", "Storage class"), g.storage_class),
        ("infoEncryption", translate("ObjectGeneralTab", "Encryption"), encryption),
        ("infoOwner", translate("ObjectGeneralTab", "Owner"), "…"),
        ("infoRetention", translate("ObjectGeneralTab", "Object Lock retention"), retention),
        ("infoLegalHold", translate("ObjectGeneralTab", "Legal hold"), legal_hold),
        ("infoRestore", translate("ObjectGeneralTab", "Archive restore"), restore),
    ]


class RestoreBox(QGroupBox):
    """Ask for a temporary readable copy of an archived object: tier and days."""

    requested = Signal(object, int)  # RestoreTier, days

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Restore from the archive"), parent)
        self.setObjectName("infoRestoreBox")
        self.setAccessibleName(self.tr("Restore from the archive"))
        form = QFormLayout(self)
        self.tier = QComboBox(self)
        self.tier.setObjectName("infoRestoreTier")
        self.tier.setAccessibleName(self.tr("Restore tier"))
        for tier, when in (
            (RestoreTier.EXPEDITED, "minutes"),
            (RestoreTier.STANDARD, "hours"),
            (RestoreTier.BULK, self.tr("up to two days, cheapest")),
        ):
            self.tier.addItem(f"{tier.value} ({when})", tier)
        self.tier.setCurrentIndex(1)
        form.addRow(self.tr("&Tier:"), self.tier)
        self.days = QSpinBox(self)
        self.days.setObjectName("infoRestoreDays")
        self.days.setAccessibleName(self.tr("Days the restored copy is kept"))
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(7)
        self.days.setSuffix(self.tr(" days"))
        form.addRow(self.tr("&Keep the copy for:"), self.days)
        self.button = QPushButton(self.tr("&Restore…"), self)
        self.button.setObjectName("infoRestoreButton")
        self.button.setAccessibleName(self.tr("Request the restore"))
        form.addRow("", self.button)
        self.result = QLabel(self)
        self.result.setObjectName("infoRestoreResult")
        self.result.setAccessibleName(self.tr("Restore request"))
        self.result.setWordWrap(True)
        form.addRow(self.result)
        self.button.clicked.connect(
            lambda: self.requested.emit(RestoreTier(self.tier.currentData()), self.days.value())
        )


class ObjectGeneralTab(InfoTab):
    urlRequested = Signal()
    presignRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("infoGeneralTab", self.tr("General"), parent)
        outer = QVBoxLayout(self.editor)
        self._form = QFormLayout()
        outer.addLayout(self._form)
        self.values: dict[str, QLabel] = {}
        self._owner_text = "…"  # until the ACL, which names the owner, is read
        buttons = QHBoxLayout()
        self.url_button = QPushButton(self.tr("Copy &URL"), self.editor)
        self.url_button.setObjectName("infoCopyUrlButton")
        self.url_button.setAccessibleName(self.tr("Copy the object's URL"))
        self.presign_button = QPushButton(self.tr("&Pre-signed URL…"), self.editor)
        self.presign_button.setObjectName("infoPresignButton")
        self.presign_button.setAccessibleName(self.tr("Make a pre-signed URL"))
        buttons.addWidget(self.url_button)
        buttons.addWidget(self.presign_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.url_label = QLabel(self.editor)
        self.url_label.setObjectName("infoUrlLabel")
        self.url_label.setAccessibleName(self.tr("Copied URL"))
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.url_label)
        self.restore_box = RestoreBox(self.editor)
        self.restore_box.hide()  # archived objects only
        outer.addWidget(self.restore_box)
        outer.addStretch(1)
        self.url_button.clicked.connect(self.urlRequested)
        self.presign_button.clicked.connect(self.presignRequested)

    def show_general(self, general: ObjectGeneral) -> None:
        for name, label, text in general_rows(general):
            value = self.values.get(name)
            if value is None:
                value = QLabel(self.editor)
                value.setObjectName(name)
                value.setAccessibleName(label)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self._form.addRow(f"{label}:", value)
                self.values[name] = value
            value.setText(self._owner_text if name == "infoOwner" else text)
        self.restore_box.setVisible(general.storage_class in ARCHIVE_CLASSES)
        self.show_editor()

    def show_owner(self, owner: Owner | None, note: str = "") -> None:
        text = "—" if owner is None else (owner.display_name or owner.id)
        if owner is not None and owner.display_name and owner.id:
            text += f" ({owner.id})"
        self._owner_text = note or text
        label = self.values.get("infoOwner")
        if label is not None:
            label.setText(self._owner_text)


class SelectionGeneralTab(InfoTab):
    """General for a selection of many objects or a folder: what a change will cover."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__("infoGeneralTab", self.tr("General"), parent)
        layout = QVBoxLayout(self.editor)
        self.summary = QLabel("\n".join(lines), self.editor)
        self.summary.setObjectName("infoSelectionSummary")
        self.summary.setAccessibleName(self.tr("Selection"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.show_editor()
