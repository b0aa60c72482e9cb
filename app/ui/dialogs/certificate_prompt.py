"""Asks whether to trust one server certificate, by its SHA-256 fingerprint, for one bookmark.

Opened with `open()` (never `exec()`): the caller waits for `finished`. A changed certificate
shows the fingerprint trusted before next to the new one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.tls_pinning import shown


class CertificatePrompt(QDialog):
    def __init__(
        self,
        nickname: str,
        host: str,
        fingerprint: str,
        previous: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("certificatePrompt")
        self.setWindowTitle(self.tr("Untrusted Certificate"))
        self.setAccessibleName(self.tr("Untrusted certificate"))
        self.fingerprint = fingerprint

        if previous:
            intro = self.tr(
                "The certificate of {0} has changed since bookmark '{1}' trusted it. If it "
                "was not replaced on purpose, someone may be intercepting the connection."
            ).format(host, nickname)
        else:
            intro = self.tr(
                "No trusted authority vouches for the certificate of {0}. Compare its "
                "fingerprint with the one whoever runs the server gives you."
            ).format(host)
        self.message_label = self._label("certificateMessage", self.tr("Message"), intro)
        self.host_label = self._label(
            "certificateHost", self.tr("Server"), self.tr("Server: {0}").format(host)
        )
        self.fingerprint_label = self._label(
            "certificateFingerprint",
            self.tr("SHA-256 fingerprint"),
            self.tr("SHA-256 fingerprint: {0}").format(shown(fingerprint)),
        )
        self.previous_label = self._label(
            "certificatePreviousFingerprint",
            self.tr("Previously trusted fingerprint"),
            self.tr("Previously trusted: {0}").format(shown(previous)) if previous else "",
        )
        self.previous_label.setVisible(bool(previous))

        self.buttons = QDialogButtonBox(self)
        self.trust_button = QPushButton(self.tr("Trust this certificate for this bookmark"), self)
        self.trust_button.setObjectName("certificateTrustButton")
        self.trust_button.setAccessibleName(self.tr("Trust this certificate for this bookmark"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("certificateCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setDefault(True)  # trusting is never the default
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for label in (
            self.message_label,
            self.host_label,
            self.fingerprint_label,
            self.previous_label,
        ):
            layout.addWidget(label)
        layout.addWidget(self.buttons)

    def _label(self, name: str, accessible: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
