"""Which key ring a transfer's `sse_customer_key_ref` names, loaded once per process.

Two kinds of reference:
- ``sse-c-file:<fingerprint>:<path>``: a key file given on the command line. The journal
  keeps this reference (the file and the fingerprint of the key the job writes with), never
  a key; a resumed job reads the file again and refuses one that lost that key.
- any other text: the owner of a keyring entry (`app.core.secrets`) holding key ring text, as
  bookmarks store their rings (an entry of one base64 key is a ring of one).
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.core import secrets
from app.core.sse_c.errors import KeyFileError, RingLostKey
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_file import format_keys, parse_keys, read_key_file
from app.core.sse_c.key_ring import KeyRing

FILE_PREFIX = "sse-c-file:"
# Keyring kind for SSE-C key rings: key ring text, base64 keys one per line, current first.
SSE_C_SECRET_KIND = "sse-c-key"  # noqa: S105 - a keyring entry name, not a secret

_lock = threading.Lock()
_rings: dict[str, KeyRing] = {}


def file_ref(path: Path) -> str:
    """Read a key file (raising `KeyFileError`) and name its ring for `TransferOptions`."""
    absolute = path.expanduser().resolve()
    ring = KeyRing(read_key_file(absolute))
    ref = f"{FILE_PREFIX}{fingerprint(ring.current)}:{absolute}"
    with _lock:
        _rings[ref] = ring
    return ref


def forget_loaded_rings() -> None:
    """Drop the rings read so far: the next use reads files and the keyring again."""
    with _lock:
        _rings.clear()


def file_of(ref: str) -> tuple[str, Path] | None:
    """(fingerprint, path) of a file reference; None for a keyring reference."""
    if not ref.startswith(FILE_PREFIX):
        return None
    wanted, _, path = ref[len(FILE_PREFIX) :].partition(":")
    return wanted, Path(path)


def ring_for(ref: str) -> KeyRing:
    """The ring `ref` names. Raises `KeyFileError`, `RingLostKey` or a `SecretStoreError`."""
    with _lock:
        ring = _rings.get(ref)
    if ring is not None:
        return ring
    located = file_of(ref)
    if located is not None:
        ring = _load_file(*located)
        with _lock:
            return _rings.setdefault(ref, ring)
    return _from_keyring(ref)


def _load_file(wanted: str, path: Path) -> KeyRing:
    ring = KeyRing(read_key_file(path))
    key = ring.by_fingerprint(wanted)
    if key is None:
        raise RingLostKey(str(path), wanted)
    return ring.led_by(key)


def _from_keyring(ref: str) -> KeyRing:
    stored = secrets.get_secret(ref, SSE_C_SECRET_KIND)
    if not stored:
        raise KeyFileError(f"'{ref}'", None, "is not in the keyring")
    cache_key = f"keyring:{ref}:{fingerprint(stored.encode())}"
    with _lock:
        ring = _rings.get(cache_key)
    if ring is not None:
        return ring
    ring = KeyRing(parse_keys(stored.encode(), f"'{ref}'"))
    with _lock:
        return _rings.setdefault(cache_key, ring)


def store_ring(owner: str, keys: list[bytes], place: secrets.Place | None = None) -> None:
    """Keep a bookmark's ring in the keyring (or the vault): never in bookmarks.json."""
    secrets.set_secret(owner, SSE_C_SECRET_KIND, format_keys(keys), place)
