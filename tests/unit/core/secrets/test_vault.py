"""Eider's vault: create, unlock, wrong password, damaged or altered file, password change."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest

from app.core.errors import ErrorKind, describe
from app.core.secrets import vault_format
from app.core.secrets.errors import (
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultMissing,
    VaultTooNew,
    VaultWrongPassword,
    WeakMasterPassword,
)
from app.core.secrets.vault import Vault

PASSWORD = "correct horse battery"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "secrets.vault"


def made(path: Path) -> Vault:
    vault = Vault(path)
    vault.create(PASSWORD)
    vault.put("bookmark:1/secret-key", SECRET)
    return vault


def test_a_created_vault_keeps_secrets_encrypted_in_a_user_only_file(vault_path: Path) -> None:
    vault = made(vault_path)
    assert vault.get("bookmark:1/secret-key") == SECRET
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    text = vault_path.read_text()
    assert SECRET not in text and "bookmark:1" not in text  # names are encrypted too
    document = json.loads(text)
    assert document["format"] == "eider-vault" and document["version"] == 1
    assert document["kdf"]["name"] == "scrypt" and document["kdf"]["n"] == 2**15
    assert len(base64.b64decode(document["kdf"]["salt"])) == 16
    assert [p.name for p in vault_path.parent.iterdir()] == ["secrets.vault"]  # no temp left


def test_another_session_unlocks_with_the_master_password(vault_path: Path) -> None:
    made(vault_path)
    later = Vault(vault_path)
    assert later.exists() and not later.unlocked
    with pytest.raises(VaultLocked):
        later.get("bookmark:1/secret-key")
    later.unlock(PASSWORD)
    assert later.get("bookmark:1/secret-key") == SECRET
    later.delete("bookmark:1/secret-key")
    assert Vault(vault_path).exists()
    again = Vault(vault_path)
    again.unlock(PASSWORD)
    assert again.accounts() == []


def test_a_wrong_password_is_told_apart_from_damage(vault_path: Path) -> None:
    made(vault_path)
    later = Vault(vault_path)
    with pytest.raises(VaultWrongPassword) as caught:
        later.unlock("Correct horse battery")
    assert not later.unlocked
    error = describe(caught.value)
    assert error.kind is ErrorKind.VAULT_PASSWORD
    assert "master password does not open" in str(error)


@pytest.mark.parametrize("field", ["ciphertext", "nonce"])
def test_an_altered_file_is_reported_as_damaged_not_as_a_wrong_password(
    vault_path: Path, field: str
) -> None:
    made(vault_path)
    document = json.loads(vault_path.read_text())
    raw = bytearray(base64.b64decode(document[field]))
    raw[len(raw) // 2] ^= 0x01
    document[field] = base64.b64encode(bytes(raw)).decode()
    vault_path.write_text(json.dumps(document))
    with pytest.raises(VaultDamaged) as caught:
        Vault(vault_path).unlock(PASSWORD)
    error = describe(caught.value)
    assert error.kind is ErrorKind.VAULT_DAMAGED
    assert str(vault_path) in error.message and "changed or damaged" in error.message


def test_an_altered_header_is_detected(vault_path: Path) -> None:
    made(vault_path)
    document = json.loads(vault_path.read_text())
    document["kdf"]["salt"] = base64.b64encode(b"\0" * 16).decode()
    vault_path.write_text(json.dumps(document))
    with pytest.raises(VaultWrongPassword):  # another salt derives another key
        Vault(vault_path).unlock(PASSWORD)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("", "not JSON"),
        ("{truncated", "not JSON"),
        ('{"format": "something-else", "version": 1}', "not an Eider vault"),
        (
            '{"format": "eider-vault", "version": 1, "kdf": {"name": "scrypt", "salt": "AAAA", '
            '"n": 1073741824, "r": 8, "p": 1}}',
            "out of range",
        ),
    ],
)
def test_a_corrupt_file_says_what_is_wrong(vault_path: Path, content: str, why: str) -> None:
    made(vault_path)
    vault_path.write_text(content)
    with pytest.raises(VaultDamaged) as caught:
        Vault(vault_path).unlock(PASSWORD)
    assert why in str(caught.value)
    assert vault_path.read_text() == content  # left as it was, for the user to recover


def test_a_newer_format_is_left_untouched(vault_path: Path) -> None:
    made(vault_path)
    document = json.loads(vault_path.read_text())
    document["version"] = 2
    vault_path.write_text(json.dumps(document))
    with pytest.raises(VaultTooNew) as caught:
        Vault(vault_path).unlock(PASSWORD)
    assert "newer Eider" in str(caught.value)


def test_changing_the_password_re_encrypts_with_a_new_salt(vault_path: Path) -> None:
    vault = made(vault_path)
    before = json.loads(vault_path.read_text())
    with pytest.raises(VaultWrongPassword):
        vault.change_password("not it at all", "a new master password")
    vault.change_password(PASSWORD, "a new master password")
    after = json.loads(vault_path.read_text())
    assert after["kdf"]["salt"] != before["kdf"]["salt"]
    with pytest.raises(VaultWrongPassword):
        Vault(vault_path).unlock(PASSWORD)
    later = Vault(vault_path)
    later.unlock("a new master password")
    assert later.get("bookmark:1/secret-key") == SECRET


def test_a_vault_unlocked_before_a_password_change_elsewhere_must_be_unlocked_again(
    vault_path: Path,
) -> None:
    window = made(vault_path)
    command = Vault(vault_path)
    command.change_password(PASSWORD, "changed by another process")
    with pytest.raises(VaultWrongPassword):
        window.put("bookmark:2/secret-key", "x")  # never overwrites the newer file
    command_view = Vault(vault_path)
    command_view.unlock("changed by another process")
    assert command_view.accounts() == ["bookmark:1/secret-key"]


def test_changes_from_another_process_are_kept(vault_path: Path) -> None:
    window = made(vault_path)
    command = Vault(vault_path)
    command.unlock(PASSWORD)
    command.put("bookmark:2/secret-key", "from the command line")
    window.put("bookmark:3/secret-key", "from the window")
    check = Vault(vault_path)
    check.unlock(PASSWORD)
    assert check.accounts() == [
        "bookmark:1/secret-key",
        "bookmark:2/secret-key",
        "bookmark:3/secret-key",
    ]


def test_create_refuses_short_passwords_and_an_existing_vault(vault_path: Path) -> None:
    with pytest.raises(WeakMasterPassword):
        Vault(vault_path).create("short")
    assert not vault_path.exists()
    made(vault_path)
    with pytest.raises(VaultExists):
        Vault(vault_path).create("another long password")
    with pytest.raises(VaultMissing):
        Vault(vault_path.with_name("none.vault")).unlock(PASSWORD)


def test_the_derived_key_never_shows_in_a_repr() -> None:
    key = vault_format.derive(PASSWORD, vault_format.KdfParams.fresh(n=2**10))
    assert "hidden" in repr(key) and key.aes_key.hex() not in repr(key)
