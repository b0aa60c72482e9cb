"""Words for the secret stores (system keyring, Eider's vault, key files): what happened and
what to do. The exceptions in `app.core.secrets.errors` carry only facts."""

from __future__ import annotations

from app.core.errors.model import ErrorKind, Remedy, UserError
from app.core.secrets.errors import (
    KeyFileUnreadable,
    KeyFileUnsafe,
    KeyringDropped,
    KeyringUnavailable,
    SecretNotGiven,
    SecretStoreError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultMissing,
    VaultTooNew,
    VaultWrongPassword,
    WeakMasterPassword,
)

# How to get a keyring on the common Linux desktops; shown once, in the banner and the README.
START_A_KEYRING = (
    "To keep secrets in a system keyring instead, start one and unlock it, then restart "
    "Eider: on GNOME, GNOME Keyring (package gnome-keyring) starts with the session; on KDE, "
    "enable KWallet in System Settings; in a headless or remote session, run "
    "`dbus-run-session -- bash`, then in that shell `gnome-keyring-daemon --unlock "
    "--components=secrets` (type the keyring's password, then Ctrl+D) and start Eider from it."
)


def no_keyring_words(reason: str) -> str:
    return (
        f"No system keyring is available ({reason}), so Eider asks for a bookmark's secret "
        "when it connects and keeps it for this session only, or in its own encrypted vault "
        "if you choose."
    )


def secret_store_words(exc: SecretStoreError) -> tuple[str, str]:
    """(what happened, what to do) for one secret-store failure; never holds a secret."""
    if isinstance(exc, KeyringUnavailable):
        return (
            f"The system keyring is not available ({exc.reason}), so this secret cannot be "
            "kept in it.",
            "Keep it for this session only or in Eider's encrypted vault instead. "
            + START_A_KEYRING,
        )
    if isinstance(exc, KeyringDropped):
        return (
            "The system keyring did not keep the secret (its backend stores nothing).",
            "Configure a working keyring, or unset PYTHON_KEYRING_BACKEND so that Eider uses "
            "its vault or session memory instead.",
        )
    if isinstance(exc, VaultLocked):
        return (
            "Eider's vault is locked.",
            "Give the vault's master password (Eider asks once per session), or choose "
            "'this session only'.",
        )
    if isinstance(exc, VaultMissing):
        return ("Eider's vault has not been created yet.", "Create it with a master password.")
    if isinstance(exc, VaultExists):
        return (
            "Eider's vault already exists.",
            "Unlock it with its master password instead of creating a new one.",
        )
    if isinstance(exc, VaultWrongPassword):
        return (
            "The master password does not open Eider's vault.",
            "Type it again (it is case-sensitive).",
        )
    if isinstance(exc, VaultDamaged):
        return (
            f"Eider's vault {exc.path} cannot be read: {exc.why}.",
            "Restore it from a backup, or move it away to start an empty vault; the secrets "
            "in it would then have to be typed again.",
        )
    if isinstance(exc, VaultTooNew):
        return (
            f"Eider's vault {exc.path} was written by a newer Eider (format {exc.version}).",
            "Update Eider; the file was left untouched.",
        )
    if isinstance(exc, WeakMasterPassword):
        return (
            f"The master password is too short (at least {exc.minimum} characters).",
            "Choose a longer one; a few unrelated words are easy to remember.",
        )
    if isinstance(exc, KeyFileUnsafe):
        return (
            f"The key file {exc.path} is not used because {exc.why}.",
            f"Make it readable by your user only (chmod 600 {exc.path}), or delete it to "
            "have a new key made.",
        )
    if isinstance(exc, KeyFileUnreadable):
        return (
            f"The key file {exc.path} cannot be read ({exc.why}).",
            "Check the file's permissions, or delete it to have a new key made.",
        )
    if isinstance(exc, SecretNotGiven):
        return (
            f"No secret key for '{exc.name}' (access key ID {exc.access_key_id}) is stored, "
            "there is no system keyring, and there is no terminal to ask on.",
            "Set AWS_SECRET_ACCESS_KEY, or keep the secret in Eider's vault and set "
            "EIDER_VAULT_PASSWORD, or run the command on a terminal.",
        )
    return ("The secret store failed.", "Try again.")


_KINDS: list[tuple[type[SecretStoreError], ErrorKind]] = [
    (KeyringUnavailable, ErrorKind.KEYRING_UNAVAILABLE),
    (KeyringDropped, ErrorKind.KEYRING_UNAVAILABLE),
    (VaultLocked, ErrorKind.VAULT_LOCKED),
    (VaultWrongPassword, ErrorKind.VAULT_PASSWORD),
    (VaultDamaged, ErrorKind.VAULT_DAMAGED),
    (VaultTooNew, ErrorKind.VAULT_DAMAGED),
    (SecretNotGiven, ErrorKind.NO_CREDENTIALS),
]


def describe_missing_keyring(reason: str) -> UserError:
    """The one-time notice when Eider starts without a usable keyring."""
    return UserError(
        ErrorKind.KEYRING_UNAVAILABLE, no_keyring_words(reason), START_A_KEYRING, reason
    )


def describe_secret_store_error(exc: SecretStoreError, operation: str = "") -> UserError:
    message, fix = secret_store_words(exc)
    kind = next((k for cls, k in _KINDS if isinstance(exc, cls)), ErrorKind.SECRET_STORE)
    return UserError(
        kind,
        message,
        fix,
        code=type(exc).__name__,
        operation=operation,
        remedy=Remedy.EDIT_CREDENTIALS if kind is ErrorKind.NO_CREDENTIALS else Remedy.NONE,
    )
