"""The key ring editor: add, generate, import, export (behind its warning), reorder, mark
current; keys saved to the secret store (the test keyring), shown by fingerprint only."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.sse_c import ring_store
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_file import read_key_file
from app.ui.async_bridge import AsyncBridge
from app.ui.dialogs.key_ring_dialog import KeyRingDialog
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.plaintext_scan import files_holding
from tests.gui.conftest import wait_for

pytestmark = pytest.mark.gui
OWNER = "bookmark:0b6c8a64-3d55-4c39-9a58-2a4f0f0d7c11"


def _open(qtbot: QtBot, bridge: AsyncBridge) -> KeyRingDialog:
    dialog = KeyRingDialog(None, OWNER, bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_for(qtbot, lambda: dialog.save_button.isEnabled())
    return dialog


def _rows(dialog: KeyRingDialog) -> list[str]:
    return [dialog.key_list.item(r).text() for r in range(dialog.key_list.count())]


def test_build_reorder_save_and_reload_a_ring(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _open(qtbot, bridge)
    assert dialog.keys == [] and "No key yet" in dialog.status_label.text()
    dialog.generate_button.click()
    generated = dialog.keys[0]
    pasted = os.urandom(32)
    dialog.paste_edit.setText(pasted.hex())
    dialog.add_button.click()
    imported = [os.urandom(32), os.urandom(32)]
    (tmp_path / "old.keys").write_text(
        "# two old keys\n" + "\n".join(base64.b64encode(k).decode() for k in imported) + "\n"
    )
    dialog.import_from(tmp_path / "old.keys")
    wait_for(qtbot, lambda: len(dialog.keys) == 4)
    assert dialog.keys == [generated, pasted, *imported]
    rows = _rows(dialog)
    assert "current, encrypts" in rows[0] and fingerprint(generated) in rows[0]
    assert all("decrypts only" in row for row in rows[1:])
    assert not any(k.hex() in "".join(rows) for k in dialog.keys)  # fingerprints only

    dialog.key_list.setCurrentRow(2)
    dialog.current_button.click()  # the first imported key becomes current
    assert dialog.keys == [imported[0], generated, pasted, imported[1]]
    dialog.key_list.setCurrentRow(3)
    dialog.up_button.click()
    assert dialog.keys == [imported[0], generated, imported[1], pasted]
    assert dialog.key_list.currentRow() == 2
    dialog.down_button.click()
    assert dialog.keys[3] == imported[1]
    dialog.key_list.setCurrentRow(1)
    dialog.remove_button.click()
    assert generated not in dialog.keys and "cannot be read" in dialog.status_label.text()

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert ring_store.load_ring(OWNER) == [imported[0], pasted, imported[1]]
    assert any(OWNER in name for _, name in memory_keyring.store)
    for key in dialog.keys:  # nothing Eider writes to disk holds a key
        assert files_holding(base64.b64encode(key).decode()) == []
        assert files_holding(key.hex()) == []

    again = _open(qtbot, bridge)
    assert again.keys == [imported[0], pasted, imported[1]]


def test_a_bad_paste_or_import_is_named_and_changes_nothing(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path
) -> None:
    dialog = _open(qtbot, bridge)
    dialog.paste_edit.setText("not a key")
    dialog.add_button.click()
    assert dialog.keys == []
    assert "line 1" in dialog.status_label.text()
    assert dialog.paste_edit.text() == ""  # a pasted secret does not linger in the field
    (tmp_path / "bad.keys").write_text("# fine\n" + "ab" * 31 + "\n")
    dialog.import_from(tmp_path / "bad.keys")
    wait_for(qtbot, lambda: "line 2" in dialog.status_label.text())
    assert dialog.keys == []


def test_export_needs_the_warning_acknowledged_and_writes_a_private_file(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path
) -> None:
    dialog = _open(qtbot, bridge)
    dialog.generate_button.click()
    dialog.generate_button.click()
    assert not dialog.export_button.isEnabled()
    assert "anyone who has it" in dialog.export_confirm.text()
    target = tmp_path / "ring.txt"
    dialog.export_to(target)
    assert not target.exists() and "anyone who has it" in dialog.status_label.text()
    dialog.export_confirm.setChecked(True)
    assert dialog.export_button.isEnabled()
    dialog.export_to(target)
    wait_for(qtbot, lambda: target.exists() and "Exported 2" in dialog.status_label.text())
    assert read_key_file(target) == dialog.keys
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
