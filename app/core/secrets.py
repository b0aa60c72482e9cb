"""Secrets (secret keys, session tokens, SSE-C and client-side keys) live in the OS keyring.

This is the only module that talks to `keyring`. Names are stable: service ``eider`` and an
account of the form ``<owner>/<kind>``, e.g. ``bookmark:6f1c.../secret-key``.
"""

from __future__ import annotations

import keyring
import keyring.errors

from app.core.explained import ExplainedError

SERVICE = "eider"


class SecretStoreError(RuntimeError, ExplainedError):
    """The OS keyring could not be used; the message says what to do."""


def account(owner: str, kind: str) -> str:
    return f"{owner}/{kind}"


def _unavailable(exc: Exception) -> SecretStoreError:
    return SecretStoreError(
        "The system keyring is not available, so Eider cannot store or read secrets "
        f"({type(exc).__name__}). On Linux, start a Secret Service (GNOME Keyring or KWallet) "
        "and unlock it, then try again."
    )


def set_secret(owner: str, kind: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, account(owner, kind), value)
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from None


def get_secret(owner: str, kind: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account(owner, kind))
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from None


def delete_secret(owner: str, kind: str) -> None:
    try:
        keyring.delete_password(SERVICE, account(owner, kind))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise _unavailable(exc) from None
