"""`eider vault status|change-password`: where secrets go, and the vault's master password."""

from __future__ import annotations

import argparse
import json

from app.cli import exit_codes
from app.cli.secret_sources import VAULT_PASSWORD_ENV, ask_hidden, has_terminal
from app.core import secrets


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "vault", help="Eider's encrypted vault, for secrets when there is no system keyring"
    )
    actions = parser.add_subparsers(dest="vault_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="print the keyring's and the vault's state (JSON)")
    status.set_defaults(func=_status)
    change = actions.add_parser(
        "change-password", help="re-encrypt the vault under a new master password (terminal)"
    )
    change.set_defaults(func=_change_password)


def _status(_args: argparse.Namespace) -> int:
    keyring = secrets.keyring_status()
    vault = secrets.the_vault()
    data = {
        "keyring": {"usable": keyring.usable, "backend": keyring.backend, "reason": keyring.reason},
        "vault": {"path": str(vault.path), "exists": vault.exists()},
        "new_secrets_go_to": secrets.active_place().value,
    }
    print(json.dumps(data, indent=2))
    return exit_codes.OK


def _change_password(_args: argparse.Namespace) -> int:
    vault = secrets.the_vault()
    if not vault.exists():
        exit_codes.say_error("Eider's vault does not exist yet; it is made when a secret is kept")
        return exit_codes.USAGE
    if not has_terminal():
        exit_codes.say_error(
            f"Changing the master password asks for it on a terminal ({VAULT_PASSWORD_ENV} "
            "is not used here); run the command on a terminal"
        )
        return exit_codes.USAGE
    old = ask_hidden("Current master password: ")
    new = ask_hidden("New master password: ")
    if ask_hidden("The new master password again: ") != new:
        exit_codes.say_error("The two new passwords differ; the vault was left as it was")
        return exit_codes.USAGE
    try:
        vault.change_password(old, new)
    except secrets.SecretStoreError as exc:
        return exit_codes.fail(exc)
    print(f"The vault {vault.path} now opens with the new master password")
    return exit_codes.OK
