"""Eider's own encrypted vault: secrets kept across sessions when there is no system keyring.

One file under the data folder (user-only, written atomically, format in `vault_format`).
Unlocked once per session with the master password; the derived key stays in memory, the
password does not. Every change re-reads the file first, so the window and a command run in
between do not overwrite each other's entries.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.core import paths
from app.core.atomic_file import write_atomically
from app.core.secrets import vault_format
from app.core.secrets.errors import (
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultMissing,
    WeakMasterPassword,
)
from app.core.secrets.vault_format import KdfParams, VaultKey

FILE_NAME = "secrets.vault"
MIN_PASSWORD_LENGTH = 8


def default_path() -> Path:
    return paths.data_dir() / FILE_NAME


class Vault:
    def __init__(self, path: Path | None = None, work_factor: int = vault_format.DEFAULT_N) -> None:
        self.path = path or default_path()
        self._work_factor = work_factor
        self._lock = threading.RLock()
        self._key: VaultKey | None = None
        self._entries: dict[str, str] = {}

    def exists(self) -> bool:
        return self.path.is_file()

    @property
    def unlocked(self) -> bool:
        return self._key is not None

    def create(self, password: str) -> None:
        """A new, empty vault; refuses to replace one that exists."""
        _check_strength(password)
        with self._lock:
            if self.exists():
                raise VaultExists()
            key = vault_format.derive(password, KdfParams.fresh(self._work_factor))
            self._write({}, key)
            self._key, self._entries = key, {}

    def unlock(self, password: str) -> None:
        """Raises VaultMissing, VaultWrongPassword, VaultDamaged or VaultTooNew."""
        with self._lock:
            text = self._read()
            key = vault_format.derive(password, vault_format.read_params(text, self.path))
            self._entries = vault_format.open_sealed(text, key, self.path)
            self._key = key

    def lock(self) -> None:
        with self._lock:
            self._key, self._entries = None, {}

    def change_password(self, old: str, new: str) -> None:
        """Checks `old` against the file, then re-encrypts everything under `new` (new salt)."""
        _check_strength(new)
        with self._lock:
            self.unlock(old)
            key = vault_format.derive(new, KdfParams.fresh(self._work_factor))
            self._write(self._entries, key)
            self._key = key

    def get(self, account: str) -> str | None:
        with self._lock:
            self._require_key()
            return self._entries.get(account)

    def accounts(self) -> list[str]:
        with self._lock:
            self._require_key()
            return sorted(self._entries)

    def put(self, account: str, value: str) -> None:
        with self._lock:
            entries = self._fresh_entries()
            entries[account] = value
            self._write(entries, self._require_key())
            self._entries = entries

    def delete(self, account: str) -> None:
        with self._lock:
            entries = self._fresh_entries()
            if entries.pop(account, None) is not None:
                self._write(entries, self._require_key())
            self._entries = entries

    def _require_key(self) -> VaultKey:
        if self._key is None:
            raise VaultLocked()
        return self._key

    def _fresh_entries(self) -> dict[str, str]:
        key = self._require_key()
        if not self.exists():
            raise VaultMissing()
        return vault_format.open_sealed(self._read(), key, self.path)

    def _read(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise VaultMissing() from None
        except UnicodeDecodeError:
            raise VaultDamaged(self.path, "it is not a vault file (not text)") from None

    def _write(self, entries: dict[str, str], key: VaultKey) -> None:
        write_atomically(self.path, vault_format.seal(entries, key))  # a 0600 temp file, renamed
        self.path.chmod(0o600)


def _check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakMasterPassword(MIN_PASSWORD_LENGTH)
