"""`eider … --bookmark NAME` with no keyring: the vault, the environment, the terminal, or exit 3.

The in-process tests use keyring's fail backend (the `no_keyring` fixture); the terminal tests
run `python -m app` on a pseudo-terminal with PYTHON_KEYRING_BACKEND pointing at that backend.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.credentials.spec import CredentialKind
from app.core.secrets import Place
from tests.cli.conftest import ROOT
from tests.fixtures.plaintext_scan import file_count, files_holding
from tests.fixtures.servers import RunningS3
from tests.fixtures.terminal import on_a_terminal

PASSWORD = "vault master password"
FAIL_BACKEND = "keyring.backends.fail.Keyring"


def lab_bookmark(seaweed: RunningS3) -> Bookmark:
    """A saved connection to SeaweedFS whose secret is stored nowhere yet."""
    return BookmarkStore().add(
        Bookmark(
            nickname="Lab",
            profile="s3-http",
            host=seaweed.host,
            port=seaweed.port,
            access_key_id=seaweed.access_key,
            credential_kind=CredentialKind.STATIC,
        )
    )


pytestmark = pytest.mark.usefixtures("no_keyring")


def test_the_secret_comes_from_the_environment(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3, bucket: str
) -> None:
    bookmark = lab_bookmark(seaweed)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    assert main(["ls", "--bookmark", "Lab"]) == 0
    assert bucket in capsys.readouterr().out
    # Kept for this run only: in memory, never written to a store.
    assert secrets.where(bookmark.secret_owner, "secret-key") is Place.SESSION
    assert not secrets.the_vault().exists()
    assert file_count() > 0 and files_holding(seaweed.secret_key) == []


def test_the_environment_secret_of_another_key_id_is_not_used(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3
) -> None:
    lab_bookmark(seaweed)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIASOMEONEELSE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "their secret")
    assert main(["ls", "--bookmark", "Lab"]) == 3
    err = capsys.readouterr().err
    assert "No secret key for 'Lab'" in err and "no terminal to ask on" in err
    assert "their secret" not in err


def test_without_a_terminal_or_a_source_it_exits_3_and_says_what_to_set(
    capsys, seaweed: RunningS3
) -> None:
    lab_bookmark(seaweed)
    assert not sys.stdin.isatty()  # pytest's stdin: no terminal to ask on
    assert main(["ls", "--bookmark", "Lab"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("eider: error: No secret key for 'Lab'")
    assert "AWS_SECRET_ACCESS_KEY" in err and "EIDER_VAULT_PASSWORD" in err


def test_the_vault_opens_with_eider_vault_password(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3, bucket: str
) -> None:
    bookmark = lab_bookmark(seaweed)
    vault = secrets.Vault()
    vault.create(PASSWORD)
    vault.put(f"{bookmark.secret_owner}/secret-key", seaweed.secret_key)

    assert main(["ls", "--bookmark", "Lab"]) == 3  # locked, and no password to open it
    assert "No secret key for 'Lab'" in capsys.readouterr().err

    monkeypatch.setenv("EIDER_VAULT_PASSWORD", "not the password")
    assert main(["ls", "--bookmark", "Lab"]) == 3
    err = capsys.readouterr().err
    assert "master password does not open Eider's vault" in err and "not the password" not in err

    monkeypatch.setenv("EIDER_VAULT_PASSWORD", PASSWORD)
    assert main(["ls", "--bookmark", "Lab"]) == 0
    assert bucket in capsys.readouterr().out
    assert files_holding(seaweed.secret_key) == [] and files_holding(PASSWORD) == []


def test_bookmark_add_without_a_keyring_keeps_the_secret_in_the_vault(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3
) -> None:
    monkeypatch.setenv("EIDER_VAULT_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(seaweed.secret_key + "\n"))
    args = ["bookmark", "add", "--profile", "s3-http", "--nickname", "Kept"]
    args += ["--host", seaweed.host, "--port", str(seaweed.port)]
    args += ["--access-key", seaweed.access_key, "--secret-stdin"]
    assert main(args) == 0
    capsys.readouterr()
    later = secrets.Vault()
    later.unlock(PASSWORD)
    bookmark = BookmarkStore().get("Kept")
    assert later.get(f"{bookmark.secret_owner}/secret-key") == seaweed.secret_key

    secrets.the_vault().lock()  # as in a new run: show opens it with EIDER_VAULT_PASSWORD
    assert main(["bookmark", "show", "Kept"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["secret_key_location"]["place"] == "vault"
    assert shown["secret_key_location"]["path"] == str(later.path)
    assert seaweed.secret_key not in json.dumps(shown)
    assert files_holding(seaweed.secret_key) == []


def test_bookmark_show_says_where_the_secret_lives(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3, memory_keyring: object
) -> None:
    bookmark = lab_bookmark(seaweed)

    def location() -> dict[str, object]:
        assert main(["bookmark", "show", "Lab"]) == 0
        return json.loads(capsys.readouterr().out)["secret_key_location"]

    assert location()["place"] is None
    assert "asks for it when connecting" in str(location()["description"])
    secrets.Vault().create(PASSWORD)  # a vault exists but this run cannot open it
    shown = location()
    assert shown["place"] is None and shown["vault_locked"] is True
    assert "is locked" in str(shown["description"])

    import keyring

    keyring.set_keyring(memory_keyring)  # type: ignore[arg-type]
    secrets.set_secret(bookmark.secret_owner, "secret-key", seaweed.secret_key)
    shown = location()
    assert shown == {
        "place": "keyring",
        "path": None,
        "vault_locked": False,
        "description": "in the system keyring",
    }
    sandbox_like = BookmarkStore().add(
        Bookmark(nickname="Filed", profile="s3-http", secret_file="/x/keys/secret-key")
    )
    assert main(["bookmark", "show", sandbox_like.id]) == 0
    shown = json.loads(capsys.readouterr().out)["secret_key_location"]
    assert shown["place"] == "key-file" and shown["path"] == "/x/keys/secret-key"


def test_on_a_terminal_the_secret_is_asked_and_not_kept(
    seaweed: RunningS3, bucket: str, isolated_environment: Path
) -> None:
    lab_bookmark(seaweed)
    code, out, err = on_a_terminal(
        ["ls", "--bookmark", "Lab"],
        [("Secret access key", seaweed.secret_key)],
        isolated_environment,
    )
    assert code == 0, err
    assert bucket in out
    assert f"Secret access key for 'Lab' ({seaweed.access_key})" in err
    assert seaweed.secret_key not in out + err  # not echoed
    assert not secrets.Vault().exists()
    assert files_holding(seaweed.secret_key) == []
    # For that run only: the next run (a restart) has no secret and no terminal to ask on.
    again = subprocess.run(
        [sys.executable, "-m", "app", "ls", "--bookmark", "Lab"],
        cwd=ROOT,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": FAIL_BACKEND},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 3, again.stderr
    assert "No secret key for 'Lab'" in again.stderr


def test_on_a_terminal_the_vault_password_is_asked(
    seaweed: RunningS3, bucket: str, isolated_environment: Path
) -> None:
    bookmark = lab_bookmark(seaweed)
    vault = secrets.Vault()
    vault.create(PASSWORD)
    vault.put(f"{bookmark.secret_owner}/secret-key", seaweed.secret_key)
    code, out, err = on_a_terminal(
        ["ls", "--bookmark", "Lab"], [("Master password", PASSWORD)], isolated_environment
    )
    assert code == 0, err
    assert bucket in out and "Master password for Eider's vault" in err
    code, out, err = on_a_terminal(
        ["ls", "--bookmark", "Lab"], [("Master password", "wrong password")], isolated_environment
    )
    assert code == 3
    assert "master password does not open Eider's vault" in err


def test_a_secret_kept_in_the_vault_still_works_once_a_keyring_appears(
    capsys, monkeypatch: pytest.MonkeyPatch, seaweed: RunningS3, bucket: str, memory_keyring
) -> None:
    import keyring

    bookmark = lab_bookmark(seaweed)
    vault = secrets.Vault()
    vault.create(PASSWORD)
    vault.put(f"{bookmark.secret_owner}/secret-key", seaweed.secret_key)
    keyring.set_keyring(memory_keyring)  # the user started GNOME Keyring since
    monkeypatch.setenv("EIDER_VAULT_PASSWORD", PASSWORD)
    assert main(["ls", "--bookmark", "Lab"]) == 0
    assert bucket in capsys.readouterr().out
    assert memory_keyring.store == {}  # found in the vault; nothing copied


def test_without_the_vault_password_and_with_a_keyring_the_usual_error_is_given(
    capsys, seaweed: RunningS3, memory_keyring
) -> None:
    import keyring

    lab_bookmark(seaweed)
    keyring.set_keyring(memory_keyring)
    assert main(["ls", "--bookmark", "Lab"]) == 3
    assert "is stored in the system keyring" in capsys.readouterr().err
