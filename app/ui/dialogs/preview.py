"""Open/preview: a small text object in a read-only viewer, an image in a label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg", ".ico")


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, key: str, data: bytes) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setAccessibleName(self.tr("Preview of {0}").format(key))
        self.setWindowTitle(key.rsplit("/", 1)[-1])
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        self.text_view: QPlainTextEdit | None = None
        self.image_label: QLabel | None = None
        pixmap = QPixmap()
        if key.lower().endswith(IMAGE_SUFFIXES):
            pixmap.loadFromData(data)
        if not pixmap.isNull():
            self.image_label = QLabel(self)
            self.image_label.setObjectName("previewImage")
            self.image_label.setAccessibleName(self.tr("Image"))
            self.image_label.setPixmap(pixmap)
            self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            scroll = QScrollArea(self)
            scroll.setObjectName("previewScroll")
            scroll.setAccessibleName(self.tr("Image area"))
            scroll.setWidget(self.image_label)
            layout.addWidget(scroll)
        else:
            self.text_view = QPlainTextEdit(self)
            self.text_view.setObjectName("previewText")
            self.text_view.setAccessibleName(self.tr("Text"))
            self.text_view.setReadOnly(True)
            if b"\0" in data[:8192]:
                self.text_view.setPlainText(
                    self.tr(
                        "This object looks binary, not text or an image; download it to open it."
                    )
                )
            else:
                self.text_view.setPlainText(data.decode("utf-8", errors="replace"))
            layout.addWidget(self.text_view)
