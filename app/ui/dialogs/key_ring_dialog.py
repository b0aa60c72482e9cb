"""The SSE-C key ring editor of one bookmark: add (paste), generate, import, export, reorder,
mark current. Keys are shown by fingerprint only and saved to the secret store (keyring, else
the vault), never to bookmarks.json. Store and file work runs on the bridge's workers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.sse_c import ring_store
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.fingerprints import fingerprint, key_md5
from app.core.sse_c.key_file import parse_keys
from app.ui.async_bridge import AsyncBridge
from app.ui.translation import N_, translate

EXPORT_WARNING = N_(
    "An exported key file lets anyone who has it read every object encrypted with these "
    "keys. Keep it somewhere as safe as the data, and never next to it."
)


def _button(parent: QWidget, text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class KeyRingDialog(QDialog):
    saved = Signal()

    def __init__(self, parent: QWidget | None, owner: str, bridge: AsyncBridge) -> None:
        super().__init__(parent)
        self._owner = owner
        self._bridge = bridge
        self.keys: list[bytes] = []
        self.setObjectName("keyRingDialog")
        self.setAccessibleName(self.tr("SSE-C key ring"))
        self.setWindowTitle(self.tr("SSE-C Key Ring"))
        self.key_list = QListWidget(self)
        self.key_list.setObjectName("keyRingList")
        self.key_list.setAccessibleName(self.tr("Keys, the current one first"))
        self.paste_edit = QLineEdit(self)
        self.paste_edit.setObjectName("keyRingPasteEdit")
        self.paste_edit.setAccessibleName(self.tr("Key to add"))
        self.paste_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.paste_edit.setPlaceholderText(
            self.tr("Paste a key: 44 characters of base64 or 64 hex digits")
        )
        self.add_button = _button(
            self, self.tr("&Add"), "keyRingAddButton", self.tr("Add the pasted key")
        )
        self.generate_button = _button(
            self,
            self.tr("&Generate"),
            "keyRingGenerateButton",
            self.tr("Generate a new current key"),
        )
        self.import_button = _button(
            self, self.tr("&Import…"), "keyRingImportButton", self.tr("Import a key file")
        )
        self.up_button = _button(
            self, self.tr("Move &up"), "keyRingUpButton", self.tr("Move the key up")
        )
        self.down_button = _button(
            self, self.tr("Move &down"), "keyRingDownButton", self.tr("Move the key down")
        )
        self.current_button = _button(
            self,
            self.tr("Make &current"),
            "keyRingMakeCurrentButton",
            self.tr("Make the key the current one"),
        )
        self.remove_button = _button(
            self, self.tr("&Remove"), "keyRingRemoveButton", self.tr("Remove the key")
        )
        self.export_confirm = QCheckBox(translate("", EXPORT_WARNING), self)
        self.export_confirm.setObjectName("keyRingExportConfirm")
        self.export_confirm.setAccessibleName(
            self.tr("I understand what an exported key file allows")
        )
        self.export_button = _button(
            self,
            self.tr("&Export…"),
            "keyRingExportButton",
            self.tr("Export the key ring to a file"),
        )
        self.export_button.setEnabled(False)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("keyRingStatus")
        self.status_label.setAccessibleName(self.tr("Key ring status"))
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("keyRingButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("keyRingSaveButton")
        self.save_button.setAccessibleName(self.tr("Save the key ring"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("keyRingCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        self._layout()
        self._connect_signals()
        self._refresh()
        self._busy(True, self.tr("Reading the key ring…"))
        self._bridge.spawn(self._load(), "reading the key ring", on_error=self._failed)

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The first key encrypts uploads; all keys decrypt."), self))
        layout.addWidget(self.key_list)
        paste = QHBoxLayout()
        paste.addWidget(self.paste_edit)
        paste.addWidget(self.add_button)
        layout.addLayout(paste)
        grid = QGridLayout()
        for column, button in enumerate(
            (self.generate_button, self.import_button, self.up_button, self.down_button)
        ):
            grid.addWidget(button, 0, column)
        grid.addWidget(self.current_button, 1, 0)
        grid.addWidget(self.remove_button, 1, 1)
        layout.addLayout(grid)
        layout.addWidget(self.export_confirm)
        layout.addWidget(self.export_button)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_pasted)
        self.generate_button.clicked.connect(self.generate)
        self.import_button.clicked.connect(self._choose_import)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.current_button.clicked.connect(self.make_current)
        self.remove_button.clicked.connect(self.remove)
        self.export_confirm.toggled.connect(lambda _on: self._refresh())
        self.export_button.clicked.connect(self._choose_export)
        self.key_list.currentRowChanged.connect(lambda _row: self._refresh())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- editing (in memory until Save) ---------------------------------------------------------

    def add_pasted(self) -> None:
        text = self.paste_edit.text().strip().encode()
        self.paste_edit.clear()
        try:
            added = parse_keys(text, self.tr("pasted key"))
        except KeyFileError as exc:
            self._say(str(exc))
            return
        self._add(added, at_front=False)

    def generate(self) -> None:
        self._add([ring_store.new_key()], at_front=True)
        self._say(self.tr("A new key was generated and made current; save to keep it."))

    def _add(self, keys: list[bytes], at_front: bool) -> None:
        fresh = [k for k in keys if k not in self.keys]
        if len(fresh) < len(keys):
            self._say(self.tr("A key already in the ring was left out."))
        self.keys = [*fresh, *self.keys] if at_front else [*self.keys, *fresh]
        self._refresh(self.keys.index(fresh[0]) if fresh else None)

    def move(self, step: int) -> None:
        row = self.key_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.keys):
            return
        self.keys[row], self.keys[target] = self.keys[target], self.keys[row]
        self._refresh(target)

    def make_current(self) -> None:
        row = self.key_list.currentRow()
        if row > 0:
            self.keys.insert(0, self.keys.pop(row))
            self._refresh(0)

    def remove(self) -> None:
        row = self.key_list.currentRow()
        if row < 0:
            return
        removed = self.keys.pop(row)
        self._refresh(min(row, len(self.keys) - 1) if self.keys else None)
        self._say(
            self.tr(
                "Key {0} removed: objects still encrypted with it cannot be read once you save."
            ).format(fingerprint(removed))
        )

    def _refresh(self, select: int | None = None) -> None:
        row = self.key_list.currentRow() if select is None else select
        self.key_list.blockSignals(True)
        self.key_list.clear()
        for position, key in enumerate(self.keys, start=1):
            role = self.tr("current, encrypts") if position == 1 else self.tr("decrypts only")
            self.key_list.addItem(
                self.tr("{0}. {1} ({2}) - S3 key MD5 {3}").format(
                    position, fingerprint(key), role, key_md5(key)
                )
            )
        self.key_list.setCurrentRow(row if 0 <= row < len(self.keys) else -1)
        self.key_list.blockSignals(False)
        chosen = self.key_list.currentRow()
        self.up_button.setEnabled(chosen > 0)
        self.down_button.setEnabled(0 <= chosen < len(self.keys) - 1)
        self.current_button.setEnabled(chosen > 0)
        self.remove_button.setEnabled(chosen >= 0)
        self.export_button.setEnabled(bool(self.keys) and self.export_confirm.isChecked())

    # -- store and files (workers) ---------------------------------------------------------

    async def _load(self) -> None:
        self.keys = await self._bridge.run(ring_store.load_ring, self._owner)
        self._busy(
            False, "" if self.keys else self.tr("No key yet: generate, import or paste one.")
        )
        self._refresh(0 if self.keys else None)

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import SSE-C keys"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        self._bridge.spawn(self._import(path), "importing keys", on_error=self._failed)

    async def _import(self, path: Path) -> None:
        try:
            keys = await self._bridge.run(ring_store.import_keys, path)
        except KeyFileError as exc:
            self._say(str(exc))
            return
        self._add(keys, at_front=False)
        self._say(
            self.tr("Imported %n key(s) from {0}; save to keep them.", "", len(keys)).format(
                path.name
            )
        )

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export SSE-C keys"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if not self.export_confirm.isChecked():
            self._say(translate("", EXPORT_WARNING))
            return
        self._bridge.spawn(
            self._export(path, list(self.keys)), "exporting keys", on_error=self._failed
        )

    async def _export(self, path: Path, keys: list[bytes]) -> None:
        await self._bridge.run(ring_store.export_keys, path, keys)
        self._say(self.tr("Exported %n key(s) to {0}.", "", len(keys)).format(path))

    def save(self) -> None:
        self._busy(True, self.tr("Saving…"))
        self._bridge.spawn(
            self._save(list(self.keys)), "saving the key ring", on_error=self._failed
        )

    async def _save(self, keys: list[bytes]) -> None:
        await self._bridge.run(ring_store.save_ring, self._owner, keys)
        self._busy(False, "")
        self.saved.emit()
        self.accept()

    def _busy(self, busy: bool, status: str) -> None:
        self.save_button.setEnabled(not busy)
        self._say(status)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def _failed(self, error: object) -> None:
        self._busy(False, str(error))
