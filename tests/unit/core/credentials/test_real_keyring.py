"""The keyring round trip on a real Secret Service (GNOME Keyring on a private D-Bus session).

pytest itself runs outside any D-Bus session, so the check runs in a child process started by
`dbus-run-session`. Missing tools or a missing Secret Service fail this test: .ci/run installs
gnome-keyring and dbus.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_CHILD = """
import keyring
from keyring.backends.SecretService import Keyring

keyring.set_keyring(Keyring())
from app.core import secrets
from app.core.credentials.resolve import resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec

owner = "bookmark:real-keyring-test"
secrets.set_secret(owner, "secret-key", "s3cr3t-value")
assert secrets.get_secret(owner, "secret-key") == "s3cr3t-value", "read back differs"
spec = CredentialSpec(kind=CredentialKind.STATIC, access_key_id="AKIAREAL", secret_owner=owner)
assert resolve(spec).get_frozen_credentials().secret_key == "s3cr3t-value", "resolve differs"
secrets.delete_secret(owner, "secret-key")
assert secrets.get_secret(owner, "secret-key") is None, "not deleted"
print("ROUND-TRIP-OK")
"""


# Unlocks (creating it if need be) the login keyring, then runs the child script.
_UNLOCKED = (
    "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
    ' && exec "$0" -c "$1"'
)


def _keyring_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a child with its own home: the test's own login keyring, never the
    machine's."""
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": str(Path.cwd()),
    }


def _in_dbus_session(
    shell: str, child: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run `shell` on a private D-Bus session; it gets the Python executable as $0 and the
    child script as $1."""
    return subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", shell, sys.executable, child],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.real_keyring
def test_secret_round_trips_through_gnome_keyring(tmp_path: Path) -> None:
    result = _in_dbus_session(_UNLOCKED, _CHILD, _keyring_env(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ROUND-TRIP-OK")


_STORE_ONE = """
import keyring
from keyring.backends.SecretService import Keyring

keyring.set_keyring(Keyring())
from app.core import secrets

assert secrets.keyring_usable(), secrets.keyring_status()
secrets.set_secret("bookmark:locked-test", "secret-key", "kept-in-login-keyring")
print("STORED")
"""

_LOCKED = """
import keyring
from keyring.backends.SecretService import Keyring

keyring.set_keyring(Keyring())
from app.core import secrets

status = secrets.keyring_status()
assert not status.usable and status.reason == "KeyringLocked", status
assert secrets.active_place() is secrets.Place.SESSION
secrets.set_secret("bookmark:locked-test", "secret-key", "typed-this-session")
assert secrets.get_secret("bookmark:locked-test", "secret-key") == "typed-this-session"
print("LOCKED-MEANS-NO-KEYRING")
"""


@pytest.mark.real_keyring
def test_a_locked_keyring_whose_unlock_is_refused_counts_as_no_keyring(tmp_path: Path) -> None:
    """A login keyring exists but stays locked: its unlock prompt cannot be shown (no display,
    as in a headless or remote session), so the Secret Service refuses to unlock it."""
    env = _keyring_env(tmp_path)
    env["DISPLAY"] = ""  # no prompt can be shown
    env.pop("WAYLAND_DISPLAY", None)
    made = _in_dbus_session(_UNLOCKED, _STORE_ONE, env)
    assert made.returncode == 0 and made.stdout.strip().endswith("STORED"), made.stderr[-2000:]
    locked = 'gnome-keyring-daemon --start --components=secrets >/dev/null && exec "$0" -c "$1"'
    result = _in_dbus_session(locked, _LOCKED, env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("LOCKED-MEANS-NO-KEYRING")
