"""Pre-signed URL…: method and expiry in, URL (with any warning or refusal) out.

The dialog signs nothing itself: "Create" emits `requested(method, seconds)`; whoever opened
it signs off the GUI thread and calls `show_url` or `show_refusal`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.s3.urls import Expiry, Method, PresignedUrl
from app.ui.translation import N_, translate

CUSTOM = -1
EXPIRY_CHOICES = (
    (N_("1 hour"), int(Expiry.HOUR)),
    (N_("24 hours"), int(Expiry.DAY)),
    (N_("7 days (the most SigV4 allows)"), int(Expiry.WEEK)),
    (N_("Custom…"), CUSTOM),
)


def expiry_text(seconds: int) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"


class PresignDialog(QDialog):
    requested = Signal(object, int)  # Method, seconds

    def __init__(
        self, parent: QWidget | None, bucket: str, key: str, expiry: int = int(Expiry.HOUR)
    ) -> None:
        """`expiry`: the one chosen at first, in seconds (Preferences > S3 defaults)."""
        super().__init__(parent)
        self.setObjectName("presignDialog")
        self.setAccessibleName(self.tr("Pre-signed URL"))
        self.setWindowTitle(self.tr("Pre-signed URL"))
        form = QFormLayout(self)
        target = QLabel(f"s3://{bucket}/{key}", self)
        target.setObjectName("presignTarget")
        target.setAccessibleName(self.tr("Object"))
        form.addRow(self.tr("Object:"), target)
        self.method_box = QComboBox(self)
        self.method_box.setObjectName("presignMethodBox")
        self.method_box.setAccessibleName(self.tr("What the URL allows"))
        self.method_box.addItem(self.tr("Download (GET)"), Method.GET)
        self.method_box.addItem(self.tr("Upload (PUT)"), Method.PUT)
        form.addRow(self.tr("&Allows:"), self.method_box)
        self.expiry_box = QComboBox(self)
        self.expiry_box.setObjectName("presignExpiryBox")
        self.expiry_box.setAccessibleName(self.tr("Expires after"))
        if expiry not in {seconds for _label, seconds in EXPIRY_CHOICES}:
            self.expiry_box.addItem(
                self.tr("{0} (the default)").format(expiry_text(expiry)), expiry
            )
        for label, seconds in EXPIRY_CHOICES:
            self.expiry_box.addItem(translate("", label), seconds)
        self.expiry_box.setCurrentIndex(self.expiry_box.findData(expiry))
        form.addRow(self.tr("&Expires after:"), self.expiry_box)
        self.custom_hours = QSpinBox(self)
        self.custom_hours.setObjectName("presignCustomHours")
        self.custom_hours.setAccessibleName(self.tr("Custom expiry in hours"))
        self.custom_hours.setRange(1, 24 * 365)
        self.custom_hours.setSuffix(self.tr(" hours"))
        self.custom_hours.setValue(2)
        self.custom_hours.setEnabled(False)
        form.addRow(self.tr("&Custom:"), self.custom_hours)
        self.create_button = QPushButton(self.tr("C&reate URL"), self)
        self.create_button.setObjectName("presignCreateButton")
        self.create_button.setAccessibleName(self.tr("Create URL"))
        form.addRow(self.create_button)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("presignUrlEdit")
        self.url_edit.setAccessibleName(self.tr("Pre-signed URL"))
        self.url_edit.setReadOnly(True)
        form.addRow(self.tr("&URL:"), self.url_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("presignMessage")
        self.message_label.setAccessibleName(self.tr("Warnings and refusals"))
        self.message_label.setWordWrap(True)
        form.addRow(self.message_label)
        self.headers_label = QLabel(self)
        self.headers_label.setObjectName("presignHeaders")
        self.headers_label.setAccessibleName(self.tr("Headers the URL needs"))
        self.headers_label.setWordWrap(True)
        self.headers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headers_label.hide()
        form.addRow(self.headers_label)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setObjectName("presignCopyButton")
        self.copy_button.setAccessibleName(self.tr("Copy the URL"))
        self.copy_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("presignButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.expiry_box.currentIndexChanged.connect(
            lambda _i: self.custom_hours.setEnabled(self.expiry_box.currentData() == CUSTOM)
        )
        self.create_button.clicked.connect(self._request)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.url_edit.text())
        )

    @property
    def method(self) -> Method:
        return Method(self.method_box.currentData())

    @property
    def seconds(self) -> int:
        chosen = int(self.expiry_box.currentData())
        return self.custom_hours.value() * 3600 if chosen == CUSTOM else chosen

    def _request(self) -> None:
        self.create_button.setEnabled(False)
        self.message_label.setText(self.tr("Signing…"))
        self.requested.emit(self.method, self.seconds)

    def show_url(self, url: PresignedUrl) -> None:
        self.create_button.setEnabled(True)
        self.url_edit.setText(url.url)
        self.copy_button.setEnabled(True)
        expiry = url.expires.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [
            self.tr("Valid until {0}. Anyone holding this URL can use it until then.").format(
                expiry
            )
        ]
        lines += [self.tr("Warning: {0}").format(w) for w in url.warnings]
        self.message_label.setText("\n".join(lines))
        # SSE-C: the key travels in signed headers, which whoever uses the URL must send.
        needed = [f"{name}: {value}" for name, value in url.headers]
        self.headers_label.setText(
            self.tr("Every request to this URL must send these headers:\n") + "\n".join(needed)
        )
        self.headers_label.setVisible(bool(needed))

    def show_refusal(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.url_edit.clear()
        self.headers_label.hide()
        self.copy_button.setEnabled(False)
        self.message_label.setText(message)
