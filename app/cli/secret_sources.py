"""Where a command gets a bookmark's secret when there is no system keyring.

In order: the keyring; Eider's vault (master password from EIDER_VAULT_PASSWORD, else asked on
the terminal; also tried with a keyring, for a secret kept there before the keyring appeared);
then, without a keyring, the environment (AWS_SECRET_ACCESS_KEY, when AWS_ACCESS_KEY_ID is
unset or names the bookmark's key) and the terminal (the secret itself, kept for this run
only). With none of them, SecretNotGiven: the command exits 3 with words saying what to set.
"""

from __future__ import annotations

import getpass
import os
import sys

from app.core import secrets
from app.core.bookmarks.model import SECRET_KEY, SESSION_TOKEN, Bookmark
from app.core.connection import Connection
from app.core.credentials.spec import CredentialKind
from app.core.secrets import Place

VAULT_PASSWORD_ENV = "EIDER_VAULT_PASSWORD"  # noqa: S105 (a variable's name)
_KEYED_KINDS = (CredentialKind.STATIC, CredentialKind.ASSUME_ROLE)


def has_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask_hidden(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


def open_vault(create: bool = False) -> bool:
    """Unlock this run's vault (or, with `create`, make one: the password is asked twice).
    False when there is no vault to open or no password to open it with."""
    vault = secrets.the_vault()
    if vault.unlocked:
        return True
    if not vault.exists() and not create:
        return False
    password = os.environ.get(VAULT_PASSWORD_ENV, "")
    if vault.exists():
        if not password and has_terminal():
            password = ask_hidden("Master password for Eider's vault: ")
        if not password:
            return False
        vault.unlock(password)  # VaultWrongPassword / VaultDamaged: exit 3 with their words
        return True
    if not password and has_terminal():
        password = ask_hidden("New master password for Eider's vault: ")
        if password and ask_hidden("The same master password again: ") != password:
            print("eider: the two master passwords differ; the vault was not made", file=sys.stderr)
            return False
    if not password:
        return False
    vault.create(password)
    print(f"eider: made Eider's vault {vault.path}", file=sys.stderr)
    return True


def ensure_bookmark_secret(bookmark: Bookmark, connection: Connection) -> None:
    """Make the bookmark's secret key findable for this run, or raise SecretNotGiven."""
    spec = connection.credentials
    if spec.kind not in _KEYED_KINDS or spec.secret_file or not spec.secret_owner:
        return
    owner = spec.secret_owner
    if secrets.get_secret(owner, SECRET_KEY):
        return
    if open_vault() and secrets.get_secret(owner, SECRET_KEY):
        return  # kept in the vault, maybe before a keyring appeared
    if secrets.keyring_usable():
        return  # the keyring answers: a missing secret is the usual credential error
    from_env = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    env_key_id = os.environ.get("AWS_ACCESS_KEY_ID", "")
    if from_env and env_key_id in ("", spec.access_key_id):
        secrets.set_secret(owner, SECRET_KEY, from_env, Place.SESSION)
        token = os.environ.get("AWS_SESSION_TOKEN", "")
        if token:
            secrets.set_secret(owner, SESSION_TOKEN, token, Place.SESSION)
        return
    if has_terminal():
        typed = ask_hidden(f"Secret access key for '{bookmark.nickname}' ({spec.access_key_id}): ")
        if typed:
            secrets.set_secret(owner, SECRET_KEY, typed, Place.SESSION)
            return
    raise secrets.SecretNotGiven(bookmark.nickname, spec.access_key_id)
