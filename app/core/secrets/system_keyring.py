"""The system keyring: the only module that talks to `keyring`.

Whether a usable keyring exists is found out once per backend and cached: keyring's null and
fail backends, a `KeyringError` (no Secret Service on the bus, D-Bus missing) and a locked
keyring whose unlock is refused (`KeyringLocked`) all count as "no keyring".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backends import fail, null

from app.core.secrets.errors import KeyringUnavailable

log = logging.getLogger(__name__)

SERVICE = "eider"
_PROBE_ACCOUNT = "eider/keyring-probe"


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str  # the backend's class name, for "bookmark show" and the log
    reason: str = ""  # why not usable: an exception's class name, or the backend's name


_lock = threading.Lock()
_cached: tuple[object, KeyringStatus] | None = None


def cached_status() -> KeyringStatus | None:
    """What `status` found last, or None when it must probe again."""
    with _lock:
        return _cached[1] if _cached is not None else None


def status() -> KeyringStatus:
    """Blocking the first time (a D-Bus round trip, maybe an unlock prompt); cached after."""
    global _cached
    backend = keyring.get_keyring()
    with _lock:
        if _cached is not None and _cached[0] is backend:
            return _cached[1]
        found = _probe(backend)
        _cached = (backend, found)
    if not found.usable:
        log.info("No usable keyring (%s): secrets go to the vault or session memory", found.reason)
    return found


def forget_status() -> None:
    """Probe again next time (after the user started a keyring, or a keyring call failed)."""
    global _cached
    with _lock:
        _cached = None


def _probe(backend: object) -> KeyringStatus:
    name = type(backend).__name__
    module = type(backend).__module__
    if isinstance(backend, null.Keyring | fail.Keyring):
        return KeyringStatus(False, f"{module}.{name}", f"{module}.{name}")
    try:
        keyring.get_password(SERVICE, _PROBE_ACCOUNT)  # unlocks a locked collection, or fails
    except keyring.errors.KeyringError as exc:
        return KeyringStatus(False, f"{module}.{name}", type(exc).__name__)
    except Exception as exc:  # D-Bus libraries raise their own errors on a broken session
        return KeyringStatus(False, f"{module}.{name}", type(exc).__name__)
    return KeyringStatus(True, f"{module}.{name}")


def _failed(exc: Exception) -> KeyringUnavailable:
    forget_status()
    return KeyringUnavailable(type(exc).__name__)


def get(account: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        raise _failed(exc) from None


def put(account: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, account, value)
    except keyring.errors.KeyringError as exc:
        raise _failed(exc) from None


def delete(account: str) -> None:
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise _failed(exc) from None
