"""Re-encrypt with the current key: what a survey found (objects per key, objects no key
opens), and the button that queues the rotation as a transfer job."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_ring import KeyRing
from app.core.sse_c.rekey import PLAIN, Survey

_LISTED = 20  # objects no key opens, named one by one


class RekeyDialog(QDialog):
    confirmed = Signal()

    def __init__(self, parent: QWidget | None, where: str, ring: KeyRing, found: Survey) -> None:
        super().__init__(parent)
        self.setObjectName("rekeyDialog")
        self.setAccessibleName(self.tr("Re-encrypt with the current key"))
        self.setWindowTitle(self.tr("Re-encrypt with the Current Key"))
        lines = [self.tr("Objects under {0}:").format(where)]
        for position, key in enumerate(ring.keys, start=1):
            role = self.tr("current") if position == 1 else self.tr("older")
            count = found.by_key.get(fingerprint(key), 0)
            lines.append(
                self.tr("  key {0} ({1}, {2}): {3}").format(position, role, fingerprint(key), count)
            )
        if found.by_key.get(PLAIN):
            lines.append(
                self.tr("  without SSE-C (left as they are): {0}").format(found.by_key[PLAIN])
            )
        if found.unreadable:
            lines.append(
                self.tr("No key of this ring opens %n object(s):", "", len(found.unreadable))
            )
            lines += [f"  {key}" for key in found.unreadable[:_LISTED]]
            if len(found.unreadable) > _LISTED:
                lines.append(self.tr("  ... and {0} more").format(len(found.unreadable) - _LISTED))
        lines += [
            self.tr("Could not look at {0}: {1}").format(key, why)
            for key, why in found.failed[:_LISTED]
        ]
        self.report_label = QLabel("\n".join(lines), self)
        self.report_label.setObjectName("rekeyReport")
        self.report_label.setAccessibleName(self.tr("Objects per key"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("rekeyButtons")
        count = len(found.to_rotate)
        self.rekey_button = self.buttons.addButton(
            self.tr("Re-encrypt %n object(s)", "", count), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.rekey_button.setObjectName("rekeyConfirmButton")
        self.rekey_button.setAccessibleName(self.tr("Re-encrypt with the current key"))
        self.rekey_button.setEnabled(count > 0)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("rekeyCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.report_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

    def _confirm(self) -> None:
        self.confirmed.emit()
        self.accept()
