"""What can go wrong with a secret store. The words are in `app.core.errors.secret_store`;
these classes only carry the facts (never a secret)."""

from __future__ import annotations

from pathlib import Path

from app.core.explained import ExplainedError


class SecretStoreError(RuntimeError, ExplainedError):
    """A secret cannot be stored or read; `str()` says what happened and what to do."""

    def __str__(self) -> str:
        from app.core.errors.secret_store import secret_store_words  # words live with the rules

        message, fix = secret_store_words(self)
        return f"{message} {fix}".strip()


class KeyringUnavailable(SecretStoreError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # the keyring exception's class name or the backend's name


class KeyringDropped(SecretStoreError):
    """The keyring accepted a secret and did not keep it (a backend that stores nothing)."""


class VaultLocked(SecretStoreError):
    """The vault holds secrets but its master password was not given in this session."""


class VaultMissing(SecretStoreError):
    """The vault was asked for before it was created."""


class VaultExists(SecretStoreError):
    """A vault was to be created where one already is."""


class VaultWrongPassword(SecretStoreError):
    pass


class VaultDamaged(SecretStoreError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path = path
        self.why = why


class VaultTooNew(SecretStoreError):
    def __init__(self, path: Path, version: int) -> None:
        super().__init__(version)
        self.path = path
        self.version = version


class WeakMasterPassword(SecretStoreError):
    def __init__(self, minimum: int) -> None:
        super().__init__(minimum)
        self.minimum = minimum


class KeyFileUnsafe(SecretStoreError):
    """A key file others could read (or not a plain file): refused rather than used."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path = path
        self.why = why


class KeyFileUnreadable(SecretStoreError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.path = path
        self.why = why


class SecretNotGiven(SecretStoreError):
    """No keyring, no stored secret, and no way to ask (no terminal): nothing can connect."""

    def __init__(self, name: str, access_key_id: str) -> None:
        super().__init__(name)
        self.name = name
        self.access_key_id = access_key_id
