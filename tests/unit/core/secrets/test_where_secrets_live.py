"""Which store is active, and a secret found wherever it was kept (keyring, vault, memory)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail, null

from app.core import secrets
from app.core.errors import ErrorKind, describe
from app.core.secrets import Place, session_memory, system_keyring
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.no_keyring import BrokenBusKeyring, LockedKeyring
from tests.fixtures.plaintext_scan import file_count, files_holding

OWNER = "bookmark:0f6f7a1e-3a42-4c2e-9d0e-5b8d1f1f0b11"
PASSWORD = "a long master password"


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (fail.Keyring(), "keyring.backends.fail.Keyring"),
        (null.Keyring(), "keyring.backends.null.Keyring"),
        (LockedKeyring(), "KeyringLocked"),
        (BrokenBusKeyring(), "InitError"),
    ],
)
def test_backends_that_count_as_no_keyring(
    backend: keyring.backend.KeyringBackend, reason: str
) -> None:
    keyring.set_keyring(backend)
    status = secrets.keyring_status()
    assert not status.usable and status.reason == reason
    assert secrets.active_place() is Place.SESSION
    secrets.set_secret(OWNER, "secret-key", "in memory")
    assert secrets.where(OWNER, "secret-key") is Place.SESSION
    with pytest.raises(secrets.KeyringUnavailable) as caught:
        secrets.set_secret(OWNER, "secret-key", "x", Place.KEYRING)
    error = describe(caught.value)
    assert error.kind is ErrorKind.KEYRING_UNAVAILABLE and "GNOME Keyring" in error.fix


def test_the_probe_runs_once_per_backend(memory_keyring: MemoryKeyring) -> None:
    calls = []
    original = memory_keyring.get_password

    def counting(service: str, username: str) -> str | None:
        calls.append(username)
        return original(service, username)

    memory_keyring.get_password = counting  # type: ignore[method-assign]
    assert secrets.keyring_usable() and secrets.keyring_usable()
    assert calls.count("eider/keyring-probe") == 1
    keyring.set_keyring(fail.Keyring())
    assert not secrets.keyring_usable()  # a new backend is probed again


def test_a_keyring_failing_later_is_probed_again(memory_keyring: MemoryKeyring) -> None:
    assert secrets.keyring_usable()

    def broken(service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked again")

    memory_keyring.set_password = broken  # type: ignore[method-assign]
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.set_secret(OWNER, "secret-key", "x")
    assert system_keyring.cached_status() is None


def test_with_a_keyring_secrets_go_there_and_nowhere_else(memory_keyring: MemoryKeyring) -> None:
    secrets.set_secret(OWNER, "secret-key", "in the keyring")
    assert memory_keyring.store == {("eider", f"{OWNER}/secret-key"): "in the keyring"}
    assert secrets.where(OWNER, "secret-key") is Place.KEYRING
    assert session_memory.get(f"{OWNER}/secret-key") is None


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_an_unlocked_vault_keeps_new_secrets() -> None:
    vault = secrets.the_vault()
    vault.create(PASSWORD)
    assert secrets.active_place() is Place.VAULT
    secrets.set_secret(OWNER, "secret-key", "kept")
    assert secrets.where(OWNER, "secret-key") is Place.VAULT
    vault.lock()  # a new session: the vault is there, its contents unreadable until unlocked
    assert secrets.get_secret(OWNER, "secret-key") is None
    vault.unlock(PASSWORD)
    assert secrets.get_secret(OWNER, "secret-key") == "kept"


def test_a_secret_that_moved_between_stores_keeps_working(
    memory_keyring: MemoryKeyring,
) -> None:
    keyring.set_keyring(fail.Keyring())
    secrets.set_secret(OWNER, "secret-key", "typed this session", Place.SESSION)
    secrets.the_vault().create(PASSWORD)
    secrets.set_secret(OWNER, "secret-key", "kept in the vault", Place.VAULT)
    # Choosing the vault later moves it there: the session copy is gone, the vault's found.
    assert session_memory.get(f"{OWNER}/secret-key") is None
    assert secrets.get_secret(OWNER, "secret-key") == "kept in the vault"
    # A keyring appears later (the user started GNOME Keyring): the vault copy still works...
    keyring.set_keyring(memory_keyring)
    assert secrets.where(OWNER, "secret-key") is Place.VAULT
    # ...and the next save goes to the keyring, removing the vault's copy.
    secrets.set_secret(OWNER, "secret-key", "now in the keyring")
    assert secrets.where(OWNER, "secret-key") is Place.KEYRING
    assert secrets.the_vault().get(f"{OWNER}/secret-key") is None
    secrets.delete_secret(OWNER, "secret-key")
    assert secrets.where(OWNER, "secret-key") is None


@pytest.mark.parametrize("mode", ["keyring", "session", "vault"])
def test_a_saved_bookmark_leaves_no_plaintext_secret_in_any_mode(
    mode: str, memory_keyring: MemoryKeyring
) -> None:
    from app.core.bookmarks import Bookmark, BookmarkStore

    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET"
    if mode != "keyring":
        keyring.set_keyring(fail.Keyring())
    if mode == "vault":
        secrets.the_vault().create(PASSWORD)
    store = BookmarkStore()
    bookmark = store.add(
        Bookmark(nickname="Lab", profile="s3-http", access_key_id="AKIALAB"), secret_key=secret
    )
    store.duplicate(bookmark.id)
    assert secrets.where(bookmark.secret_owner, "secret-key") is Place(mode)
    assert file_count() > 0
    assert files_holding(secret) == [] and files_holding(PASSWORD) == []
