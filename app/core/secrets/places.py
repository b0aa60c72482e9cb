"""The places a secret can live, in the order Eider looks in them."""

from __future__ import annotations

from enum import StrEnum


class Place(StrEnum):
    KEYRING = "keyring"  # the system keyring (Secret Service, KWallet, macOS, Windows)
    VAULT = "vault"  # Eider's encrypted vault file, unlocked by a master password
    SESSION = "session"  # this process's memory: gone when Eider exits
    KEY_FILE = "key-file"  # a user-only file named by the bookmark (the local sandbox)


LOOKUP_ORDER = (Place.KEYRING, Place.VAULT, Place.SESSION)

DESCRIPTIONS = {
    Place.KEYRING: "the system keyring",
    Place.VAULT: "Eider's encrypted vault",
    Place.SESSION: "memory, for this session only",
    Place.KEY_FILE: "a file only your user can read",
}
