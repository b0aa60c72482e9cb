"""Where a bookmark's secret key lives now (what `eider bookmark show` says), and whether
connecting must first ask the user for it. Never the secret. Blocking (the keyring probe):
call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.core import secrets
from app.core.bookmarks.connect import credential_kind, profile_for
from app.core.bookmarks.model import SECRET_KEY, Bookmark, BookmarkError
from app.core.credentials.spec import CredentialKind
from app.core.profiles import ProfileError
from app.core.secrets import DESCRIPTIONS, Place


@dataclass(frozen=True)
class SecretLocation:
    place: Place | None  # None: not found in any place Eider can read now
    path: str | None = None  # the key file, or the vault file
    vault_locked: bool = False  # a vault exists but was not unlocked: it may hold the secret

    def describe(self) -> str:
        if self.place is Place.KEY_FILE:
            return f"in {DESCRIPTIONS[self.place]}: {self.path}"
        if self.place is Place.VAULT:
            return f"in {DESCRIPTIONS[self.place]} ({self.path})"
        if self.place is not None:
            return f"in {DESCRIPTIONS[self.place]}"
        if self.vault_locked:
            return (
                f"not in the system keyring; Eider's vault ({self.path}) is locked, so "
                "whether it holds the secret is known only with its master password"
            )
        return "not stored: Eider asks for it when connecting"

    def to_json(self) -> dict[str, object]:
        return {
            "place": self.place.value if self.place else None,
            "path": self.path,
            "vault_locked": self.vault_locked,
            "description": self.describe(),
        }


def locate_secret(bookmark: Bookmark) -> SecretLocation:
    if bookmark.secret_file:
        return SecretLocation(Place.KEY_FILE, bookmark.secret_file)
    place = secrets.where(bookmark.secret_owner, SECRET_KEY)
    vault = secrets.the_vault()
    if place is Place.VAULT:
        return SecretLocation(place, str(vault.path))
    if place is not None:
        return SecretLocation(place)
    locked = vault.exists() and not vault.unlocked
    return SecretLocation(None, str(vault.path) if locked else None, vault_locked=locked)


class SecretNeed(Enum):
    """What connecting to a bookmark needs from the user before it can log in."""

    NOTHING = "nothing"  # a keyring answers, the secret is at hand, or none is used
    UNLOCK_VAULT = "unlock-vault"  # no keyring; the locked vault may hold it
    ASK = "ask"  # no keyring, and no place Eider can read holds the secret


_KEYED_KINDS = (CredentialKind.STATIC, CredentialKind.ASSUME_ROLE)


def secret_need(bookmark: Bookmark) -> SecretNeed:
    """Blocking (keyring probe). With a keyring, a secret in no place stays the login's
    failure (the connect dialog then asks for it)."""
    if bookmark.secret_file or not bookmark.access_key_id:
        return SecretNeed.NOTHING
    try:
        kind = credential_kind(bookmark, profile_for(bookmark))
    except (BookmarkError, ProfileError):
        return SecretNeed.NOTHING  # the login reports the bookmark's own problem
    if kind not in _KEYED_KINDS or secrets.get_secret(bookmark.secret_owner, SECRET_KEY):
        return SecretNeed.NOTHING
    vault = secrets.the_vault()
    if vault.exists() and not vault.unlocked:
        return SecretNeed.UNLOCK_VAULT  # also with a keyring: kept there before it appeared
    if secrets.keyring_usable():
        return SecretNeed.NOTHING
    return SecretNeed.ASK
