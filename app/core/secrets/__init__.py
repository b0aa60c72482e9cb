"""Secrets (secret keys, session tokens, SSE-C and client-side keys): where they live.

In the system keyring when one is usable; without one, in Eider's encrypted vault (when the
user chose it and gave the master password this session) or in this session's memory. Lookups
try the keyring, then the vault, then memory, so a secret that moved between them is still
found. Names are stable: service ``eider``, account ``<owner>/<kind>``. Only
`system_keyring` talks to `keyring`. Calls may block (D-Bus, scrypt): not on the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading

from app.core.secrets import session_memory, system_keyring
from app.core.secrets import vault as vault_module
from app.core.secrets.errors import (
    KeyringUnavailable,
    SecretNotGiven,
    SecretStoreError,
    VaultDamaged,
    VaultLocked,
    VaultMissing,
    VaultWrongPassword,
)
from app.core.secrets.places import DESCRIPTIONS, LOOKUP_ORDER, Place
from app.core.secrets.system_keyring import SERVICE, KeyringStatus
from app.core.secrets.vault import Vault

__all__ = [
    "DESCRIPTIONS",
    "SERVICE",
    "KeyringStatus",
    "KeyringUnavailable",
    "Place",
    "SecretNotGiven",
    "SecretStoreError",
    "Vault",
    "VaultDamaged",
    "VaultLocked",
    "VaultMissing",
    "VaultWrongPassword",
    "account",
    "active_place",
    "delete_secret",
    "get_secret",
    "keyring_status",
    "keyring_usable",
    "set_secret",
    "the_vault",
    "where",
]

_vault_lock = threading.Lock()
_vault: Vault | None = None


def account(owner: str, kind: str) -> str:
    return f"{owner}/{kind}"


def keyring_status() -> KeyringStatus:
    return system_keyring.status()


def keyring_usable() -> bool:
    return system_keyring.status().usable


def the_vault() -> Vault:
    """This session's vault object (locked until the master password is given)."""
    global _vault
    path = vault_module.default_path()
    with _vault_lock:
        if _vault is None or _vault.path != path:
            _vault = Vault(path)
        return _vault


def active_place() -> Place:
    """Where a secret goes when the caller does not choose."""
    if keyring_usable():
        return Place.KEYRING
    if the_vault().unlocked:
        return Place.VAULT
    return Place.SESSION


def where(owner: str, kind: str) -> Place | None:
    name = account(owner, kind)
    for place in LOOKUP_ORDER:
        if _get(place, name) is not None:
            return place
    return None


def get_secret(owner: str, kind: str) -> str | None:
    name = account(owner, kind)
    for place in LOOKUP_ORDER:
        value = _get(place, name)
        if value is not None:
            return value
    return None


def set_secret(owner: str, kind: str, value: str, place: Place | None = None) -> None:
    """Store in `place` (default: `active_place()`), then drop copies kept elsewhere so the
    lookup order cannot find an older one first. Raises KeyringUnavailable or VaultLocked
    when the chosen place cannot be written."""
    name = account(owner, kind)
    target = place or active_place()
    if target is Place.KEYRING:
        if not keyring_usable():
            raise KeyringUnavailable(keyring_status().reason)
        system_keyring.put(name, value)
    elif target is Place.VAULT:
        the_vault().put(name, value)
    elif target is Place.SESSION:
        session_memory.put(name, value)
    else:
        raise ValueError(f"secrets are not written to {target}")
    for other in LOOKUP_ORDER:
        if other is not target:
            with contextlib.suppress(SecretStoreError):  # a copy left behind is found later
                _delete(other, name)


def delete_secret(owner: str, kind: str) -> None:
    """From every place Eider can reach now (a locked vault keeps its copy, encrypted)."""
    name = account(owner, kind)
    for place in LOOKUP_ORDER:
        _delete(place, name)


def _get(place: Place, name: str) -> str | None:
    if place is Place.KEYRING:
        if not keyring_usable():
            return None
        with contextlib.suppress(KeyringUnavailable):
            return system_keyring.get(name)
        return None
    if place is Place.VAULT:
        vault = the_vault()
        return vault.get(name) if vault.unlocked else None
    return session_memory.get(name)


def _delete(place: Place, name: str) -> None:
    if place is Place.KEYRING:
        if keyring_usable():
            system_keyring.delete(name)
    elif place is Place.VAULT:
        vault = the_vault()
        if vault.unlocked:
            vault.delete(name)
    else:
        session_memory.delete(name)
