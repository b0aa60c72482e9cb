"""`eider vault status` and `eider vault change-password` (on a pseudo-terminal)."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.cli.main import main
from app.core import secrets
from app.core.secrets import Vault
from tests.fixtures.plaintext_scan import files_holding
from tests.fixtures.terminal import on_a_terminal

PASSWORD = "the first master password"
NEW = "the second master password"
SECRET = "secret-kept-in-the-vault-1234567890"


def test_status_says_where_new_secrets_go(capsys) -> None:
    assert main(["vault", "status"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["keyring"]["usable"] is True and shown["new_secrets_go_to"] == "keyring"
    assert shown["vault"] == {"path": str(secrets.the_vault().path), "exists": False}

    keyring.set_keyring(fail.Keyring())
    assert main(["vault", "status"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["keyring"] == {
        "usable": False,
        "backend": "keyring.backends.fail.Keyring",
        "reason": "keyring.backends.fail.Keyring",
    }
    assert shown["new_secrets_go_to"] == "session"


def test_change_password_needs_a_vault_and_a_terminal(capsys) -> None:
    assert main(["vault", "change-password"]) == 2
    assert "does not exist yet" in capsys.readouterr().err
    Vault().create(PASSWORD)
    assert main(["vault", "change-password"]) == 2
    assert "on a terminal" in capsys.readouterr().err


@pytest.mark.usefixtures("no_keyring")
def test_change_passwordon_a_terminal(isolated_environment: Path) -> None:
    vault = Vault()
    vault.create(PASSWORD)
    vault.put("bookmark:1/secret-key", SECRET)

    code, _out, shown = on_a_terminal(
        ["vault", "change-password"],
        [
            ("Current master password", "wrong password"),
            ("New master password", NEW),
            ("again", NEW),
        ],
        isolated_environment,
    )
    assert code == 3 and "master password does not open Eider's vault" in shown
    code, out, shown = on_a_terminal(
        ["vault", "change-password"],
        [("Current master password", PASSWORD), ("New master password", NEW), ("again", NEW)],
        isolated_environment,
    )
    assert code == 0, shown
    assert "now opens with the new master password" in out
    with pytest.raises(secrets.VaultWrongPassword):
        Vault().unlock(PASSWORD)
    later = Vault()
    later.unlock(NEW)
    assert later.get("bookmark:1/secret-key") == SECRET
    assert NEW not in shown and PASSWORD not in shown  # never echoed
    assert files_holding(SECRET) == [] and files_holding(NEW) == []
