"""A bucket's General tab: region, creation date, endpoint URLs, and on demand its object
count and total size (with every version and delete marker when asked)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.bucket_info import BucketGeneral
from app.core.s3.count_job import CountUpdate
from app.ui.format import human_size
from app.ui.info.info_tab import InfoTab, section_message


class BucketGeneralTab(InfoTab):
    countRequested = Signal(bool)  # include versions
    cancelCountRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("infoBucketGeneralTab", self.tr("General"), parent)
        outer = QVBoxLayout(self.editor)
        self._form = QFormLayout()
        outer.addLayout(self._form)
        self.values: dict[str, QLabel] = {}
        outer.addWidget(self._count_box())
        outer.addStretch(1)

    def _count_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Objects and size"), self.editor)
        box.setObjectName("infoBucketCountBox")
        box.setAccessibleName(self.tr("Object count and total size"))
        layout = QVBoxLayout(box)
        self.count_label = QLabel(
            self.tr("Not counted yet (listing a large bucket takes a while)."), box
        )
        self.count_label.setObjectName("infoBucketCount")
        self.count_label.setAccessibleName(self.tr("Object count and total size"))
        self.count_label.setWordWrap(True)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.count_label)
        row = QHBoxLayout()
        self.versions_box = QCheckBox(self.tr("Include &versions and delete markers"), box)
        self.versions_box.setObjectName("infoBucketCountVersions")
        self.versions_box.setAccessibleName(self.tr("Include versions and delete markers"))
        self.count_button = QPushButton(self.tr("&Count"), box)
        self.count_button.setObjectName("infoBucketCountButton")
        self.count_button.setAccessibleName(self.tr("Count the objects and their size"))
        self.count_cancel = QPushButton(self.tr("Cancel"), box)
        self.count_cancel.setObjectName("infoBucketCountCancel")
        self.count_cancel.setAccessibleName(self.tr("Stop counting"))
        self.count_cancel.setEnabled(False)
        self.count_bar = QProgressBar(box)
        self.count_bar.setObjectName("infoBucketCountBar")
        self.count_bar.setAccessibleName(self.tr("Counting"))
        self.count_bar.setRange(0, 0)  # busy: the total is what is being found out
        self.count_bar.hide()
        row.addWidget(self.versions_box)
        row.addStretch(1)
        row.addWidget(self.count_bar)
        row.addWidget(self.count_button)
        row.addWidget(self.count_cancel)
        layout.addLayout(row)
        self.count_button.clicked.connect(self._count)
        self.count_cancel.clicked.connect(self.cancelCountRequested)
        return box

    def _count(self) -> None:
        self.count_button.setEnabled(False)
        self.versions_box.setEnabled(False)
        self.count_cancel.setEnabled(True)
        self.count_bar.show()
        self.count_label.setText(self.tr("Counting…"))
        self.countRequested.emit(self.versions_box.isChecked())

    def show_count(self, update: CountUpdate) -> None:
        count = update.count
        what = (
            self.tr("versions and delete markers") if self.versions_box.isChecked() else "objects"
        )
        text = f"{count.objects:,} {what}, {human_size(count.bytes)} ({count.bytes:,} bytes)"
        if update.error is not None:
            text = self.tr("Counting stopped: {0} Counted until then: {1}.").format(
                update.error.message, text
            )
        elif update.cancelled:
            text = self.tr("Cancelled; counted until then: {0}.").format(text)
        elif not update.finished:
            text += self.tr(" so far…")
        self.count_label.setText(text)
        if update.finished:
            self.count_button.setEnabled(True)
            self.versions_box.setEnabled(True)
            self.count_cancel.setEnabled(False)
            self.count_bar.hide()

    def _row(self, name: str, label: str, text: str) -> None:
        value = self.values.get(name)
        if value is None:
            value = QLabel(self.editor)
            value.setObjectName(name)
            value.setAccessibleName(label)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._form.addRow(f"{label}:", value)
            self.values[name] = value
        value.setText(text)

    def show_general(self, general: BucketGeneral) -> None:
        region = general.region.value or section_message(general.region, self.tr("Region")) or "—"
        self._row("infoBucketName", self.tr("Bucket"), general.name)
        self._row("infoBucketRegion", self.tr("Region"), region)
        created = general.created.isoformat(sep=" ") if general.created else "unknown"
        self._row("infoBucketCreated", self.tr("Created"), created)
        self._row("infoBucketPathUrl", self.tr("Path-style URL"), general.path_url)
        self._row(
            "infoBucketVirtualUrl",
            self.tr("Virtual-host URL"),
            general.virtual_host_url or self.tr("— (this name or endpoint allows no host name)"),
        )
        self.show_editor()
