"""Client-side key files given on the command line, named in the job journal without the key.

A transfer's `cse_key_ref` for a key file is ``cse-file:<fingerprint>:<path>``: the journal
keeps the file and the fingerprint of its key, never the key, so no keyring is needed and a
resumed job reads the file again (or another file holding the same key) and refuses one that
no longer holds it.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from app.core.cse.errors import CseKeyFileError
from app.core.cse.key_store import key_from_text

FILE_PREFIX = "cse-file:"

_lock = threading.Lock()
_keys: dict[str, bytes] = {}  # fingerprint -> key, for this process only


def fingerprint(key: bytes) -> str:
    """16 hex digits of the key's SHA-256: tells keys apart, reveals nothing usable."""
    return hashlib.sha256(b"eider-cse:" + key).hexdigest()[:16]


def read_key(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CseKeyFileError(
            f"The client-side key file {path} cannot be read ({exc.strerror})"
        ) from None
    key = key_from_text(raw)
    if key is None:
        raise CseKeyFileError(
            f"The client-side key file {path} must hold 32 bytes, or those bytes in base64 or hex"
        )
    return key


def file_ref(path: Path) -> str:
    """Read a key file (raising `CseKeyFileError`) and name it for `TransferOptions`; its key
    serves every job of this process that names the same fingerprint."""
    absolute = path.expanduser().resolve()
    key = read_key(absolute)
    name = fingerprint(key)
    with _lock:
        _keys[name] = key
    return f"{FILE_PREFIX}{name}:{absolute}"


def file_of(ref: str) -> tuple[str, Path] | None:
    """(fingerprint, path) of a key file reference; None for a keyring name."""
    if not ref.startswith(FILE_PREFIX):
        return None
    wanted, _, path = ref[len(FILE_PREFIX) :].partition(":")
    return wanted, Path(path)


def key_for(ref: str) -> bytes:
    """The key a file reference names: read this run, else read again from its file.
    Raises `CseKeyFileError` when the file is gone or holds another key."""
    located = file_of(ref)
    if located is None:
        raise ValueError(f"'{ref}' is not a client-side key file reference")
    wanted, path = located
    with _lock:
        known = _keys.get(wanted)
    if known is not None:
        return known
    key = read_key(path)
    if fingerprint(key) != wanted:
        raise CseKeyFileError(
            f"The client-side key file {path} no longer holds the key the job was started "
            f"with (fingerprint {wanted}); its key has fingerprint {fingerprint(key)}"
        )
    with _lock:
        _keys[wanted] = key
    return key


def forget_loaded_keys() -> None:
    """Drop the keys read so far: the next use reads the files again."""
    with _lock:
        _keys.clear()
