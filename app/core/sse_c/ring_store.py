"""A bookmark's key ring in the secret store (keyring, else the vault or session memory):
read, written, imported from and exported to files. Every call may block (D-Bus, disk)."""

from __future__ import annotations

import os
import secrets as random_source
from pathlib import Path

from app.core import secrets
from app.core.sse_c.fingerprints import KEY_BYTES
from app.core.sse_c.key_file import format_keys, parse_keys, read_key_file
from app.core.sse_c.rings import SSE_C_SECRET_KIND, forget_loaded_rings


def new_key() -> bytes:
    return random_source.token_bytes(KEY_BYTES)


def load_ring(owner: str) -> list[bytes]:
    """The ring stored under `owner`, current key first; [] when there is none."""
    stored = secrets.get_secret(owner, SSE_C_SECRET_KIND)
    return parse_keys(stored.encode(), "in the keyring") if stored else []


def save_ring(owner: str, keys: list[bytes]) -> None:
    if keys:
        secrets.set_secret(owner, SSE_C_SECRET_KIND, format_keys(keys))
    else:
        secrets.delete_secret(owner, SSE_C_SECRET_KIND)
    forget_loaded_rings()


def import_keys(path: Path) -> list[bytes]:
    return read_key_file(path)


def export_keys(path: Path, keys: list[bytes]) -> None:
    """Write the ring as a key file readable by its owner only (0600 where the OS has modes)."""
    text = "# Eider SSE-C key ring: the first key encrypts. Anyone with this file can read\n"
    text += "# every object encrypted with these keys: keep it as safe as the data.\n"
    text += format_keys(keys)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(text)
