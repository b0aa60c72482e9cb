"""A bucket's General tab: region, creation date and endpoint URLs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.core.s3.bucket_info import BucketGeneral
from app.ui.info.info_tab import InfoTab, section_message


class BucketGeneralTab(InfoTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("infoBucketGeneralTab", "General", parent)
        self._form = QFormLayout(self.editor)
        self.values: dict[str, QLabel] = {}

    def _row(self, name: str, label: str, text: str) -> None:
        value = QLabel(text, self.editor)
        value.setObjectName(name)
        value.setAccessibleName(label)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form.addRow(f"{label}:", value)
        self.values[name] = value

    def show_general(self, general: BucketGeneral) -> None:
        region = general.region.value or section_message(general.region, "Region") or "—"
        self._row("infoBucketName", "Bucket", general.name)
        self._row("infoBucketRegion", "Region", region)
        created = general.created.isoformat(sep=" ") if general.created else "unknown"
        self._row("infoBucketCreated", "Created", created)
        self._row("infoBucketPathUrl", "Path-style URL", general.path_url)
        self._row(
            "infoBucketVirtualUrl",
            "Virtual-host URL",
            general.virtual_host_url or "— (this name or endpoint allows no host name)",
        )
        self.show_editor()
